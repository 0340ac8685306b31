package engram.analysis.stats;

import java.util.Arrays;

/**
 * One-way analysis of variance (Fisher), computed by Commons Statistics' {@code OneWayAnova}, which matches
 * {@code scipy.stats.f_oneway}.
 *
 * <p>F = (SS_between/(k−1)) / (SS_within/(N−k)); p = P(F_{k−1, N−k} ≥ F). The reported df is the
 * between-groups df k − 1; the within-groups df is N − k, with N the reported n and
 * k = df + 1. Effect size η² = SS_between / SS_total, from the library's mean squares. engram keeps NaN for
 * F where N − k = 0 or SS_within = 0 (the library rejects the first and returns an infinite F for the second).
 */
public final class OneWayAnova {
    private static final org.apache.commons.statistics.inference.OneWayAnova ANOVA =
        org.apache.commons.statistics.inference.OneWayAnova.withDefaults();

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
        for (double[] g : groups) {
            total += g.length;
        }
        int dfWithin = total - k;
        if (dfWithin <= 0) {
            return new TestResult("anova", Double.NaN, (double) (k - 1), Double.NaN, null, "eta_squared", total, null);
        }
        var r = ANOVA.test(Arrays.asList(groups));
        double between = r.getMSBG() * (k - 1);
        double within = r.getMSWG() * dfWithin;
        double f = within == 0 ? Double.NaN : r.getStatistic();
        double p = Double.isNaN(f) ? Double.NaN : r.getPValue();
        double ssTotal = between + within;
        return new TestResult("anova", f, (double) (k - 1), p,
            ssTotal == 0 ? null : between / ssTotal, "eta_squared", total, null);
    }
}
