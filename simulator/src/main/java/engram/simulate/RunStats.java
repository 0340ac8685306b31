package engram.simulate;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Live, thread-safe counters of one simulation, read by the progress line and turned into the report. */
final class RunStats {

    final LongAdder runsStarted = new LongAdder();
    final LongAdder runsResumed = new LongAdder();
    final LongAdder participantsFinished = new LongAdder();
    final LongAdder trialsAcknowledged = new LongAdder();
    final LongAdder duplicatesStoredFalse = new LongAdder();
    final LongAdder retries = new LongAdder();
    /** Sessions completed with WAITING (a later session follows). */
    final LongAdder sessionsWaiting = new LongAdder();
    /** Return visits let in within the window. */
    final LongAdder sessionReturns = new LongAdder();
    /** Return visits answered session_too_early. */
    final LongAdder refusedEarly = new LongAdder();
    /** Return visits answered session_too_late. */
    final LongAdder refusedLate = new LongAdder();
    /** Participants left waiting: a window (or a break's minimum) further away than the simulation waits. */
    final LongAdder notWaited = new LongAdder();
    /** Breaks and distractors answered done. */
    final LongAdder timedPhasesDone = new LongAdder();
    /** Phase done answered too_soon. */
    final LongAdder tooSoon = new LongAdder();
    private final Map<String, LongAdder> transientErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<RequestKind, Samples> latencies = new EnumMap<>(RequestKind.class);

    RunStats() {
        for (RequestKind kind : RequestKind.values()) {
            latencies.put(kind, new Samples());
        }
    }

    void transientError(String code) {
        transientErrors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void failure(String code) {
        failures.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void latency(RequestKind kind, long nanos) {
        latencies.get(kind).add(nanos / 1e6);
    }

    Map<String, Long> transientErrors() {
        return snapshot(transientErrors);
    }

    Map<String, Long> failures() {
        return snapshot(failures);
    }

    Map<RequestKind, double[]> latencies() {
        Map<RequestKind, double[]> copy = new EnumMap<>(RequestKind.class);
        latencies.forEach((kind, samples) -> copy.put(kind, samples.toArray()));
        return copy;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    /** A growable array of latency samples in ms. */
    private static final class Samples {
        private double[] values = new double[1024];
        private int size;

        synchronized void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
