package engram.analysis.stats;

import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.PValueMethod;

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
 * The exact and normal p-values are computed by Commons Statistics' {@code WilcoxonSignedRankTest} (continuity
 * correction off, as SciPy). Three things differ from SciPy's defaults, so engram handles them here: the library
 * keeps zero differences in the ranking (SciPy's zero_method "pratt"), so it is given only the non-zero
 * differences ("wilcox"); its "auto" rule is not SciPy's, so engram chooses the method; and it has no sign-flip
 * (permutation) p-value for small samples with ties or zeros, so that enumeration stays engram's own.
 * The effect size is the matched-pairs rank-biserial correlation (R+ − R−)/(R+ + R−) (Kerby 2014).
 */
public final class WilcoxonSignedRankTest {
    private static final int EXACT_MAX = 50;
    private static final int PERMUTATION_MAX = 13;
    private static final org.apache.commons.statistics.inference.WilcoxonSignedRankTest BASE =
        org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults()
            .with(ContinuityCorrection.DISABLED);
    private static final org.apache.commons.statistics.inference.WilcoxonSignedRankTest EXACT =
        BASE.with(PValueMethod.EXACT);
    private static final org.apache.commons.statistics.inference.WilcoxonSignedRankTest ASYMPTOTIC =
        BASE.with(PValueMethod.ASYMPTOTIC);

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
        double[] nonZero = new double[m];
        double[] abs = new double[m];
        boolean[] positive = new boolean[m];
        for (int i = 0, j = 0; i < n; i++) {
            double d = x[i] - y[i];
            if (d != 0) {
                nonZero[j] = d;
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
            p = EXACT.test(nonZero).getPValue();
        } else if (n <= PERMUTATION_MAX) {
            p = signFlipP(r, rPlus);
        } else {
            p = ASYMPTOTIC.test(nonZero).getPValue();
        }
        double effect = (rPlus - rMinus) / (rPlus + rMinus);
        return new TestResult("wilcoxon", Math.min(rPlus, rMinus), null, p, effect, "rank_biserial", n, null);
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
