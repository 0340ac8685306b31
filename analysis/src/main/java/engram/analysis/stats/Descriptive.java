package engram.analysis.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * Mean and sample standard deviation, from Commons Statistics (as {@code numpy.mean} and
 * {@code numpy.std(ddof=1)}). engram only adds the rule that fewer than 2 values have no sample variance
 * (NaN, as NumPy), where the library returns 0 for one value.
 */
public final class Descriptive {
    private Descriptive() {
    }

    /** @return the arithmetic mean, NaN for no values */
    public static double mean(double[] x) {
        return Mean.of(x).getAsDouble();
    }

    /** @return the sample variance with n − 1 in the denominator, NaN for fewer than 2 values */
    public static double variance(double[] x) {
        return x.length < 2 ? Double.NaN : Variance.of(x).getAsDouble();
    }

    /** @return the sample standard deviation (n − 1), NaN for fewer than 2 values */
    public static double sd(double[] x) {
        return x.length < 2 ? Double.NaN : StandardDeviation.of(x).getAsDouble();
    }
}
