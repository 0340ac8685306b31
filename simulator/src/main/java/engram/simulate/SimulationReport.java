package engram.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulation did.
 *
 * @param participants synthetic participants simulated
 * @param seed the seed
 * @param runsStarted runs the server started new (201)
 * @param runsResumed starts answered 200 resumed, reloads included
 * @param runsCompleted participants that got 200 to complete with a completion code
 * @param runsDropped participants that dropped out on purpose
 * @param runsFailed participants that neither completed nor dropped out
 * @param trialsAcknowledged PUTs answered 200
 * @param duplicatesStoredFalse of those, the ones answered {@code stored:false}
 * @param retries requests sent again after a connection error, timeout or 5xx
 * @param transientErrors failed attempts that were retried, by cause ({@code http_503}, {@code timeout},
 *                        {@code connect_failed}, {@code connection_error})
 * @param failures participants that failed, by error code
 * @param latencySamplesMillis round-trip time of every request that got an HTTP answer, by kind, in completion order
 * @param acknowledgedTrials every acknowledged trial, in acknowledgement order
 * @param outcomes one per participant, by index
 * @param elapsed wall-clock time of the whole simulation
 * @param sessions what happened between and around sessions, breaks and distractors (all 0 without them)
 */
public record SimulationReport(int participants, long seed, int runsStarted, int runsResumed, int runsCompleted,
                               int runsDropped, int runsFailed, long trialsAcknowledged, long duplicatesStoredFalse,
                               long retries, Map<String, Long> transientErrors, Map<String, Long> failures,
                               Map<RequestKind, double[]> latencySamplesMillis, List<AckRecord> acknowledgedTrials,
                               List<ParticipantOutcome> outcomes, Duration elapsed, Sessions sessions) {

    /**
     * Sessions, breaks and distractors (experiments with phases).
     *
     * @param waiting sessions completed with WAITING (a later session follows)
     * @param returned return visits let in within their window
     * @param refusedEarly return visits answered {@code session_too_early} (counted by the server as well)
     * @param refusedLate return visits answered {@code session_too_late}
     * @param missed participants whose run ended MISSED, as planned (late returns)
     * @param notWaited participants left waiting: further away than the simulation waits
     * @param timedPhasesDone breaks and distractors answered done
     * @param tooSoon phase-done calls answered {@code too_soon}
     * @param clockMovedS seconds the simulation moved the server's clock forward through the offset file
     */
    public record Sessions(long waiting, long returned, long refusedEarly, long refusedLate, int missed, int notWaited,
                           long timedPhasesDone, long tooSoon, long clockMovedS) {
    }

    public SimulationReport {
        transientErrors = Map.copyOf(transientErrors);
        failures = Map.copyOf(failures);
        latencySamplesMillis = Map.copyOf(latencySamplesMillis);
        acknowledgedTrials = List.copyOf(acknowledgedTrials);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * @return whether every participant ended as planned: completed, dropped out on purpose, missed a session on
     *         purpose (late return) or was left waiting for a window further away than the simulation waits
     */
    public boolean allNonDroppedCompleted() {
        return runsFailed == 0
                && runsCompleted + runsDropped + sessions.missed() + sessions.notWaited() == participants;
    }

    /** @return the round-trip samples of one kind of request, in ms */
    public double[] latencyMillis(RequestKind kind) {
        return latencySamplesMillis.getOrDefault(kind, new double[0]).clone();
    }

    /** @return the order statistics of the trial-save (PUT) round trips */
    public LatencySummary trialSaveLatency() {
        return LatencySummary.of(latencyMillis(RequestKind.SAVE_TRIAL));
    }

    /** @return acknowledged trials per second of elapsed time */
    public double throughputTrialsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? trialsAcknowledged / seconds : 0;
    }

    /** @return a few lines for a person */
    public String summary() {
        LatencySummary save = trialSaveLatency();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "participants %d (seed %d): completed %d, dropped %d, failed %d",
                participants, seed, runsCompleted, runsDropped, runsFailed));
        if (sessions.missed() + sessions.notWaited() > 0) {
            text.append(String.format(Locale.ROOT, ", missed a session %d, not waited for %d", sessions.missed(),
                    sessions.notWaited()));
        }
        text.append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "runs started %d, resumed %d%n", runsStarted, runsResumed));
        if (sessions.waiting() + sessions.timedPhasesDone() + sessions.tooSoon() > 0) {
            text.append(String.format(Locale.ROOT, "sessions: completed with WAITING %d; returns let in %d, refused too"
                    + " early %d, refused too late %d; runs MISSED %d, not waited for %d%n", sessions.waiting(),
                    sessions.returned(), sessions.refusedEarly(), sessions.refusedLate(), sessions.missed(),
                    sessions.notWaited()));
            text.append(String.format(Locale.ROOT, "breaks and distractors done %d (too_soon answers %d)",
                    sessions.timedPhasesDone(), sessions.tooSoon()));
            if (sessions.clockMovedS() > 0) {
                text.append(String.format(Locale.ROOT, "; server clock moved %+d s through the offset file",
                        sessions.clockMovedS()));
            }
            text.append(System.lineSeparator());
        }
        text.append(String.format(Locale.ROOT, "trials acknowledged %d, duplicates answered stored:false %d, "
                + "retries %d%n", trialsAcknowledged, duplicatesStoredFalse, retries));
        text.append("failed attempts by cause (connection error, timeout, 5xx): ").append(transientErrors.isEmpty() ? "none"
                : new java.util.TreeMap<>(transientErrors)).append(System.lineSeparator());
        text.append("failures by code: ").append(failures.isEmpty() ? "none" : new java.util.TreeMap<>(failures))
                .append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "trial-save latency ms (n=%d): p50 %.1f, p90 %.1f, p99 %.1f, "
                + "max %.1f%n", save.count(), save.p50(), save.p90(), save.p99(), save.max()));
        text.append(String.format(Locale.ROOT, "elapsed %.1f s, throughput %.1f trials/s%n",
                elapsed.toNanos() / 1e9, throughputTrialsPerSecond()));
        return text.toString();
    }
}
