package engram.analysis.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The exact (Clopper–Pearson 1934) confidence interval of a binomial proportion k/n: lower = B⁻¹(α/2; k, n − k + 1)
 * (0 when k = 0), upper = B⁻¹(1 − α/2; k + 1, n − k) (1 when k = n), with B⁻¹ the beta quantile and α = 1 − level.
 * It matches {@code scipy.stats.binomtest(k, n).proportion_ci(level, method="exact")}.
 */
public final class BinomialInterval {
    private BinomialInterval() {
    }

    /** @return {lower, upper}; both NaN when n is 0 */
    public static double[] clopperPearson(long k, long n, double level) {
        Arguments.check(n >= 0 && k >= 0 && k <= n, "need 0 <= k <= n, got k = " + k + ", n = " + n);
        Arguments.check(level > 0 && level < 1, "level must lie in (0, 1), got " + level);
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double alpha = 1 - level;
        double lower = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(alpha / 2);
        double upper = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {lower, upper};
    }
}
