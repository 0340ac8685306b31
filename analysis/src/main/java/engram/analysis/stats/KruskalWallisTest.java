package engram.analysis.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Kruskal–Wallis H test (Kruskal and Wallis 1952) with tie correction, as {@code scipy.stats.kruskal}.
 *
 * <p>H = [12/(N(N+1)) Σ R_i²/n_i − 3(N+1)] / [1 − Σ(t³−t)/(N³−N)], df = k − 1, p = P(χ²_df ≥ H).
 * Effect size ε² = H/(N − 1) (Tomczak and Tomczak 2014).
 * Commons Statistics 1.1 has no Kruskal–Wallis test, so H is computed here from the library's ranks ({@link Ranks}).
 */
public final class KruskalWallisTest {
    private KruskalWallisTest() {
    }

    /**
     * @param groups at least two non-empty groups
     * @return the test result with n = N
     */
    public static TestResult test(double[]... groups) {
        Arguments.checkGroups(groups, 2);
        int total = 0;
        for (double[] g : groups) {
            total += g.length;
        }
        double[] all = new double[total];
        int pos = 0;
        for (double[] g : groups) {
            System.arraycopy(g, 0, all, pos, g.length);
            pos += g.length;
        }
        Ranks ranks = Ranks.of(all);
        double[] r = ranks.ranksNoCopy();
        double sum = 0;
        pos = 0;
        for (double[] g : groups) {
            double rs = 0;
            for (int i = 0; i < g.length; i++) {
                rs += r[pos + i];
            }
            pos += g.length;
            sum += rs * rs / g.length;
        }
        double nn = total;
        double h = 12 / (nn * (nn + 1)) * sum - 3 * (nn + 1);
        double ties = 1 - ranks.tieTerm() / (nn * nn * nn - nn);
        h /= ties;
        int df = groups.length - 1;
        double p = ties == 0 ? Double.NaN : ChiSquaredDistribution.of(df).survivalProbability(h);
        return new TestResult("kruskal_wallis", ties == 0 ? Double.NaN : h, (double) df, p,
            ties == 0 || total < 2 ? null : h / (nn - 1), "epsilon_squared", total, null);
    }
}
