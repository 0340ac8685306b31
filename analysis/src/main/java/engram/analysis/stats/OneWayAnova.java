package engram.analysis.stats;

import org.apache.commons.statistics.distribution.FDistribution;

/**
 * One-way analysis of variance (Fisher), as {@code scipy.stats.f_oneway}.
 *
 * <p>F = (SS_between/(k−1)) / (SS_within/(N−k)); p = P(F_{k−1, N−k} ≥ F). The reported df is the
 * between-groups df k − 1; the within-groups df is N − k, with N the reported n and
 * k = df + 1. Effect size η² = SS_between / SS_total.
 */
public final class OneWayAnova {
    private OneWayAnova() {
    }

    /**
     * @param groups at least two non-empty groups
     * @return the test result with n = N; NaN F when N − k = 0 or SS_within = 0
     */
    public static TestResult test(double[]... groups) {
        Arguments.checkGroups(groups, 2);
        int k = groups.length;
        int total = 0;
        double grand = 0;
        for (double[] g : groups) {
            total += g.length;
            for (double v : g) {
                grand += v;
            }
        }
        grand /= total;
        double between = 0;
        double within = 0;
        for (double[] g : groups) {
            double m = Descriptive.mean(g);
            between += g.length * (m - grand) * (m - grand);
            for (double v : g) {
                within += (v - m) * (v - m);
            }
        }
        int dfWithin = total - k;
        double f = dfWithin <= 0 || within == 0 ? Double.NaN : (between / (k - 1)) / (within / dfWithin);
        double p = Double.isNaN(f) ? Double.NaN : FDistribution.of(k - 1, dfWithin).survivalProbability(f);
        double ssTotal = between + within;
        return new TestResult("anova", f, (double) (k - 1), p,
            ssTotal == 0 ? null : between / ssTotal, "eta_squared", total, null);
    }
}
