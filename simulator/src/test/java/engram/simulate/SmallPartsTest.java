package engram.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Latency summary, retry policy, CSV and manifest reading. */
class SmallPartsTest {

    @Test
    void percentilesUseTheNearestRank() {
        // numpy.percentile(x, [50, 90, 99], method="inverted_cdf") gives the same values for these samples
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[99 - i] = i + 1;
        }
        LatencySummary summary = LatencySummary.of(hundred);
        assertEquals(new LatencySummary(100, 50, 90, 99, 100, 50.5), summary);
        assertEquals(100, hundred[0], "the samples are not sorted in place");
        LatencySummary ten = LatencySummary.of(new double[]{10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(5, ten.p50());
        assertEquals(9, ten.p90());
        assertEquals(10, ten.p99());
        assertTrue(Double.isNaN(LatencySummary.of(new double[0]).p50()));
    }

    @Test
    void backoffDoublesFromTheStartWithJitterUpToTheCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        SplittableRandom jitter = new SplittableRandom(1);
        for (int retry = 0; retry < 12; retry++) {
            double base = Math.min(15_000, 500 * Math.pow(2, retry));
            for (int draw = 0; draw < 200; draw++) {
                long delay = policy.delayMillis(retry, jitter);
                assertTrue(delay >= Math.round(0.75 * base) && delay <= Math.min(15_000, Math.round(1.25 * base)),
                        "retry " + retry + ": " + delay);
            }
        }
        assertEquals(policy.delayMillis(3, new SplittableRandom(4)), policy.delayMillis(3, new SplittableRandom(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }
}
