package engram.analysis.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Wilcoxon signed-rank test (Wilcoxon 1945), two-sided, following the defaults of SciPy 1.17
 * {@code scipy.stats.wilcoxon(x, y)}: zero_method "wilcox", no continuity correction, method "auto".
 *
 * <p>With d = x − y, zero differences are dropped from the ranking; |d| is ranked with average ranks;
 * R+ and R− are the sums of the ranks of positive and negative differences; the statistic is
 * W = min(R+, R−). The p-value is, by SciPy's "auto" rule (n counts all pairs, zeros included):
 * <ul>
 *   <li>n ≤ 50, no ties and no zeros: the exact null distribution of R+,
 *       p = 2·min(P(R+ ≥ ⌊r+⌋), P(R+ ≤ ⌈r+⌉)), capped at 1;</li>
 *   <li>ties or zeros and n ≤ 13: all 2ⁿ sign flips of d enumerated (SciPy's permutation test),
 *       p = 2·min(P(R+ ≤ r+), P(R+ ≥ r+)), capped at 1;</li>
 *   <li>otherwise the normal approximation z = (R+ − m(m+1)/4) / √((m(m+1)(2m+1) − Σ(t³−t)/2)/24),
 *       with m the number of non-zero differences, p = 2·Φ(−|z|).</li>
 * </ul>
 * The effect size is the matched-pairs rank-biserial correlation (R+ − R−)/(R+ + R−) (Kerby 2014).
 */
public final class WilcoxonSignedRankTest {
    private static final int EXACT_MAX = 50;
    private static final int PERMUTATION_MAX = 13;

    private WilcoxonSignedRankTest() {
    }

    /**
     * @param x first measurements
     * @param y second measurements, paired with x
     * @return the test result with n = number of pairs; NaN statistic and p-value when all differences are zero
     */
    public static TestResult test(double[] x, double[] y) {
        Arguments.checkPaired(x, y);
        int n = x.length;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] - y[i] == 0) {
                zeros++;
            }
        }
        int m = n - zeros;
        if (m == 0) {
            return new TestResult("wilcoxon", Double.NaN, null, Double.NaN, null, "rank_biserial", n, null);
        }
        double[] abs = new double[m];
        boolean[] positive = new boolean[m];
        for (int i = 0, j = 0; i < n; i++) {
            double d = x[i] - y[i];
            if (d != 0) {
                abs[j] = Math.abs(d);
                positive[j++] = d > 0;
            }
        }
        Ranks ranks = Ranks.of(abs);
        double[] r = ranks.ranksNoCopy();
        double rPlus = 0;
        double rMinus = 0;
        for (int j = 0; j < m; j++) {
            if (positive[j]) {
                rPlus += r[j];
            } else {
                rMinus += r[j];
            }
        }
        double p;
        if (n <= EXACT_MAX && !ranks.hasTies() && zeros == 0) {
            p = exactP(m, rPlus);
        } else if (n <= PERMUTATION_MAX) {
            p = signFlipP(r, rPlus);
        } else {
            double mean = m * (m + 1.0) / 4;
            double var = (m * (m + 1.0) * (2.0 * m + 1) - ranks.tieTerm() / 2) / 24;
            double z = (rPlus - mean) / Math.sqrt(var);
            p = Math.min(1, 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
        }
        double effect = (rPlus - rMinus) / (rPlus + rMinus);
        return new TestResult("wilcoxon", Math.min(rPlus, rMinus), null, p, effect, "rank_biserial", n, null);
    }

    /** Counts of the sums of subsets of {1..m}: the null distribution of R+ times 2^m. */
    static double[] nullCounts(int m) {
        int max = m * (m + 1) / 2;
        double[] c = new double[max + 1];
        c[0] = 1;
        for (int k = 1; k <= m; k++) {
            int top = k * (k + 1) / 2;
            for (int s = top; s >= k; s--) {
                c[s] += c[s - k];
            }
        }
        return c;
    }

    private static double exactP(int m, double rPlus) {
        double[] counts = nullCounts(m);
        double total = Math.pow(2, m);
        double mean = m * (m + 1) / 4.0;
        int lo = (int) Math.floor(rPlus);
        int hi = (int) Math.ceil(rPlus);
        double sf = lo <= mean ? sum(counts, lo, counts.length - 1) / total : 1 - sum(counts, 0, lo - 1) / total;
        double cdf = hi <= mean ? sum(counts, 0, hi) / total : 1 - sum(counts, hi + 1, counts.length - 1) / total;
        return Math.min(1, Math.max(0, 2 * Math.min(sf, cdf)));
    }

    private static double sum(double[] c, int from, int to) {
        double s = 0;
        for (int i = Math.max(0, from); i <= Math.min(to, c.length - 1); i++) {
            s += c[i];
        }
        return s;
    }

    /** Enumerates all sign assignments of the non-zero differences; zeros only multiply each count, which cancels. */
    private static double signFlipP(double[] ranks, double observed) {
        int m = ranks.length;
        long total = 1L << m;
        double gamma = Math.abs(observed * 100 * Math.ulp(1.0));
        long less = 0;
        long greater = 0;
        for (long mask = 0; mask < total; mask++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                if ((mask & (1L << j)) != 0) {
                    s += ranks[j];
                }
            }
            if (s <= observed + gamma) {
                less++;
            }
            if (s >= observed - gamma) {
                greater++;
            }
        }
        return Math.min(1, 2.0 * Math.min(less, greater) / total);
    }
}
