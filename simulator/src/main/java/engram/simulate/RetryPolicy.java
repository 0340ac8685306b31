package engram.simulate;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff like the participant page: the k-th retry (k = 0, 1, …) waits
 * min(cap, initial · 2^k) · (0.75 + 0.5·u) with u uniform in [0, 1), capped at {@code cap}; a request is given up once
 * the next wait would end more than {@code budget} after its first attempt.
 *
 * @param initial first wait before jitter
 * @param cap longest wait
 * @param budget longest total time spent on one request
 */
public record RetryPolicy(Duration initial, Duration cap, Duration budget) {

    /** The page's policy: 500 ms start, 15 s cap, 10 minutes in all. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(10));

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < initial <= cap and budget >= 0, got "
                    + initial + ", " + cap + ", " + budget);
        }
    }

    /** @return the wait in ms before retry number {@code retry} (0-based) */
    public long delayMillis(int retry, RandomGenerator jitter) {
        double base = Math.min(cap.toMillis(), initial.toMillis() * Math.pow(2, Math.min(retry, 40)));
        double jittered = base * (0.75 + 0.5 * jitter.nextDouble());
        return Math.max(1, Math.round(Math.min(cap.toMillis(), jittered)));
    }
}
