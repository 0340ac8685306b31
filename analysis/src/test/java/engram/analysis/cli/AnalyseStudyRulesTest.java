package engram.analysis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.synthetic.SyntheticExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyse --export} honours the study: an export with abandoned runs (participants.csv) and the experiment's own
 * attention rule (experiment.json), built here as the webapp writes it; the three files by hand are unchanged; bad input.
 */
class AnalyseStudyRulesTest {
    @TempDir
    Path dir;

    /** responses.csv of the synthetic study, by participant, header first. */
    private List<String> responses;
    private List<String> boxes;
    private String manifest;

    private static final String EXPERIMENT_JSON = """
        {
          "slug": "model-study",
          "title": "Model study",
          "displayMs": 1000,
          "minVigilanceHitRate": %s,
          "maxFalseAlarmRate": %s,
          "targetPerSequence": 4,
          "sequenceLength": 30,
          "design": {"seed": 7, "lags": [4, 12]}
        }
        """;

    @BeforeEach
    void synthetic() throws Exception {
        Path files = dir.resolve("files");
        SyntheticExport.writeFolder(new SyntheticExport.Design(30, 24, 10, 3, 3, true, 11), files);
        responses = Files.readAllLines(files.resolve("responses.csv"));
        manifest = Files.readString(files.resolve("manifest.csv"));
        // The webapp's boxes.csv carries run_id; add it from the trial's run.
        Map<String, String> runOf = new HashMap<>();
        for (String row : responses.subList(1, responses.size())) {
            String[] f = row.split(",", -1);
            runOf.put(f[0], f[11]);
        }
        List<String> raw = Files.readAllLines(files.resolve("boxes.csv"));
        boxes = new ArrayList<>();
        boxes.add(raw.get(0) + ",run_id");
        for (String row : raw.subList(1, raw.size())) {
            boxes.add(row + "," + runOf.get(row.split(",", 2)[0]));
        }
    }

    /** participant → rows of responses.csv, in file order. */
    private Map<String, List<String>> byParticipant() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String row : responses.subList(1, responses.size())) {
            rows.computeIfAbsent(row.split(",", 2)[0], k -> new ArrayList<>()).add(row);
        }
        return rows;
    }

    /**
     * An export in which the second participant stopped after 7 trials (STARTED, abandoned), the fourth after 5
     * (RETURNED), and one more declined consent; everyone else completed.
     */
    private Path export(String experimentJson, String participantsCsv) throws Exception {
        Map<String, List<String>> rows = byParticipant();
        List<String> ids = new ArrayList<>(rows.keySet());
        String abandoned = ids.get(1);
        String returned = ids.get(3);
        StringBuilder r = new StringBuilder(responses.get(0)).append('\n');
        StringBuilder p = new StringBuilder("participant_id,run_id,sequence_id,study_id,session_id,state,pilot,consented,started_at,"
            + "finished_at,trials_saved,interruptions,completion_code,attention_passed\n");
        Set<String> kept = new java.util.HashSet<>();
        for (String id : ids) {
            List<String> trials = rows.get(id);
            int n = id.equals(abandoned) ? 7 : id.equals(returned) ? 5 : trials.size();
            for (String t : trials.subList(0, n)) {
                r.append(t).append('\n');
                kept.add(id + "," + t.split(",", -1)[2]);
            }
            String[] first = trials.get(0).split(",", -1);
            String state = id.equals(abandoned) ? "STARTED" : id.equals(returned) ? "RETURNED" : "COMPLETED";
            p.append(id).append(',').append(first[11]).append(',').append(first[1]).append(",STUDY,SES-").append(id).append(',')
                .append(state).append(",0,1,2026-11-30T10:00:00Z,").append(state.equals("COMPLETED") ? "2026-11-30T10:20:00Z" : "")
                .append(',').append(n).append(",0,").append(state.equals("COMPLETED") ? "C1,1" : ",").append('\n');
        }
        p.append("PNOCONSENT,runX,S1,STUDY,SES-X,NO_CONSENT,0,0,2026-11-30T10:00:00Z,2026-11-30T10:01:00Z,0,0,NC,\n");
        StringBuilder b = new StringBuilder(boxes.get(0)).append('\n');
        for (String row : boxes.subList(1, boxes.size())) {
            String[] f = row.split(",", -1);
            if (kept.contains(f[0] + "," + f[1])) {
                b.append(row).append('\n');
            }
        }
        Path zip = dir.resolve("export-" + System.nanoTime() + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("responses.csv", r.toString());
            entries.put("boxes.csv", b.toString());
            entries.put("manifest.csv", manifest);
            entries.put("participants.csv", participantsCsv == null ? p.toString() : participantsCsv);
            entries.put("experiment.json", experimentJson);
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyseMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, text);
        return text;
    }

    private static List<Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void incompleteRunsAreLeftOutAndTheExperimentsAttentionRuleApplies() throws Exception {
        Path zip = export(EXPERIMENT_JSON.formatted("1.0", "0.25"), null);
        Path out = dir.resolve("out");
        String log = run(0, "--export", zip.toString(), "--out", out.toString(), "--splits", "20");
        assertTrue(log.contains("left out 3 run(s) that did not complete"), log);
        assertTrue(log.contains("vigilance hit rate >= 1.0 (experiment.json)") && log.contains("false-alarm rate < 0.25 (experiment.json)"), log);

        List<String> ids = new ArrayList<>(byParticipant().keySet());
        List<Map<String, String>> participants = csv(out.resolve("participants.csv"));
        assertEquals(22, participants.size(), "24 synthetic runs, 2 of them incomplete");
        Set<String> analysed = participants.stream().map(m -> m.get("participant_id")).collect(Collectors.toSet());
        assertFalse(analysed.contains(ids.get(1)) || analysed.contains(ids.get(3)), "the abandoned and the returned run are not analysed");

        List<Map<String, String>> exclusions = csv(out.resolve("exclusions.csv"));
        assertEquals(List.of("participant_id", "run_id", "reason", "state", "trials", "trials_expected", "vigilance_hit_rate",
            "min_vigilance_hit_rate", "false_alarm_rate", "max_false_alarm_rate"), List.copyOf(exclusions.get(0).keySet()));
        List<Map<String, String>> notCompleted = exclusions.stream().filter(e -> e.get("reason").equals("not_completed")).toList();
        assertEquals(List.of(ids.get(1) + ",STARTED,7,30", ids.get(3) + ",RETURNED,5,30", "PNOCONSENT,NO_CONSENT,0,30"),
            notCompleted.stream().map(e -> e.get("participant_id") + "," + e.get("state") + "," + e.get("trials") + "," + e.get("trials_expected")).toList());

        // Every attention exclusion is held to experiment.json's rule, and every analysed participant is listed iff it breaks it.
        Map<String, Set<String>> reasons = new HashMap<>();
        for (Map<String, String> e : exclusions) {
            if (e.get("reason").equals("not_completed")) {
                continue;
            }
            assertEquals(1.0, number(e.get("min_vigilance_hit_rate")));
            assertEquals(0.25, number(e.get("max_false_alarm_rate")));
            assertEquals("COMPLETED", e.get("state"));
            reasons.computeIfAbsent(e.get("participant_id"), k -> new java.util.HashSet<>()).add(e.get("reason"));
        }
        int low = 0;
        for (Map<String, String> p : participants) {
            double vigilance = number(p.get("vigilance_hit_rate"));
            double far = number(p.get("false_alarm_rate"));
            Set<String> expected = new java.util.HashSet<>();
            if (vigilance < 1.0) {
                expected.add("low_vigilance");
                low++;
            }
            if (far >= 0.25) {
                expected.add("high_false_alarms");
            }
            assertEquals(expected, reasons.getOrDefault(p.get("participant_id"), Set.of()), p.toString());
            assertEquals(!expected.isEmpty(), Boolean.parseBoolean(p.get("excluded")), p.toString());
        }
        assertTrue(low > 0 && low < participants.size(), "the strict rule excludes some but not all: " + low);

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"exclusions\">Exclusions</h2>"), "the report lists the exclusions");
        for (Map<String, String> e : exclusions) {
            assertTrue(html.contains("<td>" + e.get("participant_id") + "</td><td>" + e.get("run_id") + "</td><td>" + e.get("reason") + "</td>"),
                "report row for " + e);
        }
    }

    @Test
    void anExportWithoutACompletedRunStillGivesAReport() throws Exception {
        String header = "participant_id,run_id,sequence_id,study_id,session_id,state,pilot,consented,started_at,finished_at,"
            + "trials_saved,interruptions,completion_code,attention_passed\n";
        StringBuilder p = new StringBuilder(header);
        for (String id : byParticipant().keySet()) {
            String run = byParticipant().get(id).get(0).split(",", -1)[11];
            p.append(id).append(',').append(run).append(",S1,STUDY,SES,STARTED,0,1,2026-11-30T10:00:00Z,,30,0,,\n");
        }
        Path out = dir.resolve("out");
        String log = run(0, "--export", export(EXPERIMENT_JSON.formatted("0.6", "0.4"), p.toString()).toString(), "--out", out.toString(),
            "--splits", "5");
        assertTrue(log.contains("left out 24 run(s) that did not complete (--include-incomplete keeps them)"), log);
        assertEquals(24, csv(out.resolve("exclusions.csv")).size());
        assertTrue(csv(out.resolve("participants.csv")).isEmpty());
    }

    @Test
    void flagsOverrideTheExperimentsRuleAndIncludeIncompleteKeepsEveryRun() throws Exception {
        Path zip = export(EXPERIMENT_JSON.formatted("1.0", "0.25"), null);
        Path out = dir.resolve("out");
        String log = run(0, "--export", zip.toString(), "--out", out.toString(), "--splits", "20", "--min-vigilance", "0",
            "--include-incomplete");
        assertTrue(log.contains("vigilance hit rate >= 0.0 (--min-vigilance)") && log.contains("< 0.25 (experiment.json)"), log);
        assertEquals(24, csv(out.resolve("participants.csv")).size(), "the incomplete runs are analysed");
        List<Map<String, String>> exclusions = csv(out.resolve("exclusions.csv"));
        assertTrue(exclusions.stream().noneMatch(e -> e.get("reason").equals("not_completed") || e.get("reason").equals("low_vigilance")),
            exclusions.toString());
        assertTrue(exclusions.stream().allMatch(e -> number(e.get("false_alarm_rate")) >= 0.25 && number(e.get("min_vigilance_hit_rate")) == 0),
            exclusions.toString());
    }

    @Test
    void threeFilesByHandAreAnalysedAsBefore() throws Exception {
        Path files = dir.resolve("files");
        Path byHand = dir.resolve("by-hand");
        run(0, "--responses", files.resolve("responses.csv").toString(), "--boxes", files.resolve("boxes.csv").toString(),
            "--manifest", files.resolve("manifest.csv").toString(), "--out", byHand.toString(), "--splits", "20");
        Path zip = dir.resolve("three.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("manifest.csv", "responses.csv", "boxes.csv")) {
                z.putNextEntry(new ZipEntry(name));
                Files.copy(files.resolve(name), z);
                z.closeEntry();
            }
        }
        Path exported = dir.resolve("three-zip");
        run(0, "--export", zip.toString(), "--out", exported.toString(), "--splits", "20");
        for (String f : List.of("participants.csv", "images.csv", "tests.csv", "exclusions.csv")) {
            assertArrayEquals(Files.readAllBytes(byHand.resolve(f)), Files.readAllBytes(exported.resolve(f)), f);
        }
        assertEquals(24, csv(byHand.resolve("participants.csv")).size(), "every run is analysed");
        for (Map<String, String> e : csv(byHand.resolve("exclusions.csv"))) {
            assertEquals("", e.get("run_id"));
            assertEquals(0.60, number(e.get("min_vigilance_hit_rate")), "the default rule");
            assertEquals(0.40, number(e.get("max_false_alarm_rate")), "the default rule");
        }
        String err = run(2, "--responses", files.resolve("responses.csv").toString(), "--boxes", files.resolve("boxes.csv").toString(),
            "--manifest", files.resolve("manifest.csv").toString(), "--out", byHand.toString(), "--include-incomplete");
        assertTrue(err.contains("--include-incomplete goes with --export"), err);
    }

    @Test
    void thresholdsOutsideZeroToOneAreRefusedNamingTheField() throws Exception {
        // a flag out of range is a usage error (exit 2); a bad experiment.json is a failed run (exit 1)
        Path out = dir.resolve("out");
        Path good = export(EXPERIMENT_JSON.formatted("0.6", "0.4"), null);
        assertTrue(run(2, "--export", good.toString(), "--out", out.toString(), "--min-vigilance", "1.5").contains("--min-vigilance must be between 0 and 1, got 1.5"));
        assertTrue(run(2, "--export", good.toString(), "--out", out.toString(), "--max-far", "-0.1").contains("--max-far must be between 0 and 1, got -0.1"));
        assertTrue(run(2, "--export", good.toString(), "--out", out.toString(), "--max-far", "NaN").contains("--max-far must be between 0 and 1"));
        String err = run(1, "--export", export(EXPERIMENT_JSON.formatted("1.5", "0.4"), null).toString(), "--out", out.toString());
        assertTrue(err.contains("experiment.json, line 5: field minVigilanceHitRate must be between 0 and 1, found 1.5"), err);
        err = run(1, "--export", export(EXPERIMENT_JSON.formatted("0.6", "-2"), null).toString(), "--out", out.toString());
        assertTrue(err.contains("experiment.json, line 6: field maxFalseAlarmRate must be between 0 and 1, found -2"), err);
        err = run(1, "--export", export(EXPERIMENT_JSON.formatted("0.6", "\"high\""), null).toString(), "--out", out.toString());
        assertTrue(err.contains("experiment.json, line 6: field maxFalseAlarmRate must be a number between 0 and 1"), err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void malformedExperimentJsonAndParticipantsCsvNameTheFileAndLine() throws Exception {
        Path out = dir.resolve("out");
        String err = run(1, "--export", export(EXPERIMENT_JSON.formatted("0.6", "0.4").replace("\"displayMs\": 1000,", "\"displayMs\": 1000"), null).toString(),
            "--out", out.toString());
        assertTrue(err.contains("experiment.json, line 5: not valid JSON"), err);
        err = run(1, "--export", export(EXPERIMENT_JSON.formatted("0.6", "0.4").replace("\"minVigilanceHitRate\": 0.6,", ""), null).toString(),
            "--out", out.toString());
        assertTrue(err.contains("experiment.json: field minVigilanceHitRate is missing"), err);

        String header = "participant_id,run_id,sequence_id,study_id,session_id,state,pilot,consented,started_at,finished_at,"
            + "trials_saved,interruptions,completion_code,attention_passed\n";
        String ok = "P0,run0,S0,STUDY,SES,COMPLETED,0,1,2026-11-30T10:00:00Z,2026-11-30T10:20:00Z,30,0,C1,1\n";
        String json = EXPERIMENT_JSON.formatted("0.6", "0.4");
        err = run(1, "--export", export(json, header + ok + "P1,run1,S1,STUDY,SES,FINISHED,0,1,,,30,0,C1,1\n").toString(), "--out", out.toString());
        assertTrue(err.contains("participants.csv, line 3, column state: state must be one of"), err);
        err = run(1, "--export", export(json, header + ok + "P1,run1,S1,STUDY,SES,COMPLETED,0,1,,,lots,0,C1,1\n").toString(), "--out", out.toString());
        assertTrue(err.contains("participants.csv, line 3, column trials_saved"), err);
        err = run(1, "--export", export(json, header + ok + ok.replace("P0", "P1")).toString(), "--out", out.toString());
        assertTrue(err.contains("participants.csv, line 3, column run_id: duplicate run_id 'run0' (first on line 2)"), err);
        err = run(1, "--export", export(json, "participant_id,run_id,state\n").toString(), "--out", out.toString());
        assertTrue(err.contains("participants.csv") && err.contains("sequence_id"), err);
        err = run(1, "--export", export(json, header + ok).toString(), "--out", out.toString());
        assertTrue(err.contains("responses.csv, line ") && err.contains("column run_id: run_id 'run1' is not in participants.csv"), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
