package engram.analysis.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Friedman's rank test for k ≥ 3 related samples (Friedman 1937) with the tie correction, as
 * {@code scipy.stats.friedmanchisquare}, and Kendall's coefficient of concordance W as its effect size.
 *
 * <p>Each of the m subjects' k values are ranked among themselves (average ranks for ties); with R_j the rank sum of
 * treatment j, χ²_F = [12/(m k (k+1)) Σ R_j² − 3 m (k+1)] / [1 − Σ(t³ − t)/(m k (k² − 1))], the sum over the tie
 * groups of every subject; df = k − 1 and p = P(χ²_df ≥ χ²_F) (the chi-square approximation SciPy uses for every m;
 * it is rough below about m = 10). W = χ²_F / (m (k − 1)), which equals the tie-corrected W of Kendall and Babington
 * Smith (1939), 0 for no agreement between subjects and 1 for the same order in every subject. When every subject's
 * values are all equal the statistic is 0/0: statistic, p and W are NaN / null. Commons Statistics 1.1 has no
 * Friedman test; the ranks are the library's ({@link Ranks}) and the p-value its chi-square distribution.
 */
public final class FriedmanTest {
    private FriedmanTest() {
    }

    /**
     * @param data data[i][j], subject i under treatment j: at least one subject, at least 3 treatments, every row
     *             the same length, finite values
     * @return the test result: statistic χ²_F, df k − 1, effect size Kendall's W ({@code kendalls_w}), n = m subjects
     */
    public static TestResult test(double[][] data) {
        int k = Arguments.checkTable(data, 1, 3);
        int m = data.length;
        double[] rankSums = new double[k];
        double ties = 0;
        for (double[] row : data) {
            Ranks ranks = Ranks.of(row);
            double[] r = ranks.ranksNoCopy();
            for (int j = 0; j < k; j++) {
                rankSums[j] += r[j];
            }
            ties += ranks.tieTerm();
        }
        double sumSquares = 0;
        for (double rj : rankSums) {
            sumSquares += rj * rj;
        }
        double correction = 1 - ties / ((double) m * k * ((double) k * k - 1));
        double df = k - 1.0;
        if (correction == 0) {
            return new TestResult("friedman", Double.NaN, df, Double.NaN, null, "kendalls_w", m, null);
        }
        double chi2 = (12.0 / ((double) m * k * (k + 1)) * sumSquares - 3.0 * m * (k + 1)) / correction;
        double p = ChiSquaredDistribution.of(df).survivalProbability(chi2);
        return new TestResult("friedman", chi2, df, p, chi2 / (m * df), "kendalls_w", m, null);
    }
}
