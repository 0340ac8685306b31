package engram.analysis.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

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
 * The effect size is Cohen's d with pooled standard deviation ({@link CohensD#pooled}).
 */
public final class MannWhitneyUTest {
    private static final int EXACT_MAX = 8;

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
        double u = Math.max(u1, (double) n1 * n2 - u1);
        double p;
        if ((n1 <= EXACT_MAX || n2 <= EXACT_MAX) && !ranks.hasTies()) {
            p = 2 * exactSurvival(n1, n2, (int) Math.round(u));
        } else {
            double nn = n1 + n2;
            double s = Math.sqrt(n1 * (double) n2 / 12 * ((nn + 1) - ranks.tieTerm() / (nn * (nn - 1))));
            double z = (u - n1 * (double) n2 / 2 - 0.5) / s;
            p = 2 * NormalDistribution.of(0, 1).survivalProbability(z);
        }
        p = Math.min(1, Math.max(0, p));
        double d = CohensD.pooled(x, y);
        return new TestResult("mann_whitney", u1, null, p, Double.isNaN(d) ? null : d, "cohens_d", n1 + n2, null);
    }

    /** P(U ≥ k) for the exact null distribution of U with sample sizes m and n (no ties). */
    static double exactSurvival(int m, int n, int k) {
        // f[i][j][u]: number of arrangements; computed by the recurrence f(m,n,u) = f(m-1,n,u-n) + f(m,n-1,u)
        int max = m * n;
        double[][] prev = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            prev[j] = new double[max + 1];
            prev[j][0] = 1; // m = 0: only U = 0
        }
        for (int i = 1; i <= m; i++) {
            double[][] cur = new double[n + 1][max + 1];
            cur[0][0] = 1; // n = 0
            for (int j = 1; j <= n; j++) {
                for (int u = 0; u <= i * j; u++) {
                    double a = u - j >= 0 ? prev[j][u - j] : 0;
                    cur[j][u] = a + cur[j - 1][u];
                }
            }
            prev = cur;
        }
        double[] counts = prev[n];
        double total = 0;
        double tail = 0;
        for (int u = 0; u <= max; u++) {
            total += counts[u];
            if (u >= k) {
                tail += counts[u];
            }
        }
        return tail / total;
    }
}
