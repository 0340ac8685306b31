package engram.results.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import engram.analysis.Analysis;
import engram.analysis.AnalysisResult;
import engram.analysis.Exclusion;
import engram.analysis.GroupSummary;
import engram.analysis.io.RunRecord;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.report.Headline;
import engram.analysis.report.HtmlReport;
import engram.analysis.report.OutputWriter;
import engram.analysis.scores.ParticipantScore;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.export.control.ReportExport;
import engram.platform.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An experiment's analysis, made the way {@code ./engram analyse --export} makes it: the export zip of the real runs
 * ({@link ExportWriter}, the same rows as a download) is read by the analysis library's {@link StudyReader} and analysed
 * with the experiment's attention rule ({@link ReportExport#options}), so every figure equals {@code analyse} on that
 * export by construction. The result is kept per experiment until the runs change (the key counts runs, completions,
 * saved trials and the last activity, and the settings the analysis reads), and is computed on one background thread,
 * one computation per experiment at a time; a page waits a moment for it and otherwise shows the last result.
 */
@ApplicationScoped
public class Results {

    private static final Logger LOG = Logger.getLogger(Results.class.getName());

    @Inject
    Database database;
    @Inject
    ExportWriter exports;
    @Inject
    Clock clock;

    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "engram-results");
        thread.setDaemon(true);
        return thread;
    });

    /** One participant's scores and the run(s) they came from (several when a participant restarted). */
    public record Participant(ParticipantScore score, List<String> runIds) {
    }

    /**
     * What the page shows of one analysis; the {@link AnalysisResult} itself (with every trial) is not kept.
     *
     * @param key          the state of the runs it was computed from
     * @param at           when it was computed
     * @param millis       how long it took (export, reading, analysis, report)
     * @param error        why there is no analysis (e.g. no completed run yet), else null
     * @param participants every participant scored (completed runs), in export order
     * @param exclusions   every run left out and why, as in exclusions.csv
     * @param conditions   per condition, as in conditions.csv
     * @param headline     the paired tests of the pair conditions (high vs low), as in headline.csv and tests.csv
     * @param dataQuality  the report's data-quality section (display timing, devices), HTML
     * @param reportHtml   the whole report.html
     */
    public record Analysed(String key, Instant at, long millis, String error, double minVigilanceHitRate,
                           double maxFalseAlarmRate, List<Participant> participants, List<Exclusion> exclusions,
                           List<GroupSummary> conditions, List<Headline.Row> headline, String dataQuality, String reportHtml) {

        public boolean failed() {
            return error != null;
        }

        public long excludedCount() {
            return participants.stream().filter(p -> p.score().excluded()).count();
        }

        public long notCompletedCount() {
            return exclusions.stream().filter(e -> e.reason().equals(Exclusion.NOT_COMPLETED)).count();
        }
    }

    /** The latest analysis (null before the first one finished) and whether a newer one is being computed. */
    public record Snapshot(Analysed analysed, boolean updating) {
    }

    private static final class State {
        Analysed latest;
        CompletableFuture<Analysed> running;
    }

    /**
     * The analysis of the experiment's current runs: from the cache when nothing changed, else computed in the
     * background, waiting for it at most {@code wait}.
     */
    public Snapshot current(Experiment experiment, Duration wait) {
        String key = key(experiment);
        State state = states.computeIfAbsent(experiment.id(), id -> new State());
        CompletableFuture<Analysed> job;
        synchronized (state) {
            if (state.latest != null && state.latest.key().equals(key)) {
                return new Snapshot(state.latest, false);
            }
            job = state.running;
            if (job == null) {
                job = CompletableFuture.supplyAsync(() -> compute(experiment, key), worker);
                state.running = job;
                job.whenComplete((analysed, failure) -> {
                    synchronized (state) {
                        if (analysed != null) {
                            state.latest = analysed;
                        }
                        state.running = null;
                    }
                });
            }
        }
        Analysed finished = null;
        try {
            finished = job.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still computing: show the last result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "results of " + experiment.slug() + " failed", e.getCause());
        }
        synchronized (state) {
            if (finished != null && state.running == job) {
                state.latest = finished; // get() can return before the job's whenComplete has stored it
            }
            Analysed latest = state.latest;
            return new Snapshot(latest, latest == null || !latest.key().equals(key));
        }
    }

    /** The state of the runs and settings an analysis depends on; equal keys give equal analyses. */
    String key(Experiment experiment) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(trials_saved), 0),"
                    + " SUM(CASE WHEN state = 'COMPLETED' THEN 1 ELSE 0 END), SUM(CASE WHEN attention_passed = TRUE THEN 1 ELSE 0 END),"
                    + " MAX(last_seen_at), MAX(finished_at) FROM run WHERE experiment_id = ? AND pilot = FALSE AND state <> 'VOIDED'")) {
                q.setLong(1, experiment.id());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    String key = rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4) + "/"
                            + rs.getObject(5) + "/" + rs.getObject(6) + "/" + experiment.stimulusSet().id() + "/"
                            + experiment.minVigilanceHitRate() + "/" + experiment.maxFalseAlarmRate() + "/" + experiment.displayMs()
                            + "/" + experiment.sequenceLength();
                    c.rollback();
                    return key;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The results could not read the database", e);
        }
    }

    /** Export, read, analyse and render, in a temporary folder that is removed afterwards. */
    Analysed compute(Experiment experiment, String key) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        Path folder = null;
        try {
            String tooLarge = tooLargeForThisHeap(experiment);
            if (tooLarge != null) {
                return failed(key, at, started, experiment, tooLarge);
            }
            folder = Files.createTempDirectory("engram-results-");
            Path zip = folder.resolve("export.zip");
            try (OutputStream out = Files.newOutputStream(zip)) {
                exports.write(experiment, false, true, out);
            }
            Study study = StudyReader.create().readExport(zip);
            AnalysisResult result = Analysis.of(study).with(ReportExport.options(experiment)).run();
            Path out = Files.createDirectories(folder.resolve("analysis"));
            OutputWriter.write(result, out, line -> { });
            String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
            return new Analysed(key, at, (System.nanoTime() - started) / 1_000_000, null, result.options().minVigilanceHitRate(),
                    result.options().maxFalseAlarmRate(), participants(result), result.exclusions(), result.conditions(),
                    Headline.of(result), HtmlReport.dataQuality(result), report);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the analysis of " + experiment.slug() + " failed", e);
            return failed(key, at, started, experiment, "The analysis failed: " + e.getMessage());
        } finally {
            if (folder != null) {
                try {
                    OutputWriter.deleteTree(folder);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not remove " + folder, e);
                }
            }
        }
    }

    /**
     * Heap the analysis may need per trial of a completed run: docs/benchmarks/results.md measured at most 1,000 MB in
     * use (sampled without forcing a collection) for 2.77 million trials, about 360 bytes each; 400 keeps a margin.
     */
    long bytesPerTrial = 400;
    static final long BASE_BYTES = 64L << 20;

    /** Why this study is too large to analyse inside this server's heap, or null when it fits. */
    String tooLargeForThisHeap(Experiment experiment) throws IOException {
        long trials;
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COALESCE(SUM(trials_saved), 0) FROM run"
                     + " WHERE experiment_id = ? AND pilot = FALSE AND state = 'COMPLETED'")) {
            c.setReadOnly(true);
            q.setLong(1, experiment.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                trials = rs.getLong(1);
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IOException("The results could not read the database", e);
        }
        Runtime runtime = Runtime.getRuntime();
        long needed = BASE_BYTES + trials * bytesPerTrial;
        long available = availableHeap(runtime);
        if (needed > available) {
            // the heap in use counts garbage not yet collected: on a small heap that alone can refuse an empty study
            System.gc();
            available = availableHeap(runtime);
        }
        if (needed <= available) {
            return null;
        }
        return "The study has " + trials + " trials of completed runs; analysing them in the page needs about " + (needed >> 20)
                + " MB of memory, and this server has " + (available >> 20) + " MB free (-Xmx " + (runtime.maxMemory() >> 20)
                + " MB). Start the server with more memory (e.g. -Xmx" + Math.max(1, (needed * 2 >> 30) + 1) + "g), or download the"
                + " export and run ./engram analyse --export on it.";
    }

    private static long availableHeap(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static Analysed failed(String key, Instant at, long started, Experiment experiment, String error) {
        return new Analysed(key, at, (System.nanoTime() - started) / 1_000_000, error, experiment.minVigilanceHitRate(),
                experiment.maxFalseAlarmRate(), List.of(), List.of(), List.of(), List.of(), "", "");
    }

    private static List<Participant> participants(AnalysisResult result) {
        Set<String> leftOut = new HashSet<>();
        result.study().leftOut().forEach(run -> leftOut.add(run.runId()));
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (RunRecord run : result.study().runs()) {
            if (!leftOut.contains(run.runId())) {
                runs.computeIfAbsent(run.participantId(), p -> new java.util.ArrayList<>()).add(run.runId());
            }
        }
        return result.participants().stream().map(p -> new Participant(p, List.copyOf(runs.getOrDefault(p.participantId(), List.of()))))
                .toList();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** For the benchmark: forget every cached analysis. */
    void clear() {
        states.clear();
    }
}
