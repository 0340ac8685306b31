package engram.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Synthetic participants driving the participant API over HTTP, for pilots and load tests. Immutable: each setting
 * returns a new simulation.
 *
 * <pre>{@code
 * SimulationReport report = Simulation.against(URI.create("http://127.0.0.1:8080"))
 *         .experiment("demo").participants(50).concurrency(8).seed(1)
 *         .hitRate(0.7).falseAlarmRate(0.1).dropout(0.05).reload(0.05)
 *         .run();
 * }</pre>
 *
 * <p>Each participant {@code i} gets PROLIFIC_PID and SESSION_ID from {@link SyntheticIds} and a behaviour generator
 * seeded with {@code seed + i}; see {@link BehaviourModel} for what it answers. Participants run on a fixed pool of
 * {@code concurrency} threads, each sending one request at a time and retrying transient failures under the
 * {@link RetryPolicy}.
 */
public final class Simulation {

    private final Settings settings;

    private Simulation(Settings settings) {
        this.settings = settings;
    }

    /** @return a simulation against the server at {@code base} (its context root, e.g. http://127.0.0.1:8080/) */
    public static Simulation against(URI base) {
        Objects.requireNonNull(base, "base");
        if (!base.isAbsolute() || base.getHost() == null
                || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
            throw new IllegalArgumentException("url must be an absolute http(s) URL, got " + base);
        }
        Settings settings = new Settings();
        settings.base = base;
        return new Simulation(settings);
    }

    /** @return with the experiment's slug */
    public Simulation experiment(String slug) {
        Arguments.notBlank("experiment", slug);
        return with(s -> s.experiment = slug);
    }

    /** @return with {@code count} participants (default 1) */
    public Simulation participants(int count) {
        Arguments.positive("participants", count);
        return with(s -> s.participants = count);
    }

    /** @return with {@code threads} participants at a time (default 1) */
    public Simulation concurrency(int threads) {
        Arguments.positive("concurrency", threads);
        return with(s -> s.concurrency = threads);
    }

    /** @return with this seed (default 1) */
    public Simulation seed(long seed) {
        return with(s -> s.seed = seed);
    }

    /** @return with one hit rate for every repeated image (default 0.7) */
    public Simulation hitRate(double rate) {
        HitRates rates = HitRates.uniform(rate);
        return with(s -> s.hitRates = rates);
    }

    /**
     * @param byCondition hit rate per condition, optionally with a {@value HitRates#DEFAULT_KEY} entry
     * @param conditionByImage condition of each image id (from a manifest, engram.core.format.ManifestReader)
     * @return with per-condition hit rates; images outside the manifest use the default entry, or else 0.7
     */
    public Simulation hitRates(Map<String, Double> byCondition, Map<String, String> conditionByImage) {
        HitRates rates = HitRates.byCondition(byCondition, conditionByImage, 0.7);
        return with(s -> s.hitRates = rates);
    }

    /**
     * @return with this probability of answering 'similar' (old-similar-new) to an image not answered 'old'
     *         (default 0.3)
     */
    public Simulation similarRate(double rate) {
        Arguments.probability("similar rate", rate);
        return with(s -> s.similarRate = rate);
    }

    /** @return with participants returning for later sessions like this (default {@link Returns#ON_TIME}) */
    public Simulation returns(Returns returns) {
        Objects.requireNonNull(returns, "returns");
        return with(s -> s.returns = returns);
    }

    /**
     * Test servers only: the file the server's {@code engram.test.clock-offset-file} names (seconds added to its
     * clock). The simulation then moves the server's clock forward through it instead of waiting for a session's
     * window or a break's minimum; it never moves it back. Never point this at a production server's settings.
     *
     * @return with the server's clock moved through {@code file} (default: none, waits are real)
     */
    public Simulation clockOffsetFile(Path file) {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + file + " (not a file in an existing folder)");
        }
        ServerClock.offsetFile(file); // a file that holds something else than seconds is refused here, naming it
        return with(s -> s.clockOffsetFile = file);
    }

    /**
     * @return with this longest real wait for a session's window or a break's minimum (default 3 minutes); a longer one
     *         is not waited for (the participant ends as {@link ParticipantOutcome.Status#NOT_WAITED})
     */
    public Simulation maxWait(Duration wait) {
        Arguments.nonNegative("max wait", wait.toMillis());
        return with(s -> s.maxWait = wait);
    }

    /** @return with this probability of responding to a first showing (default 0.1) */
    public Simulation falseAlarmRate(double rate) {
        Arguments.probability("false-alarm rate", rate);
        return with(s -> s.falseAlarmRate = rate);
    }

    /** @return with reaction times from normal(mean, sd) in ms (default 700, 150) */
    public Simulation reactionTime(double meanMs, double sdMs) {
        Arguments.positive("RT mean", meanMs);
        Arguments.nonNegative("RT sd", sdMs);
        return with(s -> {
            s.rtMeanMs = meanMs;
            s.rtSdMs = sdMs;
        });
    }

    /** @return with this probability that a participant stops for good at a random position (default 0) */
    public Simulation dropout(double probability) {
        Arguments.probability("dropout", probability);
        return with(s -> s.dropout = probability);
    }

    /** @return with this probability that a participant reloads the page once at a random position (default 0) */
    public Simulation reload(double probability) {
        Arguments.probability("reload", probability);
        return with(s -> s.reload = probability);
    }

    /** @return with a sleep after each acknowledged trial, to mimic people (default 0: a load test) */
    public Simulation trialDelay(Duration delay) {
        Arguments.nonNegative("trial delay", delay.toMillis());
        return with(s -> s.trialDelayMs = delay.toMillis());
    }

    /** @return with arrivals spread evenly over this period (default 0: everybody starts at once, or within one trial interval when paced) */
    public Simulation rampUp(Duration period) {
        Arguments.nonNegative("ramp-up", period.toMillis());
        return with(s -> s.rampUpMs = period.toMillis());
    }

    /** @return writing every acknowledged trial to this CSV file (default: none; kept in the report anyway) */
    public Simulation ackLog(Path file) {
        return with(s -> s.ackLog = file);
    }

    /** @return in pilot mode: the three Prolific parameters are left out and the server makes them up */
    public Simulation pilot(boolean pilot) {
        return with(s -> s.pilot = pilot);
    }

    /** @return with this STUDY_ID (default {@code engram-sim}) */
    public Simulation studyId(String studyId) {
        Arguments.prolificId("study id", studyId);
        return with(s -> s.studyId = studyId);
    }

    /** @return with this retry policy (default {@link RetryPolicy#DEFAULT}) */
    public Simulation retryPolicy(RetryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return with(s -> s.retryPolicy = policy);
    }

    /** @return with this limit on the time spent retrying one request (default 10 minutes) */
    public Simulation retryBudget(Duration budget) {
        Arguments.nonNegative("retry budget", budget.toMillis());
        return with(s -> s.retryPolicy = new RetryPolicy(s.retryPolicy.initial(), s.retryPolicy.cap(), budget));
    }

    /** @return with this timeout on each HTTP attempt (default 30 s) */
    public Simulation requestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
        return with(s -> s.requestTimeout = timeout);
    }

    /** @return with this clock for ack times (default the UTC system clock) */
    public Simulation clock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return with(s -> s.clock = clock);
    }

    /** Told once a second how many participants have finished. */
    @FunctionalInterface
    public interface ProgressListener {
        /** {@code finished} of {@code total} participants have finished (completed, dropped out or failed). */
        void update(long finished, long total);
    }

    /** @return reporting progress to {@code listener} once a second and at the end (default: none) */
    public Simulation progress(ProgressListener listener) {
        return with(s -> s.progress = listener);
    }

    /**
     * Checks that the settings fit together.
     *
     * @throws IllegalArgumentException naming the setting when they do not
     */
    public Simulation validate() {
        if (settings.experiment == null) {
            throw new IllegalArgumentException("experiment must be set");
        }
        if (settings.pilot && settings.reload > 0) {
            throw new IllegalArgumentException("reload needs the Prolific parameters to find the run again,"
                    + " which pilot mode leaves out");
        }
        var missing = settings.hitRates.conditionsWithoutRate();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("hit rate: no rate for manifest condition(s) " + missing
                    + " and no '" + HitRates.DEFAULT_KEY + "' entry");
        }
        return this;
    }

    /**
     * Runs every participant and waits for all of them.
     *
     * @throws IOException when the ack log cannot be written
     * @throws InterruptedException when interrupted; the participants are stopped
     */
    public SimulationReport run() throws IOException, InterruptedException {
        validate();
        Settings s = settings;
        RunStats stats = new RunStats();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(s.requestTimeout.compareTo(Duration.ofSeconds(10)) < 0
                        ? s.requestTimeout : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ParticipantApi api = new ParticipantApi(http, s.base, new ObjectMapper(), s.retryPolicy, s.requestTimeout,
                stats);
        BehaviourModel model = new BehaviourModel(s.hitRates, s.falseAlarmRate, s.rtMeanMs, s.rtSdMs, s.dropout,
                s.reload, s.similarRate);
        ServerClock serverClock = s.clockOffsetFile == null ? ServerClock.local() : ServerClock.offsetFile(s.clockOffsetFile);
        long offsetBefore = serverClock.offsetSeconds();
        long startNanos = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(s.concurrency, daemonThreads("engram-sim-participant-"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("engram-sim-progress-"));
        try (AckLog ackLog = new AckLog(s.ackLog)) {
            SyntheticParticipant.Context context = new SyntheticParticipant.Context(api, model, s.experiment,
                    s.studyId, s.pilot, s.seed, s.trialDelayMs, s.rampUpMs, s.participants, s.clock, stats, ackLog,
                    serverClock, s.returns, s.maxWait);
            ticker.scheduleAtFixedRate(() -> tick(s, stats, ackLog, startNanos), 1, 1, TimeUnit.SECONDS);
            List<SyntheticParticipant> participants = new ArrayList<>(s.participants);
            for (int i = 0; i < s.participants; i++) {
                participants.add(new SyntheticParticipant(context, i));
            }
            all(pool, participants, SyntheticParticipant::run);
            new Returning(pool, participants, serverClock, s.maxWait).run();
            List<ParticipantOutcome> outcomes = new ArrayList<>(s.participants);
            for (SyntheticParticipant participant : participants) {
                if (participant.outcome() == null) {
                    participant.notWaited("still waiting for session " + participant.waiting().session()
                            + " when the simulation gave up its rounds of returns");
                }
                outcomes.add(participant.outcome());
            }
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            tick(s, stats, ackLog, startNanos);
            return report(s, stats, ackLog, outcomes, elapsed, serverClock.offsetSeconds() - offsetBefore);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
        }
    }

    /** A visit of one participant; null when the run waits for a later session. */
    @FunctionalInterface
    private interface Visit {
        ParticipantOutcome of(SyntheticParticipant participant) throws InterruptedException;
    }

    /** Runs {@code visit} for every participant on the pool and waits for all of them. */
    private static void all(ExecutorService pool, List<SyntheticParticipant> participants, Visit visit)
            throws InterruptedException {
        List<Future<ParticipantOutcome>> futures = new ArrayList<>(participants.size());
        for (SyntheticParticipant participant : participants) {
            futures.add(pool.submit(() -> visit.of(participant)));
        }
        try {
            for (Future<ParticipantOutcome> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a synthetic participant crashed", e.getCause());
        }
    }

    /**
     * The return visits of runs that wait for a later session, in rounds, so that a moved server clock never puts a
     * participant outside the window it plans to return in: first the planned early returns try (refused, counted),
     * then the clock moves (or the simulation waits) to the latest window opening of a batch of waiting runs whose
     * windows all contain it, and the batch (early ones again) comes back and plays its session; repeated until no run
     * waits except the late ones, which come back together after the latest of their windows has closed.
     */
    private static final class Returning {
        private final ExecutorService pool;
        private final List<SyntheticParticipant> participants;
        private final ServerClock clock;
        private final Duration maxWait;

        Returning(ExecutorService pool, List<SyntheticParticipant> participants, ServerClock clock, Duration maxWait) {
            this.pool = pool;
            this.participants = participants;
            this.clock = clock;
            this.maxWait = maxWait;
        }

        void run() throws InterruptedException {
            for (int round = 0; round < 10_000; round++) {
                List<SyntheticParticipant> waiting = participants.stream()
                        .filter(p -> p.waiting() != null && p.returns() != Returns.LATE).toList();
                if (waiting.isEmpty()) {
                    break;
                }
                all(pool, waiting.stream().filter(SyntheticParticipant::earlyTryDue).toList(),
                        SyntheticParticipant::returnVisit);
                returnAtLatest(WindowEdge.OPENS, batch(waiting.stream().filter(p -> p.waiting() != null).toList()));
            }
            returnAtLatest(WindowEdge.CLOSES, participants.stream().filter(p -> p.waiting() != null).toList());
        }

        /** Where in its window a batch of runs comes back. */
        private enum WindowEdge {
            OPENS, CLOSES;

            Instant of(SyntheticParticipant.Waiting window) {
                return this == OPENS ? window.opensAt() : window.closesAt();
            }
        }

        /** Brings the clock to the latest {@code edge} of the runs' windows, then the runs come back (if there are any). */
        private void returnAtLatest(WindowEdge edge, List<SyntheticParticipant> who) throws InterruptedException {
            if (who.isEmpty()) {
                return;
            }
            Instant latest = who.stream().map(p -> edge.of(p.waiting())).max(Instant::compareTo).orElseThrow();
            if (reach(latest, who, edge)) {
                all(pool, who, SyntheticParticipant::returnVisit);
            }
        }

        /** The waiting runs in order of their window's opening, as far as every window still holds the latest opening. */
        private static List<SyntheticParticipant> batch(List<SyntheticParticipant> waiting) {
            List<SyntheticParticipant> sorted = new ArrayList<>(waiting);
            sorted.sort(java.util.Comparator.comparing(p -> p.waiting().opensAt()));
            List<SyntheticParticipant> batch = new ArrayList<>();
            Instant earliestClose = Instant.MAX;
            for (SyntheticParticipant p : sorted) {
                Instant closes = p.waiting().closesAt();
                Instant until = closes.isBefore(earliestClose) ? closes : earliestClose;
                if (!p.waiting().opensAt().plusSeconds(3).isBefore(until)) {
                    if (batch.isEmpty()) {
                        batch.add(p); // a window shorter than the clock's step: try anyway
                    }
                    break;
                }
                earliestClose = until;
                batch.add(p);
            }
            return batch;
        }

        /**
         * Brings the server's clock past {@code instant}: moves it through the offset file, or waits when that is within
         * the longest wait; otherwise ends every participant of {@code who} as not waited.
         *
         * @return whether the instant has been reached
         */
        private boolean reach(Instant instant, List<SyntheticParticipant> who, WindowEdge edge) throws InterruptedException {
            if (clock.movable()) {
                clock.advanceTo(instant);
                return true;
            }
            Duration wait = clock.until(instant).plusSeconds(1);
            if (wait.compareTo(maxWait) <= 0) {
                if (!wait.isNegative()) {
                    Thread.sleep(wait.toMillis());
                }
                return true;
            }
            for (SyntheticParticipant p : who) {
                p.notWaited("session " + p.waiting().session() + "'s window " + edge.name().toLowerCase(Locale.ROOT)
                        + " at " + edge.of(p.waiting()) + ", "
                        + Math.round(clock.until(instant).toMillis() / 1000.0) + " s from now: longer than the longest"
                        + " wait (" + maxWait.toSeconds() + " s); the run stays WAITING (against a test server,"
                        + " `clockOffsetFile` moves its clock instead)");
            }
            return false;
        }
    }

    private static SimulationReport report(Settings s, RunStats stats, AckLog ackLog, List<ParticipantOutcome> outcomes,
                                           Duration elapsed, long clockMovedS) {
        int completed = 0;
        int dropped = 0;
        int failed = 0;
        int missed = 0;
        int notWaited = 0;
        for (ParticipantOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case COMPLETED -> completed++;
                case DROPPED -> dropped++;
                case FAILED -> failed++;
                case MISSED -> missed++;
                case NOT_WAITED -> notWaited++;
            }
        }
        SimulationReport.Sessions sessions = new SimulationReport.Sessions(stats.sessionsWaiting.sum(),
                stats.sessionReturns.sum(), stats.refusedEarly.sum(), stats.refusedLate.sum(), missed, notWaited,
                stats.timedPhasesDone.sum(), stats.tooSoon.sum(), clockMovedS);
        return new SimulationReport(s.participants, s.seed, stats.runsStarted.intValue(), stats.runsResumed.intValue(),
                completed, dropped, failed, stats.trialsAcknowledged.sum(), stats.duplicatesStoredFalse.sum(),
                stats.retries.sum(), stats.transientErrors(), stats.failures(), stats.latencies(), ackLog.records(),
                outcomes, elapsed, sessions);
    }

    private static void tick(Settings s, RunStats stats, AckLog ackLog, long startNanos) {
        try {
            ackLog.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (s.progress != null) {
            s.progress.update(stats.participantsFinished.sum(), s.participants);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private Simulation with(Consumer<Settings> change) {
        Settings copy = settings.copy();
        change.accept(copy);
        return new Simulation(copy);
    }

    /** The mutable bag behind an immutable simulation: copied on every change. */
    private static final class Settings implements Cloneable {
        URI base;
        String experiment;
        int participants = 1;
        int concurrency = 1;
        long seed = 1;
        HitRates hitRates = HitRates.uniform(0.7);
        double falseAlarmRate = 0.1;
        double rtMeanMs = 700;
        double rtSdMs = 150;
        double dropout;
        double reload;
        double similarRate = 0.3;
        Returns returns = Returns.ON_TIME;
        Path clockOffsetFile;
        Duration maxWait = Duration.ofMinutes(3);
        long trialDelayMs;
        long rampUpMs;
        Path ackLog;
        boolean pilot;
        String studyId = "engram-sim";
        RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        Duration requestTimeout = Duration.ofSeconds(30);
        Clock clock = Clock.systemUTC();
        ProgressListener progress;

        Settings copy() {
            try {
                return (Settings) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
