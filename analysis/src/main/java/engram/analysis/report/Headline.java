package engram.analysis.report;

import engram.analysis.AnalysisResult;
import engram.analysis.TestRow;
import engram.analysis.scores.ImageScore;
import engram.analysis.stats.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The report's headline: the paired tests of the two pair conditions (e.g. high vs low) on image hit rate and on true
 * VMS intensity. The test figures (t, df, p, d_z, BF10, Wilcoxon p) are the rows of tests.csv; this class adds the
 * condition means and the mean paired difference with its 95% confidence interval,
 * mean(d) ± t<sub>.975, n−1</sub> · sd(d)/√n (Student's t; {@link TDistribution}), over the same pairs the test used:
 * per pair id, the first image of each condition in manifest order, both with a value.
 */
public final class Headline {
    /** The measures in the headline, in order, with their labels and units. */
    static final Map<String, String> MEASURES = new LinkedHashMap<>();

    static {
        MEASURES.put("hit_rate", "Hit rate");
        MEASURES.put("vms_true_intensity", "VMS intensity (true boxes)");
    }

    /**
     * One headline comparison.
     *
     * @param measure        the measure's column name in tests.csv and images.csv
     * @param label          how the report names it
     * @param first          the first pair condition (e.g. high)
     * @param second         the second pair condition (e.g. low)
     * @param pairs          pairs with a value for both members (the test's n)
     * @param meanFirst      mean over those pairs of the first member's value
     * @param meanSecond     mean of the second member's value
     * @param meanDifference mean of first − second
     * @param ciLow          lower end of the 95% CI of the mean difference (NaN below 2 pairs)
     * @param ciHigh         upper end
     * @param t              the paired t-test row of tests.csv (null when absent)
     * @param wilcoxon       the Wilcoxon signed-rank row of tests.csv (null when absent)
     */
    public record Row(String measure, String label, String first, String second, int pairs, double meanFirst,
                      double meanSecond, double meanDifference, double ciLow, double ciHigh, TestResult t,
                      TestResult wilcoxon) {
    }

    private Headline() {
    }

    /** @return the headline rows of an analysis, hit rate first */
    public static List<Row> of(AnalysisResult r) {
        String first = r.options().pairConditions().get(0);
        String second = r.options().pairConditions().get(1);
        String groups = first + "-" + second;
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> m : MEASURES.entrySet()) {
            ToDoubleFunction<ImageScore> value = m.getKey().equals("hit_rate") ? ImageScore::hitRate : ImageScore::vmsTrueIntensity;
            double[][] xy = pairedValues(r.images(), first, second, value);
            double[] x = xy[0];
            double[] y = xy[1];
            int n = x.length;
            double sumX = 0;
            double sumY = 0;
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                sumX += x[i];
                sumY += y[i];
                d[i] = x[i] - y[i];
            }
            double[] ci = meanCi95(d);
            double meanD = ci[0];
            double low = ci[1];
            double high = ci[2];
            rows.add(new Row(m.getKey(), m.getValue(), first, second, n, n == 0 ? Double.NaN : sumX / n,
                n == 0 ? Double.NaN : sumY / n, meanD, low, high, find(r.tests(), m.getKey(), groups, "paired_t"),
                find(r.tests(), m.getKey(), groups, "wilcoxon")));
        }
        return rows;
    }

    /**
     * @return {mean, low, high}: the mean of {@code d} and its 95% confidence interval mean ± t<sub>.975, n−1</sub> · s/√n
     *     (s with n − 1); the interval is NaN below 2 values, everything NaN for none
     */
    static double[] meanCi95(double[] d) {
        int n = d.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new double[] {mean, Double.NaN, Double.NaN};
        }
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double half = TDistribution.of(n - 1.0).inverseSurvivalProbability(0.025) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new double[] {mean, mean - half, mean + half};
    }

    private static TestResult find(List<TestRow> tests, String measure, String groups, String test) {
        for (TestRow row : tests) {
            if (row.measure().equals(measure) && row.groups().equals(groups) && row.result().test().equals(test)) {
                return row.result();
            }
        }
        return null;
    }

    /** The pairs as the tests take them: per pair id the first image of each condition, both values finite. */
    static double[][] pairedValues(List<ImageScore> images, String first, String second, ToDoubleFunction<ImageScore> value) {
        Map<String, int[]> byPair = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            ImageScore s = images.get(i);
            if (s.pairId() == null || s.pairId().isEmpty()) {
                continue;
            }
            int[] p = byPair.computeIfAbsent(s.pairId(), k -> new int[] {-1, -1});
            if (s.condition().equals(first) && p[0] < 0) {
                p[0] = i;
            } else if (s.condition().equals(second) && p[1] < 0) {
                p[1] = i;
            }
        }
        List<double[]> xy = new ArrayList<>();
        for (int[] p : byPair.values()) {
            if (p[0] >= 0 && p[1] >= 0) {
                double a = value.applyAsDouble(images.get(p[0]));
                double b = value.applyAsDouble(images.get(p[1]));
                if (Double.isFinite(a) && Double.isFinite(b)) {
                    xy.add(new double[] {a, b});
                }
            }
        }
        return new double[][] {xy.stream().mapToDouble(v -> v[0]).toArray(), xy.stream().mapToDouble(v -> v[1]).toArray()};
    }
}
