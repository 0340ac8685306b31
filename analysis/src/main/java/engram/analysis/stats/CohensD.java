package engram.analysis.stats;

/** Cohen's d effect sizes (Cohen 1988). */
public final class CohensD {
    private CohensD() {
    }

    /**
     * d = (mean(x) − mean(y)) / s_p with s_p² = ((n1−1)s1² + (n2−1)s2²)/(n1 + n2 − 2).
     *
     * @return d, NaN when n1 + n2 &lt; 3 or s_p = 0
     */
    public static double pooled(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 + n2 < 3 || n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double v1 = n1 > 1 ? Descriptive.variance(x) : 0;
        double v2 = n2 > 1 ? Descriptive.variance(y) : 0;
        double sp = Math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2));
        if (sp == 0) {
            return Double.NaN;
        }
        return (Descriptive.mean(x) - Descriptive.mean(y)) / sp;
    }

    /** d_z = mean(x − y) / sd(x − y) for paired samples; NaN for fewer than 2 pairs or sd = 0. */
    public static double paired(double[] x, double[] y) {
        Arguments.checkPaired(x, y);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        double sd = Descriptive.sd(d);
        return sd == 0 ? Double.NaN : Descriptive.mean(d) / sd;
    }
}
