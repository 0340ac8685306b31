package engram.run.control;

import java.time.Clock;

/** Events per second over the last {@code seconds} whole seconds, counted in one-second buckets (thread-safe). */
final class RateWindow {

    private final Clock clock;
    private final int seconds;
    private final long[] bucketSecond;
    private final long[] bucketCount;

    RateWindow(Clock clock, int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("A rate window needs at least one second, got " + seconds);
        }
        this.clock = clock;
        this.seconds = seconds;
        this.bucketSecond = new long[seconds];
        this.bucketCount = new long[seconds];
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    synchronized void record() {
        long now = clock.millis() / 1000;
        int slot = (int) Math.floorMod(now, (long) seconds);
        if (bucketSecond[slot] != now) {
            bucketSecond[slot] = now;
            bucketCount[slot] = 0;
        }
        bucketCount[slot]++;
    }

    /** Events in the {@code seconds} seconds before the current one, divided by {@code seconds}; the running second is left out. */
    synchronized double perSecond() {
        long now = clock.millis() / 1000;
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            long age = now - bucketSecond[i];
            if (age >= 1 && age <= seconds) {
                total += bucketCount[i];
            }
        }
        return (double) total / seconds;
    }
}
