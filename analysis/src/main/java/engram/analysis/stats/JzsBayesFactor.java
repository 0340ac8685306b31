package engram.analysis.stats;

/**
 * JZS Bayes factor for a one-sample or paired t-test (Rouder, Speckman, Sun, Morey and Iverson 2009,
 * Psychonomic Bulletin &amp; Review 16, 225–237, equation 1), with a Cauchy prior of scale r on the
 * standardised effect.
 *
 * <p>BF10 = ∫₀^∞ (1 + N g r²)^(−1/2) (1 + t²/((1 + N g r²) ν))^(−(ν+1)/2) (2π)^(−1/2) g^(−3/2) e^(−1/(2g)) dg
 * ÷ (1 + t²/ν)^(−(ν+1)/2), with ν = N − 1.
 *
 * <p>The integral is taken over u = ln g with the trapezoidal rule on [−40, 60] (step 1/128); the
 * integrand is smooth and decays doubly exponentially to the left and exponentially to the right,
 * so the rule converges geometrically. Everything is evaluated in logs to avoid overflow.
 */
public final class JzsBayesFactor {
    /** The default ("medium") prior scale √2/2. */
    public static final double DEFAULT_SCALE = Math.sqrt(2) / 2;

    private static final double LOWER = -40;
    private static final double UPPER = 60;
    private static final double STEP = 1.0 / 128;

    private JzsBayesFactor() {
    }

    /**
     * @param t     the one-sample t statistic
     * @param n     the number of observations (pairs)
     * @param scale the Cauchy prior scale r
     * @return BF10, NaN when n &lt; 2 or t is NaN
     */
    public static double bf10(double t, int n, double scale) {
        if (n < 2 || Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return Double.POSITIVE_INFINITY;
        }
        double nu = n - 1.0;
        double logNull = -(nu + 1) / 2 * Math.log1p(t * t / nu);
        double r2 = scale * scale;
        int steps = (int) Math.round((UPPER - LOWER) / STEP);
        double max = Double.NEGATIVE_INFINITY;
        double[] logs = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double u = LOWER + i * STEP;
            double g = Math.exp(u);
            double a = 1 + n * g * r2;
            // integrand times dg/du = g
            double log = -0.5 * Math.log(a)
                - (nu + 1) / 2 * Math.log1p(t * t / (a * nu))
                - 0.5 * Math.log(2 * Math.PI)
                - 0.5 * u
                - 1 / (2 * g);
            logs[i] = log;
            max = Math.max(max, log);
        }
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double w = (i == 0 || i == steps) ? 0.5 : 1;
            sum += w * Math.exp(logs[i] - max);
        }
        return Math.exp(max - logNull + Math.log(sum * STEP));
    }

    /** @return BF10 with the default scale √2/2 */
    public static double bf10(double t, int n) {
        return bf10(t, n, DEFAULT_SCALE);
    }
}
