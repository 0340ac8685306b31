package engram.analysis.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.StudyReader;
import engram.analysis.report.OutputWriter;
import engram.analysis.report.RecognitionWriter;
import engram.analysis.synthetic.SyntheticExport;
import engram.analysis.synthetic.SyntheticRecognition;
import engram.core.csv.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recognition/ files: their columns are the ones docs/analysis.md lists, and they exist only for test phases. */
class RecognitionOutputTest {
    private static final Path DOC = Path.of("..", "docs", "analysis.md");

    @TempDir
    Path dir;

    @Test
    void filesHaveTheDocumentedColumnsAndTheReportHasTheSection() throws IOException {
        Path zip = dir.resolve("export.zip");
        SyntheticRecognition.writeZip(SyntheticRecognition.Design.example(), zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip)).with(AnalysisOptions.defaults().withSplits(2)).run();
        Path out = dir.resolve("out");
        OutputWriter.writeAtomically(r, out, s -> { });
        Map<String, List<String>> documented = documentedFiles();
        Map<String, List<String>> written = Map.of("phases.csv", RecognitionWriter.PHASE_COLUMNS,
            "participants.csv", RecognitionWriter.PARTICIPANT_COLUMNS, "images.csv", RecognitionWriter.IMAGE_COLUMNS,
            "summary.csv", RecognitionWriter.SUMMARY_COLUMNS, "roc.csv", RecognitionWriter.ROC_COLUMNS,
            "tests.csv", RecognitionWriter.TEST_COLUMNS, "vms.csv", RecognitionWriter.VMS_COLUMNS,
            "vms_maps.csv", RecognitionWriter.VMS_MAP_COLUMNS);
        assertEquals(written.keySet(), documented.keySet());
        for (var e : written.entrySet()) {
            assertEquals(e.getValue(), documented.get(e.getKey()), e.getKey() + " in " + DOC);
            List<String> lines = Files.readAllLines(out.resolve("recognition").resolve(e.getKey()));
            assertEquals(String.join(",", e.getValue()), lines.get(0), e.getKey());
            assertTrue(lines.size() > 1, e.getKey() + " has rows");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"test-phases\">Study and test phases</h2>"));
        assertTrue(html.contains("aria-label=\"ROC of phase 2\""));
        assertTrue(html.contains("<h3 id=\"test-vms\">Boxes on test trials</h3>"));
        assertTrue(html.contains("aria-label=\"Forgetting curve of old-new, dprime\""));
        assertFalse(html.contains("id=\"headline\""), "no game rows: the game's sections are left out");
        // 4 phases, delay of sessions.csv in phases.csv
        List<String> phases = Files.readAllLines(out.resolve("recognition/phases.csv"));
        assertEquals(5, phases.size());
        assertTrue(phases.get(3).startsWith("3,2,old-new,24,"), phases.get(3));
        assertFalse(phases.get(3).endsWith(",,,"), "session 2 has its delay: " + phases.get(3));
    }

    @Test
    void anExportOfTheContinuousGameWritesNoRecognitionFolder() throws IOException {
        Path zip = dir.resolve("game.zip");
        SyntheticExport.writeZip(new SyntheticExport.Design(40, 6, 8, 4, 2, false, 3), zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip)).with(AnalysisOptions.defaults().withSplits(2)).run();
        assertTrue(r.recognition().isEmpty());
        Path out = dir.resolve("out");
        OutputWriter.writeAtomically(r, out, s -> { });
        assertFalse(Files.exists(out.resolve("recognition")));
        assertFalse(Files.readString(out.resolve("report.html")).contains("test-phases"));
    }

    @Test
    void badSessionsFileIsNamed() {
        InputException e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,1,\nP1,r1,2,-5\n"), "sessions.csv"));
        assertEquals("sessions.csv", e.file());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("column delay_s")
            && e.detail().contains("0 or more"), e.getMessage());
        e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,2,60\nP1,r1,2,70\n"), "sessions.csv"));
        assertTrue(e.detail().contains("duplicate session 2"), e.getMessage());
        e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,0,60\n"), "sessions.csv"));
        assertTrue(e.detail().contains("session must be 1 or more"), e.getMessage());
    }

    /** The table of docs/analysis.md's "recognition/ files": file → columns (the text before the first " ("). */
    static Map<String, List<String>> documentedFiles() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("### recognition/ files");
        assertTrue(start >= 0, "no recognition/ files section");
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String t = lines.get(i).trim();
            if (!t.startsWith("| ") || t.startsWith("| file") || t.startsWith("| ---")) {
                continue;
            }
            String[] cells = t.substring(1).split("\\|");
            String columns = cells[1].trim();
            int paren = columns.indexOf(" (");
            List<String> names = new ArrayList<>();
            for (String c : (paren < 0 ? columns : columns.substring(0, paren)).split(",")) {
                names.add(c.trim());
            }
            out.put(cells[0].trim(), names);
        }
        return out;
    }

    @Test
    void threeDelaysAddFriedmanAndPageRowsOverTheParticipantsWithEveryPhase() throws IOException {
        Path zip = dir.resolve("delays.zip");
        SyntheticRecognition.writeZip(SyntheticRecognition.Design.delaysExample(), zip);
        // P001 misses the 7-day test: it stays in the pairwise 2;3 rows but not in the omnibus rows
        Path cut = dir.resolve("cut.zip");
        java.util.Set<String> cutTrials = new java.util.HashSet<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(cut))) {
            // responses.csv comes before boxes.csv in the synthetic zip
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("responses.csv")) {
                    text.lines().filter(l -> l.startsWith("P001,") && l.contains(",4,4,old-new,"))
                        .forEach(l -> cutTrials.add(l.split(",")[2]));
                    text = String.join("\n", text.lines().filter(l -> !(l.startsWith("P001,") && l.contains(",4,4,old-new,")))
                        .toList()) + "\n";
                }
                if (e.getName().equals("boxes.csv")) {
                    text = String.join("\n", text.lines().filter(l -> !(l.startsWith("P001,")
                        && cutTrials.contains(l.split(",")[1]))).toList()) + "\n";
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(cut)).with(AnalysisOptions.defaults().withSplits(2)).run();
        Path out = dir.resolve("out");
        OutputWriter.writeAtomically(r, out, s -> { });
        List<String> tests = Files.readAllLines(out.resolve("recognition/tests.csv"));
        List<String> omnibus = tests.stream().filter(l -> l.startsWith("2;3;4,")).toList();
        // measure by measure, Friedman then Page, as the pairwise rows' measures
        assertEquals(List.of("hit_rate,friedman", "hit_rate,page_trend", "false_alarm_rate,friedman",
            "false_alarm_rate,page_trend", "dprime,friedman", "dprime,page_trend", "auc,friedman", "auc,page_trend"),
            omnibus.stream().map(l -> l.split(",")[1] + "," + l.split(",")[2]).toList());
        for (String l : omnibus) {
            String[] f = l.split(",", -1);
            assertEquals("phase2-phase3-phase4", f[3], l);
            assertEquals("23", f[9], "24 participants, one without phase 4: " + l);
            assertEquals(f[2].equals("friedman") ? "2" : "", f[5], "df: " + l);
            assertEquals(f[2].equals("friedman") ? "kendalls_w" : "", f[8], l);
            assertEquals("", f[10], "no Bayes factor: " + l);
        }
        assertTrue(tests.stream().anyMatch(l -> l.startsWith("2;3,dprime,paired_t,phase2-phase3,") && l.contains(",24,")),
            "P001 stays in the pairwise test of phases 2 and 3");
        assertTrue(tests.stream().anyMatch(l -> l.startsWith("2;4,dprime,paired_t,phase2-phase4,") && l.contains(",23,")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<td>page_trend</td>"));
    }

    @Test
    void twoTestPhasesOfATaskHaveNoOmnibusRows() throws IOException {
        Path zip = dir.resolve("export.zip");
        SyntheticRecognition.writeZip(SyntheticRecognition.Design.example(), zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip)).with(AnalysisOptions.defaults().withSplits(2)).run();
        assertTrue(r.recognition().tests().stream().noneMatch(t -> t.row().result().test().equals("friedman")
            || t.row().result().test().equals("page_trend")));
    }
}
