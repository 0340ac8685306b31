package engram.results.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.testing.EmbeddedPostgresExtension;
import engram.platform.Database;

/**
 * Benchmark, not a timed test (docs/benchmarks/results.md): the results page's database and cache work over 100,000
 * runs on an embedded PostgreSQL 17. Runs only with {@code -Dengram.benchmark=true}:
 * {@code mvn -o -pl webapp -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ResultsBenchmarkPostgresIT -Dengram.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "engram.benchmark", matches = "true")
class ResultsBenchmarkPostgresIT {

    static final int RUNS = Integer.getInteger("engram.benchmark.runs", 100_000);
    static final int REPEATS = 5;

    @Test
    void theResultsPageOverAHundredThousandRuns() throws Exception {
        try (EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension()) {
            run(postgres.database(4));
        }
    }

    private static void run(Database database) throws Exception {
        Experiment e = ResultsContract.study(database, "bench");
        long started = System.nanoTime();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            // 90 % completed, 4 % abandoned after 10 trials, 3 % no consent, 3 % returned after 10 trials; 2 sequences.
            s.executeUpdate("INSERT INTO run (public_id, token, experiment_id, sequence_id, prolific_pid, study_id, session_id, pilot, state,"
                    + " consented, interruptions, trials_saved, started_at, last_seen_at, reserved_until, finished_at, completion_code,"
                    + " attention_passed, browser, os, refresh_hz)"
                    + " SELECT md5(g::text), 't', " + e.id() + ", 1 + g % 2, 'P' || g, 'STUDY', 'S' || g, FALSE,"
                    + " CASE WHEN g % 100 < 90 THEN 'COMPLETED' WHEN g % 100 < 94 THEN 'STARTED' WHEN g % 100 < 97 THEN 'NO_CONSENT' ELSE 'RETURNED' END,"
                    + " g % 100 < 94 OR g % 100 >= 97, 0, CASE WHEN g % 100 < 90 THEN 30 WHEN g % 100 < 94 OR g % 100 >= 97 THEN 10 ELSE 0 END,"
                    + " now() - interval '1 day' + g * interval '1 second', now() - interval '1 day' + g * interval '1 second' + (300 + g % 600) * interval '1 second',"
                    + " now() - interval '1 hour',"
                    + " CASE WHEN g % 100 < 90 OR (g % 100 >= 94 AND g % 100 < 97) THEN now() - interval '1 day' + g * interval '1 second' + (300 + g % 600) * interval '1 second' END,"
                    + " 'CODE', CASE WHEN g % 100 < 90 THEN g % 50 <> 0 END, CASE WHEN g % 3 = 0 THEN 'Firefox 133' ELSE 'Chrome 131' END, 'Windows',"
                    + " CASE WHEN g % 10 = 0 THEN 120.0 ELSE 60.0 END FROM generate_series(1, " + RUNS + ") g");
            s.executeUpdate("INSERT INTO trial (run_id, trial_index, image_id, responded, rt_ms, onset_ms, offset_ms, duration_ms, dropped_frames,"
                    + " visibility_changes, fullscreen_exits, displayed_width, displayed_height, device_pixel_ratio, saved_at)"
                    + " SELECT r.id, si.trial_index, si.image_id, abs(hashtext(r.id || '-' || si.trial_index)) % 100 < CASE WHEN si.presentation = 2"
                    + " THEN (CASE WHEN si.image_id LIKE '%high' THEN 80 ELSE 65 END) ELSE 8 END, 400 + abs(hashtext(r.public_id || si.trial_index)) % 400,"
                    + " 3500.0 * si.trial_index, 3500.0 * si.trial_index + 3000, " + (e.displayMs() - 10) + " + abs(hashtext(si.image_id || r.id)) % 25,"
                    + " CASE WHEN abs(hashtext(r.id || 'd' || si.trial_index)) % 40 = 0 THEN 1 ELSE 0 END, 0, 0, 512, 512, 1.0, r.started_at"
                    + " FROM run r JOIN sequence_item si ON si.experiment_id = r.experiment_id AND si.sequence_id = r.sequence_id"
                    + " WHERE r.experiment_id = " + e.id() + " AND si.trial_index < r.trials_saved");
            s.executeUpdate("UPDATE trial SET rt_ms = NULL WHERE NOT responded");
            s.executeUpdate("INSERT INTO box (trial_id, box_index, x, y, width, height)"
                    + " SELECT t.id, 0, (abs(hashtext(t.id::text)) % 50) / 100.0, 0.2, 0.3, 0.4 FROM trial t JOIN run r ON r.id = t.run_id"
                    + " JOIN sequence_item si ON si.experiment_id = r.experiment_id AND si.sequence_id = r.sequence_id AND si.trial_index = t.trial_index"
                    + " WHERE r.experiment_id = " + e.id() + " AND t.responded AND si.presentation = 2");
            s.execute("ANALYZE");
            c.commit();
        }
        System.out.printf("[results-benchmark] inserted %d runs, %d trials, %d boxes in %.1f s%n", RUNS, count(database, "trial"),
                count(database, "box"), (System.nanoTime() - started) / 1e9);

        Attrition attrition = new Attrition();
        attrition.database = database;
        attrition.clock = Clock.systemUTC();
        Results results = new Results();
        results.database = database;
        results.exports = new ExportWriter(database);
        results.clock = Clock.systemUTC();
        RunDetail runs = new RunDetail();
        runs.database = database;

        System.out.printf("[results-benchmark] cache key: median %.0f ms%n", median(() -> results.key(e)));
        System.out.printf("[results-benchmark] attrition (2 aggregate queries): median %.0f ms%n", median(() -> attrition.of(e)));
        Attrition.Table table = attrition.of(e);
        assertEquals(RUNS, table.total().started().runs());

        long heapBefore = usedAfterGc();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        started = System.nanoTime();
        Results.Snapshot cold = results.current(e, Duration.ofHours(1));
        double coldSeconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        assertFalse(cold.analysed().failed(), cold.analysed().error());
        System.out.printf("[results-benchmark] first analysis (export, read, analyse, report): %.1f s; %d participants analysed; heap %.0f MB"
                + " before, at most %.0f MB during, %.0f MB after with the analysis cached; report.html %.1f MB%n", coldSeconds,
                cold.analysed().participants().size(), heapBefore / 1e6, sampler.max / 1e6, usedAfterGc() / 1e6,
                cold.analysed().reportHtml().length() / 1e6);
        System.out.printf("[results-benchmark] page with the analysis cached (key + attrition + cache): median %.0f ms%n", median(() -> {
            attrition.of(e);
            Results.Snapshot warm = results.current(e, Duration.ofSeconds(5));
            assertFalse(warm.updating());
            return warm.analysed().participants().subList(0, 50);
        }));
        String runId = cold.analysed().participants().get(RUNS / 3 % cold.analysed().participants().size()).runIds().get(0);
        System.out.printf("[results-benchmark] one run's drill-down: median %.0f ms%n", median(() -> runs.of(e, runId)));
    }

    /** Median wall time of REPEATS calls, after one warm-up call. */
    private static double median(Supplier<Object> work) {
        work.get();
        double[] ms = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[REPEATS / 2];
    }

    private static long count(Database database, String table) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The largest heap in use, sampled every 200 ms (without forcing a GC, so an upper bound of what was live). */
    static final class HeapSampler extends Thread {
        volatile long max;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime runtime = Runtime.getRuntime();
            while (!isInterrupted()) {
                max = Math.max(max, runtime.totalMemory() - runtime.freeMemory());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
