package engram.analysis.stats;

/** Mean and sample standard deviation, computed in two passes. */
public final class Descriptive {
    private Descriptive() {
    }

    /** @return the arithmetic mean, NaN for no values */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        // second pass correction (as in Commons Statistics' mean)
        double c = 0;
        for (double v : x) {
            c += v - m;
        }
        return m + c / x.length;
    }

    /** @return the sample variance with n − 1 in the denominator, NaN for fewer than 2 values */
    public static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        double s = 0;
        for (double v : x) {
            double d = v - m;
            ss += d * d;
            s += d;
        }
        return (ss - s * s / x.length) / (x.length - 1);
    }

    /** @return the sample standard deviation (n − 1), NaN for fewer than 2 values */
    public static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }
}
