package engram.analysis.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Pearson and Spearman correlations. Commons Statistics 1.1 has no correlation coefficients, so they are computed
 * here (as {@code scipy.stats.pearsonr} and {@code scipy.stats.spearmanr}); the ranks come from {@link Ranks}.
 */
public final class Correlation {
    private Correlation() {
    }

    /**
     * Pearson's r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²).
     *
     * @return r, NaN when fewer than 2 values or a constant variable
     */
    public static double pearson(double[] x, double[] y) {
        Arguments.checkPaired(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Descriptive.mean(x);
        double my = Descriptive.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Spearman's ρ: Pearson's r of the average ranks (Spearman 1904).
     *
     * @return ρ, NaN when fewer than 2 values or a constant variable
     */
    public static double spearman(double[] x, double[] y) {
        Arguments.checkPaired(x, y);
        return pearson(Ranks.of(x).ranksNoCopy(), Ranks.of(y).ranksNoCopy());
    }

    /**
     * Spearman's ρ with the two-sided p-value of {@code scipy.stats.spearmanr}:
     * t = ρ √((n−2)/((1−ρ)(1+ρ))), p = 2·P(T_{n−2} &gt; |t|).
     *
     * @return the test result (statistic ρ, df n − 2)
     */
    public static TestResult spearmanTest(double[] x, double[] y) {
        double rho = spearman(x, y);
        int n = x.length;
        double p;
        if (Double.isNaN(rho) || n < 3) {
            p = Double.NaN;
        } else if (Math.abs(rho) == 1) {
            p = 0;
        } else {
            double t = rho * Math.sqrt((n - 2) / ((1 - rho) * (1 + rho)));
            p = Math.min(1, 2 * TDistribution.of(n - 2.0).survivalProbability(Math.abs(t)));
        }
        return new TestResult("spearman", rho, n < 3 ? null : (double) (n - 2), p, null, null, n, null);
    }
}
