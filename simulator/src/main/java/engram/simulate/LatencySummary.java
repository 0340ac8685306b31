package engram.simulate;

import java.util.Arrays;

/**
 * Order statistics of latency samples in ms. Percentiles use the nearest-rank rule: the p-th percentile of n sorted
 * samples is the sample at rank ceil(p/100 · n) (1-based); all values are NaN when there are no samples.
 *
 * @param count number of samples
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest sample
 * @param mean arithmetic mean
 */
public record LatencySummary(int count, double p50, double p90, double p99, double max, double mean) {

    /** @return the summary of {@code samplesMs} (not modified) */
    public static LatencySummary of(double[] samplesMs) {
        double[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double sample : sorted) {
            sum += sample;
        }
        return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
    }

    /** @return the nearest-rank percentile {@code p} in (0, 100] of ascending {@code sorted} samples */
    public static double percentile(double[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
