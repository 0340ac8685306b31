package engram.analysis.stats;

import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Mann–Whitney U test (Mann and Whitney 1947), two-sided, following the defaults of SciPy 1.17
 * {@code scipy.stats.mannwhitneyu(x, y)}: continuity correction, method "auto".
 *
 * <p>U1 = R1 − n1(n1+1)/2 with R1 the sum of the average ranks of x in the pooled sample; the reported
 * statistic is U1 (the first group's U). With U = max(U1, n1·n2 − U1):
 * <ul>
 *   <li>exact when min(n1, n2) ≤ 8 and there are no ties (SciPy 1.17's rule; older SciPy required both
 *       ≤ 8): p = 2·P(U' ≥ U) under the exact null distribution, capped at 1;</li>
 *   <li>otherwise z = (U − n1n2/2 − 0.5) / √(n1n2/12 · ((N+1) − Σ(t³−t)/(N(N−1)))), p = 2·Φ(−z), capped at 1.</li>
 * </ul>
 * The p-value is computed by Commons Statistics' {@code MannWhitneyUTest}; engram chooses its method itself
 * because the library's "auto" rule is not SciPy's (SciPy 1.17: exact when min(n1, n2) ≤ 8 and no ties).
 * The effect size is Cohen's d with pooled standard deviation ({@link CohensD#pooled}).
 */
public final class MannWhitneyUTest {
    private static final int EXACT_MAX = 8;
    private static final org.apache.commons.statistics.inference.MannWhitneyUTest BASE =
        org.apache.commons.statistics.inference.MannWhitneyUTest.withDefaults().with(ContinuityCorrection.ENABLED);
    private static final org.apache.commons.statistics.inference.MannWhitneyUTest EXACT = BASE.with(PValueMethod.EXACT);
    private static final org.apache.commons.statistics.inference.MannWhitneyUTest ASYMPTOTIC =
        BASE.with(PValueMethod.ASYMPTOTIC);

    private MannWhitneyUTest() {
    }

    /**
     * @param x first group
     * @param y second group
     * @return the test result with n = n1 + n2
     */
    public static TestResult test(double[] x, double[] y) {
        Arguments.checkGroups(new double[][] {x, y}, 2);
        int n1 = x.length;
        int n2 = y.length;
        double[] all = new double[n1 + n2];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Ranks ranks = Ranks.of(all);
        double[] r = ranks.ranksNoCopy();
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += r[i];
        }
        double u1 = r1 - n1 * (n1 + 1.0) / 2;
        boolean exact = (n1 <= EXACT_MAX || n2 <= EXACT_MAX) && !ranks.hasTies();
        double p = (exact ? EXACT : ASYMPTOTIC).test(x, y).getPValue();
        p = Math.min(1, Math.max(0, p));
        double d = CohensD.pooled(x, y);
        return new TestResult("mann_whitney", u1, null, p, Double.isNaN(d) ? null : d, "cohens_d", n1 + n2, null);
    }
}
