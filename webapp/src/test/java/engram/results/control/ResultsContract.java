package engram.results.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.analysis.Analysis;
import engram.analysis.AnalysisResult;
import engram.analysis.GroupSummary;
import engram.analysis.io.StudyReader;
import engram.core.design.DesignParameters;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.export.control.ReportExport;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.run.control.StudyFixture;

/** The results controls on a real database (H2 and PostgreSQL run the same cases): attrition, the cached analysis, one run. */
abstract class ResultsContract {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final DesignParameters DESIGN = StudyFixture.DESIGN;

    abstract Database database();

    private Attrition attrition() {
        Attrition a = new Attrition();
        a.database = database();
        a.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return a;
    }

    private Results results() {
        Results r = new Results();
        r.database = database();
        r.exports = new ExportWriter(database());
        r.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return r;
    }

    private RunDetail runDetail() {
        RunDetail d = new RunDetail();
        d.database = database();
        return d;
    }

    Experiment study(String slug) {
        return study(database(), slug);
    }

    /** The demo-sized study (12 pairs, 24 foils, 2 sequences × 30) stored straight into the database. */
    static Experiment study(Database database, String slug) {
        return StudyFixture.create(database, slug, NOW, experiment -> { });
    }

    /**
     * A run that started {@code secondsAgo} before NOW, last seen {@code seenAfter} s after its start, finished
     * {@code finishedAfter} s after it (null: not finished), with {@code trials} trials answered as a participant with
     * the given habit (seeded): repeats recognised with probability 0.8, first showings called repeats with 0.1, and a
     * box on every recognised repeat.
     */
    String run(Experiment e, int sequence, String state, boolean pilot, Boolean passed, long secondsAgo, long seenAfter, Long finishedAfter,
               int trials, long seed, Instant reservedUntil) throws Exception {
        String publicId = UUID.randomUUID().toString();
        Instant start = NOW.minusSeconds(secondsAgo);
        try (Connection c = database().dataSource().getConnection()) {
            long runId;
            try (PreparedStatement q = c.prepareStatement("INSERT INTO run (public_id, token, experiment_id, sequence_id, prolific_pid, study_id,"
                    + " session_id, pilot, state, consented, interruptions, trials_saved, started_at, last_seen_at, reserved_until, finished_at,"
                    + " completion_code, attention_passed, browser, os, refresh_hz) VALUES (?, 't', ?, ?, ?, 'STUDY', ?, ?, ?, TRUE, 0, ?, ?, ?, ?, ?, NULL, ?,"
                    + " 'Chrome 130', 'Linux', 60.02)", Statement.RETURN_GENERATED_KEYS)) {
                q.setString(1, publicId);
                q.setLong(2, e.id());
                q.setInt(3, sequence);
                q.setString(4, "P" + publicId.substring(0, 8));
                q.setString(5, "S" + publicId.substring(0, 8));
                q.setBoolean(6, pilot);
                q.setString(7, state);
                q.setInt(8, trials);
                q.setObject(9, at(start));
                q.setObject(10, at(start.plusSeconds(seenAfter)));
                q.setObject(11, at(reservedUntil));
                q.setObject(12, finishedAfter == null ? null : at(start.plusSeconds(finishedAfter)));
                q.setObject(13, passed);
                q.executeUpdate();
                try (ResultSet keys = q.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            try (PreparedStatement items = c.prepareStatement("SELECT trial_index, image_id, presentation FROM sequence_item"
                    + " WHERE experiment_id = ? AND sequence_id = ? AND trial_index < ? ORDER BY trial_index");
                 PreparedStatement trial = c.prepareStatement("INSERT INTO trial (run_id, trial_index, image_id, responded, rt_ms, onset_ms,"
                         + " offset_ms, duration_ms, dropped_frames, visibility_changes, fullscreen_exits, displayed_width, displayed_height,"
                         + " device_pixel_ratio, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 512, 512, 1.0, ?)", Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement box = c.prepareStatement("INSERT INTO box (trial_id, box_index, x, y, width, height) VALUES (?, 0, 0.25, 0.1, 0.5, 0.3)")) {
                items.setLong(1, e.id());
                items.setInt(2, sequence);
                items.setInt(3, trials);
                try (ResultSet rs = items.executeQuery()) {
                    while (rs.next()) {
                        boolean repeat = rs.getInt(3) == 2;
                        boolean responded = random.nextDouble() < (repeat ? 0.8 : 0.1);
                        int index = rs.getInt(1);
                        trial.setLong(1, runId);
                        trial.setInt(2, index);
                        trial.setString(3, rs.getString(2));
                        trial.setBoolean(4, responded);
                        trial.setObject(5, responded ? 400.0 + random.nextInt(300) : null);
                        trial.setDouble(6, 2000.0 * index);
                        trial.setDouble(7, 2000.0 * index + 1000);
                        trial.setDouble(8, 990 + random.nextInt(30));
                        trial.setInt(9, random.nextInt(10) == 0 ? 1 : 0);
                        trial.setObject(10, at(start.plusSeconds(index)));
                        trial.executeUpdate();
                        if (responded && repeat) {
                            try (ResultSet keys = trial.getGeneratedKeys()) {
                                keys.next();
                                box.setLong(1, keys.getLong(1));
                                box.executeUpdate();
                            }
                        }
                    }
                }
            }
            c.commit();
        }
        return publicId;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Test
    void attritionCountsAndTimesEachOutcomePerSequence() throws Exception {
        Experiment e = study("attrition-" + UUID.randomUUID().toString().substring(0, 8));
        Instant past = NOW.minusSeconds(60);
        Instant future = NOW.plusSeconds(600);
        int n = DESIGN.length();
        run(e, 1, "COMPLETED", false, true, 3600, 600, 600L, n, 1, past);
        run(e, 1, "COMPLETED", false, true, 3600, 800, 800L, n, 2, past);
        run(e, 1, "COMPLETED", false, false, 3600, 500, 500L, n, 3, past);
        run(e, 1, "STARTED", false, null, 3600, 120, null, 5, 4, past);        // abandoned: reservation passed
        run(e, 1, "STARTED", false, null, 100, 90, null, 3, 5, future);        // in progress
        run(e, 1, "NO_CONSENT", false, null, 3600, 30, 30L, 0, 6, past);
        run(e, 2, "RETURNED", false, null, 3600, 300, null, 10, 7, past);      // abandoned: returned on Prolific
        run(e, 2, "NO_DEVICE", false, null, 3600, 20, 20L, 0, 8, past);
        run(e, 2, "VOIDED", false, null, 3600, 20, null, 0, 9, past);         // left out, as in the export
        run(e, 2, "COMPLETED", true, true, 3600, 700, 700L, n, 10, past);      // pilot: left out

        Attrition.Table table = attrition().of(e);
        assertEquals(2, table.sequences().size());
        Attrition.Row one = table.sequences().get(0);
        assertEquals(6, one.started().runs());
        assertEquals(2, one.completed().runs());
        assertEquals(700.0, one.completed().medianSeconds(), 1e-6, "median of 600 s and 800 s");
        assertEquals(1, one.failedAttention().runs());
        assertEquals(500.0, one.failedAttention().medianSeconds(), 1e-6);
        assertEquals(1, one.abandoned().runs());
        assertEquals(120.0, one.abandoned().medianSeconds(), 1e-6, "to the last sign of life");
        assertEquals(1, one.inProgress().runs());
        assertEquals(1, one.noConsent().runs());
        assertEquals(0, one.screenedOut().runs());
        assertNull(one.screenedOut().medianSeconds());
        Attrition.Row two = table.sequences().get(1);
        assertEquals(2, two.started().runs(), "the voided and the pilot run are left out");
        assertEquals(1, two.abandoned().runs());
        assertEquals(300.0, two.abandoned().medianSeconds(), 1e-6);
        assertEquals(1, two.screenedOut().runs());
        assertEquals(0, two.completed().runs());
        Attrition.Row all = table.total();
        assertEquals(8, all.started().runs());
        assertEquals(2, all.abandoned().runs());
        assertEquals(210.0, all.abandoned().medianSeconds(), 1e-6, "median of 120 s and 300 s");
        assertEquals(2.0 / 8, all.completionRate(), 1e-12);
    }

    /** A run_session row of the run: the session waited for (WAITING) with its window, or one marked MISSED. */
    private void session(String runPublicId, String state, Instant opensAt, Instant closesAt) throws Exception {
        try (Connection c = database().dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("INSERT INTO run_session (run_id, session_number, first_phase, state, opens_at, closes_at,"
                     + " refused_early, refused_late) VALUES ((SELECT id FROM run WHERE public_id = ?), 2, 4, ?, ?, ?, 0, 0)")) {
            q.setString(1, runPublicId);
            q.setString(2, state);
            q.setObject(3, at(opensAt));
            q.setObject(4, at(closesAt));
            q.executeUpdate();
            c.commit();
        }
    }

    @Test
    void attritionCountsRunsWaitingForTheNextSessionAndRunsThatMissedItsWindow() throws Exception {
        Experiment e = study("sessions-" + UUID.randomUUID().toString().substring(0, 8));
        Instant past = NOW.minusSeconds(60);
        String early = run(e, 1, "WAITING", false, null, 3600, 400, null, 5, 1, past);        // window ahead
        session(early, "WAITING", NOW.plusSeconds(600), NOW.plusSeconds(7200));
        String open = run(e, 1, "WAITING", false, null, 7200, 500, null, 5, 2, past);         // window open now
        session(open, "WAITING", NOW.minusSeconds(600), NOW.plusSeconds(600));
        String closed = run(e, 2, "WAITING", false, null, 86_400, 300, null, 5, 3, past);     // window closed, never came back
        session(closed, "WAITING", NOW.minusSeconds(7200), NOW.minusSeconds(1));
        String late = run(e, 2, "MISSED", false, null, 86_400, 200, 80_000L, 5, 4, past);     // came back too late
        session(late, "MISSED", NOW.minusSeconds(7200), NOW.minusSeconds(3600));

        Attrition.Table table = attrition().of(e);
        assertEquals(List.of(2L, 0L), List.of(table.sequences().get(0).waiting().runs(), table.sequences().get(0).missed().runs()));
        assertEquals(List.of(0L, 2L), List.of(table.sequences().get(1).waiting().runs(), table.sequences().get(1).missed().runs()));
        Attrition.Row all = table.total();
        assertEquals(List.of(4L, 2L, 2L, 0L, 0L), List.of(all.started().runs(), all.waiting().runs(), all.missed().runs(),
                all.abandoned().runs(), all.inProgress().runs()), "waiting and missed runs are neither abandoned nor in progress");
        assertEquals(450.0, all.waiting().medianSeconds(), 1e-6, "to the last sign of life: median of 400 s and 500 s");
        assertEquals(250.0, all.missed().medianSeconds(), 1e-6, "median of 300 s and 200 s");
    }

    @Test
    void theAnalysisIsAnalyseOnTheExportAndIsCachedUntilTheRunsChange(@TempDir Path folder) throws Exception {
        Experiment e = study("cached-" + UUID.randomUUID().toString().substring(0, 8));
        Results results = results();
        Results.Snapshot none = results.current(e, Duration.ofSeconds(30));
        assertFalse(none.analysed().failed(), "no completed run yet: an analysis of nobody, as analyse makes it: " + none.analysed().error());
        assertEquals(0, none.analysed().participants().size());
        assertTrue(none.analysed().reportHtml().contains("0 participants analysed"), "the report says so");

        int n = DESIGN.length();
        for (int i = 0; i < 6; i++) {
            run(e, 1 + i % 2, "COMPLETED", false, true, 3600, 600, 600L + i, n, 100 + i, NOW);
        }
        String open = run(e, 1, "STARTED", false, null, 100, 90, null, 4, 200, NOW.plusSeconds(600));
        Results.Snapshot first = results.current(e, Duration.ofSeconds(60));
        assertFalse(first.updating());
        Results.Analysed analysed = first.analysed();
        assertNull(analysed.error());
        assertEquals(6, analysed.participants().size());
        assertEquals(1, analysed.notCompletedCount(), "the open run is left out as not completed");
        assertTrue(analysed.reportHtml().contains("Headline results"));
        assertTrue(analysed.dataQuality().contains("Display timing"));

        // The same numbers as the analysis library on the export zip (what ./engram analyse --export reads).
        Path zip = folder.resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            new ExportWriter(database()).write(e, false, false, out);
        }
        AnalysisResult direct = Analysis.of(StudyReader.create().readExport(zip)).with(ReportExport.options(e)).run();
        assertEquals(direct.conditions().size(), analysed.conditions().size());
        for (int i = 0; i < direct.conditions().size(); i++) {
            GroupSummary a = direct.conditions().get(i);
            GroupSummary b = analysed.conditions().get(i);
            assertEquals(a.group(), b.group());
            assertEquals(a.meanHitRate(), b.meanHitRate(), 0.0);
            assertEquals(a.meanFalseAlarmRate(), b.meanFalseAlarmRate(), 0.0);
            assertEquals(a.meanDprime(), b.meanDprime(), 0.0);
        }

        assertSame(analysed, results.current(e, Duration.ofSeconds(60)).analysed(), "nothing changed: the cached analysis");

        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE run SET state = 'COMPLETED', attention_passed = TRUE, finished_at = last_seen_at WHERE public_id = '" + open + "'");
            c.commit();
        }
        Results.Analysed second = results.current(e, Duration.ofSeconds(60)).analysed();
        assertNotSame(analysed, second, "a run completed: a new analysis");
        assertEquals(7, second.participants().size());
        assertEquals(0, second.notCompletedCount());
    }

    @Test
    void aStudyTooLargeForTheHeapIsRefusedWithWhatToDo() throws Exception {
        Experiment e = study("large-" + UUID.randomUUID().toString().substring(0, 8));
        run(e, 1, "COMPLETED", false, true, 3600, 600, 600L, DESIGN.length(), 7, NOW);
        Results results = results();
        results.bytesPerTrial = Runtime.getRuntime().maxMemory(); // as if each trial needed the whole heap
        Results.Analysed refused = results.current(e, Duration.ofSeconds(30)).analysed();
        assertTrue(refused.failed());
        assertTrue(refused.error().startsWith("The study has " + DESIGN.length() + " trials of completed runs"), refused.error());
        assertTrue(refused.error().contains("./engram analyse --export"), refused.error());
    }

    @Test
    void oneRunShowsItsTrialsAndBoxes() throws Exception {
        Experiment e = study("drill-" + UUID.randomUUID().toString().substring(0, 8));
        String id = run(e, 2, "COMPLETED", false, true, 3600, 600, 600L, DESIGN.length(), 42, NOW);
        RunDetail.Detail detail = runDetail().of(e, id);
        assertEquals(id, detail.run().runId());
        assertEquals(2, detail.run().sequenceId());
        assertEquals(DESIGN.length(), detail.trials().size());
        assertEquals(60.02, detail.run().refreshHz(), 1e-9);
        RunDetail.Trial boxed = detail.withBoxes().get(0);
        assertEquals("hit", boxed.outcome());
        assertEquals(2, boxed.presentation());
        assertNotNull(boxed.condition());
        assertEquals("/img/" + "0".repeat(64) + ".png", boxed.imageUrl());
        assertEquals(new RunDetail.Box(0, 0.25, 0.1, 0.5, 0.3), boxed.boxes().get(0));
        assertTrue(detail.trials().stream().filter(t -> !t.responded()).allMatch(t -> t.rtMs() == null && t.boxes().isEmpty()));

        ClientError unknown = assertThrows(ClientError.class, () -> runDetail().of(e, "no-such-run"));
        assertEquals(404, unknown.status());
        Experiment other = study("other-" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(404, assertThrows(ClientError.class, () -> runDetail().of(other, id)).status(), "a run of another experiment");
    }
}
