package engram.analysis.stats;

import org.apache.commons.statistics.inference.TTest;

/**
 * Paired (dependent samples) t-test, two-sided, with Cohen's d_z and the JZS Bayes factor.
 *
 * <p>With differences d = x − y: t = mean(d) / (sd(d)/√n), ν = n − 1, p = 2·P(T_ν &gt; |t|)
 * (Student 1908), computed by Commons Statistics' {@link TTest#pairedTest}, which matches
 * {@code scipy.stats.ttest_rel}; d_z = mean(d)/sd(d) (Cohen 1988); BF10 from {@link JzsBayesFactor}
 * with r = √2/2 (the library has no Bayes factor). engram keeps SciPy's answers for the degenerate cases the
 * library rejects or answers differently: n &lt; 2 gives NaN, and constant differences give t = ±∞, p = 0
 * (NaN when all differences are zero).
 */
public final class PairedTTest {
    private static final TTest TWO_SIDED = TTest.withDefaults();

    private PairedTTest() {
    }

    /**
     * @param x first measurements
     * @param y second measurements, paired with x
     * @return the test result; statistic and p are NaN when n &lt; 2 or all differences are equal to zero
     */
    public static TestResult test(double[] x, double[] y) {
        Arguments.checkPaired(x, y);
        int n = x.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - y[i];
        }
        double mean = Descriptive.mean(d);
        double sd = Descriptive.sd(d);
        double t;
        double p;
        if (n < 2) {
            t = Double.NaN;
            p = Double.NaN;
        } else if (sd == 0) {
            t = mean == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, mean);
            p = mean == 0 ? Double.NaN : 0;
        } else {
            TTest.Result r = TWO_SIDED.pairedTest(x, y);
            t = r.getStatistic();
            p = r.getPValue();
        }
        double dz = mean / sd;
        return new TestResult("paired_t", t, n < 2 ? null : (double) (n - 1), p,
            Double.isNaN(dz) ? null : dz, "cohens_dz", n, n < 2 ? null : JzsBayesFactor.bf10(t, n));
    }
}
