package engram.analysis.representation;

import engram.analysis.stats.Correlation;

/** Partial correlation, for the variance one model's predictions explain beyond another's. */
public final class PartialCorrelation {
    private PartialCorrelation() {
    }

    /**
     * Partial correlation of y with a given b: r_ya·b = (r_ya − r_yb r_ab) / √((1 − r_yb²)(1 − r_ab²)), the correlation
     * of what a predicts of y beyond b.
     *
     * @return the partial r; NaN when b explains y or a completely
     */
    public static double of(double[] y, double[] a, double[] b) {
        double rya = Correlation.pearson(y, a);
        double ryb = Correlation.pearson(y, b);
        double rab = Correlation.pearson(a, b);
        double d = (1 - ryb * ryb) * (1 - rab * rab);
        return d <= 0 ? Double.NaN : (rya - ryb * rab) / Math.sqrt(d);
    }
}
