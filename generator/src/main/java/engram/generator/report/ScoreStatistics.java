package engram.generator.report;

import engram.analysis.stats.Descriptive;
import engram.analysis.stats.PairedTTest;
import engram.analysis.stats.TestResult;
import engram.analysis.stats.WilcoxonSignedRankTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summaries and tests of predicted scores for generation reports (tests come from engram-analysis). */
public final class ScoreStatistics {
    private ScoreStatistics() {
    }

    /**
     * n, mean, sd (n − 1), min, quartiles (linear interpolation between order statistics, Hyndman and Fan
     * 1996 type 7) and max.
     */
    public static Map<String, Object> summary(double[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", values.length);
        if (values.length == 0) {
            return m;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        m.put("mean", round(Descriptive.mean(values)));
        m.put("sd", values.length > 1 ? round(Descriptive.sd(values)) : null);
        m.put("min", round(sorted[0]));
        m.put("q1", round(quantile(sorted, 0.25)));
        m.put("median", round(quantile(sorted, 0.5)));
        m.put("q3", round(quantile(sorted, 0.75)));
        m.put("max", round(sorted[sorted.length - 1]));
        return m;
    }

    /** Type-7 quantile of sorted values: x[h] with h = (n − 1)p, interpolated. */
    public static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Paired t-test and Wilcoxon signed-rank test of x against y, or the reason they could not be run. */
    public static Map<String, Object> pairedTests(double[] x, double[] y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairedT", attempt(() -> PairedTTest.test(x, y)));
        m.put("wilcoxon", attempt(() -> WilcoxonSignedRankTest.test(x, y)));
        return m;
    }

    private static Object attempt(java.util.function.Supplier<TestResult> test) {
        try {
            return test.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    /** Rounds to 6 decimals for reports. */
    public static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
