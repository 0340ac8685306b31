package engram.run.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

import engram.platform.Database;
import engram.run.entity.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The participant side's MicroProfile Metrics, served by Payara Micro at GET /metrics (Prometheus text; names in
 * docs/deploy.md): trial saves (counters, a timer and a per-second rate over the last minute) and runs active now
 * (from the database, cached). Counters and the timer are per instance; sum them over instances. The pool's gauges
 * are the platform's (PoolMetrics).
 */
@ApplicationScoped
public class RunMetrics {

    static final Duration ACTIVE_RUNS_CACHE = Duration.ofSeconds(10);
    private static final int RATE_WINDOW_SECONDS = 60;

    @Inject
    MetricRegistry registry;
    @Inject
    Database database;
    @Inject
    Clock clock;

    private Counter trialsStored;
    private Counter trialsRepeated;
    private Counter trialSavesRefused;
    private Timer trialSaveTime;
    private RateWindow storedRate;
    private volatile Instant activeRunsReadAt = Instant.MIN;
    private volatile long activeRuns;

    /** Registers every metric at deployment, so that /metrics lists them before the first save. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
        register();
    }

    synchronized void register() {
        if (trialsStored != null) {
            return;
        }
        storedRate = new RateWindow(clock, RATE_WINDOW_SECONDS);
        trialsStored = registry.counter(Metadata.builder().withName("engram.trials.stored")
                .withDescription("Trials stored for the first time on this instance").build());
        trialsRepeated = registry.counter(Metadata.builder().withName("engram.trials.repeated")
                .withDescription("Trial saves answered stored:false because the same answer was already stored (client retries)").build());
        trialSavesRefused = registry.counter(Metadata.builder().withName("engram.trials.refused")
                .withDescription("Trial saves refused with a 4xx or failed with an error").build());
        trialSaveTime = registry.timer(Metadata.builder().withName("engram.trials.save.time")
                .withDescription("Time to check, store and commit one trial (every save, stored or not)").withUnit(MetricUnits.NANOSECONDS).build());
        registry.gauge(Metadata.builder().withName("engram.trials.stored.rate")
                .withDescription("Trials stored per second on this instance, over the last " + RATE_WINDOW_SECONDS + " s")
                .withUnit(MetricUnits.PER_SECOND).build(), storedRate::perSecond);
        registry.gauge(Metadata.builder().withName("engram.runs.active")
                .withDescription("Runs started and still within their reservation, in the whole database (read at most every "
                        + ACTIVE_RUNS_CACHE.toSeconds() + " s)").build(), this::activeRuns);
    }

    /** Records one trial save that the server answered 200: stored now, or a repeat of a stored answer. */
    public void trialSaved(boolean storedNow, long elapsedNanos) {
        register();
        trialSaveTime.update(Duration.ofNanos(elapsedNanos));
        if (storedNow) {
            trialsStored.inc();
            storedRate.record();
        } else {
            trialsRepeated.inc();
        }
    }

    /** Records a trial save that ended in an error answer. */
    public void trialRefused(long elapsedNanos) {
        register();
        trialSaveTime.update(Duration.ofNanos(elapsedNanos));
        trialSavesRefused.inc();
    }

    long activeRuns() {
        Instant now = clock.instant();
        if (!database.isStarted()) {
            return 0;
        }
        if (now.isBefore(activeRunsReadAt.plus(ACTIVE_RUNS_CACHE))) {
            return activeRuns;
        }
        synchronized (this) {
            if (now.isBefore(activeRunsReadAt.plus(ACTIVE_RUNS_CACHE))) {
                return activeRuns;
            }
            try {
                activeRuns = database.read(em -> em.createQuery(
                                "select count(r) from Run r where r.state = :started and r.reservedUntil > :now", Long.class)
                        .setParameter("started", RunState.STARTED).setParameter("now", now).getSingleResult());
            } finally {
                activeRunsReadAt = now;
            }
            return activeRuns;
        }
    }

}
