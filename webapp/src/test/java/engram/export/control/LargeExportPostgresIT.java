package engram.export.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.testing.EmbeddedPostgresExtension;
import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.Stimulus;
import engram.stimuli.entity.StimulusSet;

/**
 * A 100,000-run export (1,000,000 trials) from a real PostgreSQL streams in constant memory: the heap that stays
 * reachable while the zip is written (sampled after a GC every 2 MB of compressed output) grows by less than 64 MB while about
 * 150 MB of CSV are written. The database runs in its own process, so the heap holds only the export's own state.
 */
class LargeExportPostgresIT {

    static final int RUNS = 100_000;
    static final int TRIALS_PER_RUN = 10;
    static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    static final long SAMPLE_EVERY = 2L * 1024 * 1024;

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();
    private static Database database;

    @BeforeAll
    static void startDatabase() {
        database = POSTGRES.database(4);
    }

    /** Counts the bytes and samples the reachable heap every 2 MB. */
    static final class HeapWatchingSink extends OutputStream {
        long bytes;
        long nextSample = SAMPLE_EVERY;
        long maxUsed;
        int samples;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            if (bytes >= nextSample) {
                nextSample += SAMPLE_EVERY;
                maxUsed = Math.max(maxUsed, usedAfterGc());
                samples++;
            }
        }
    }

    static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void aHundredThousandRunsStreamInConstantMemory() throws Exception {
        Instant now = Instant.parse("2026-11-22T05:00:00Z");
        Experiment experiment = database.write(em -> {
            em.persist(new ImageBlob("0".repeat(64), "image/png", 1, 1, new byte[] {1}));
            StimulusSet set = new StimulusSet("large", "test", now);
            em.persist(set);
            for (int i = 0; i < TRIALS_PER_RUN; i++) {
                em.persist(new Stimulus(set, "img" + i, "img" + i + ".png", null, "foil", "scene", null, null, "0".repeat(64)));
            }
            Experiment e = new Experiment("large", "large", set, now);
            e.setDesign("{}", 1, TRIALS_PER_RUN);
            e.setStatus(Experiment.Status.LIVE);
            em.persist(e);
            for (int i = 0; i < TRIALS_PER_RUN; i++) {
                em.persist(new SequenceItem(e, 1, i, "img" + i, 1, "filler", null));
            }
            return e;
        });
        long started = System.nanoTime();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO run (public_id, token, experiment_id, sequence_id, prolific_pid, study_id, session_id, pilot, state,"
                    + " consented, interruptions, trials_saved, started_at, last_seen_at, reserved_until, finished_at, completion_code, attention_passed)"
                    + " SELECT md5(g::text), 't', " + experiment.id() + ", 1, 'P' || g, 'STUDY', 'S' || g, g % 10 = 0, 'COMPLETED', TRUE, 0, "
                    + TRIALS_PER_RUN + ", now(), now(), now(), now(), 'CODE', TRUE FROM generate_series(1, " + RUNS + ") g");
            s.executeUpdate("INSERT INTO trial (run_id, trial_index, image_id, responded, rt_ms, onset_ms, offset_ms, duration_ms, dropped_frames,"
                    + " visibility_changes, fullscreen_exits, displayed_width, displayed_height, device_pixel_ratio, saved_at)"
                    + " SELECT r.id, i, 'img' || i, i % 3 = 0, 512.25, 1000.0 * i, 1000.0 * i + 1500, 1500.0, 0, 0, 0, 800, 600, 1.0, now()"
                    + " FROM run r CROSS JOIN generate_series(0, " + (TRIALS_PER_RUN - 1) + ") i WHERE r.experiment_id = " + experiment.id());
            c.commit();
        }
        System.out.printf("inserted %d runs and %d trials in %.1f s%n", RUNS, RUNS * TRIALS_PER_RUN, (System.nanoTime() - started) / 1e9);

        ExportWriter writer = new ExportWriter();
        writer.database = database;
        long baseline = usedAfterGc();
        HeapWatchingSink sink = new HeapWatchingSink();
        started = System.nanoTime();
        writer.write(experiment, true, false, sink);
        double seconds = (System.nanoTime() - started) / 1e9;
        long growth = Math.max(0, sink.maxUsed - baseline);
        System.out.printf("exported %d runs: %.1f MB in %.1f s; reachable heap %.1f MB before, at most %.1f MB during (+%.1f MB)%n",
                RUNS, sink.bytes / 1e6, seconds, baseline / 1e6, sink.maxUsed / 1e6, growth / 1e6);
        assertTrue(sink.samples >= 3, "the heap was sampled while streaming: " + sink.samples + " samples over " + sink.bytes + " bytes");
        assertTrue(growth < HEAP_GROWTH_LIMIT, "reachable heap grew by " + growth + " bytes");
        assertEquals(RUNS, count("SELECT COUNT(*) FROM run"));
    }

    private static long count(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
