package engram.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.synthetic.SyntheticExport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's data-quality section on an export as the webapp writes it: display durations and dropped frames from
 * responses.csv against experiment.json's displayMs, and browsers, systems and refresh rates from participants.csv
 * (runs that did not complete are not counted). Expected figures are computed here from the same rows.
 */
class DataQualityReportTest {
    @TempDir
    Path dir;

    @Test
    void timingBiasSdDroppedFramesAndDevicesOfTheRunsAnalysed() throws Exception {
        Path files = dir.resolve("files");
        SyntheticExport.writeFolder(new SyntheticExport.Design(30, 12, 10, 3, 3, true, 5), files);
        List<String> rows = Files.readAllLines(files.resolve("responses.csv"));
        Map<String, String> runOf = new LinkedHashMap<>();
        StringBuilder responses = new StringBuilder(rows.get(0)).append(",dropped_frames\n");
        List<String> participants = new ArrayList<>();
        double sum = 0;
        int n = 0;
        int withDrops = 0;
        String abandoned = null;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",", -1);
            if (!runOf.containsKey(f[0])) {
                participants.add(f[0]);
                if (participants.size() == 2) {
                    abandoned = f[0];
                }
            }
            runOf.put(f[0], f[11]);
            // durations 1000 + (i mod 5) · 8.3 ms; every 7th trial drops 2 frames
            double duration = 1000 + (i % 5) * 8.3;
            int dropped = i % 7 == 0 ? 2 : 0;
            f[10] = BigDecimal.valueOf(duration).toPlainString();
            responses.append(String.join(",", f)).append(',').append(dropped).append('\n');
            if (!f[0].equals(abandoned)) {
                sum += duration;
                n++;
                withDrops += dropped > 0 ? 1 : 0;
            }
        }
        StringBuilder runs = new StringBuilder("participant_id,run_id,sequence_id,study_id,session_id,state,pilot,consented,"
            + "started_at,finished_at,trials_saved,interruptions,completion_code,attention_passed,browser,os,screen,window,refresh_hz\n");
        for (int k = 0; k < participants.size(); k++) {
            String id = participants.get(k);
            String state = id.equals(abandoned) ? "STARTED" : "COMPLETED";
            String browser = k % 3 == 0 ? "Firefox 128" : "Chrome 126";
            String refresh = k % 4 == 0 ? "119.8" : "60.02";
            runs.append(id).append(',').append(runOf.get(id)).append(",S0,STUDY,SES,").append(state)
                .append(",0,1,2026-11-30T10:00:00Z,,10,0,,").append(state.equals("COMPLETED") ? "1" : "").append(',')
                .append(browser).append(",Windows,1920x1080,1280x900,").append(refresh).append('\n');
        }
        List<String> rawBoxes = Files.readAllLines(files.resolve("boxes.csv"));
        StringBuilder boxes = new StringBuilder(rawBoxes.get(0)).append(",run_id\n");
        for (String row : rawBoxes.subList(1, rawBoxes.size())) {
            boxes.append(row).append(',').append(runOf.get(row.split(",", 2)[0])).append('\n');
        }
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("responses.csv", responses.toString());
            entries.put("boxes.csv", boxes.toString());
            entries.put("manifest.csv", Files.readString(files.resolve("manifest.csv")));
            entries.put("participants.csv", runs.toString());
            entries.put("experiment.json", "{\"displayMs\": 1000, \"minVigilanceHitRate\": 0.6, \"maxFalseAlarmRate\": 0.4}");
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        Study study = StudyReader.withProgress(s -> { }).readExport(zip, false);
        AnalysisResult r = Analysis.of(study).with(AnalysisOptions.defaults().withSplits(5)).run();
        String html = HtmlReport.render(r, List.of());

        double mean = sum / n;
        assertEquals(n, study.responses().timing().trials(), "the abandoned run's trials are not counted");
        String bias = new BigDecimal(mean - 1000).setScale(1, RoundingMode.HALF_UP).toPlainString();
        assertTrue(html.contains("<th scope=\"row\">designed display duration</th><td>1000 ms</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">bias (mean measured − designed)</th><td>+" + bias + " ms</td>"), bias);
        String share = new BigDecimal(100.0 * withDrops / n).setScale(1, RoundingMode.HALF_UP).toPlainString();
        assertTrue(html.contains("<td>" + withDrops + " of " + n + " (" + share + "%)</td>"), html.substring(html.indexOf("data-quality")));
        // 12 participants, the second abandoned: 11 analysed; k = 0, 3, 6, 9 use Firefox, k = 0, 4, 8 run at 120 Hz
        assertTrue(html.contains("<th scope=\"row\">browser</th><td>Chrome 126: 7, Firefox 128: 4</td>"), html.substring(html.indexOf("Devices")));
        assertTrue(html.contains("<th scope=\"row\">operating system</th><td>Windows: 11</td>"));
        assertTrue(html.contains("<th scope=\"row\">refresh rate</th><td>60 Hz: 8, 120 Hz: 3</td>"));
    }
}
