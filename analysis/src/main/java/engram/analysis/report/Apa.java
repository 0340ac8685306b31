package engram.analysis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as a paper prints them (APA style, 7th edition, section 6.36): p with three decimals and no leading zero
 * ({@code .003}, {@code < .001}), statistics and effect sizes with two decimals ({@code 0.42}), confidence intervals in
 * brackets, and Bayes factors either with two decimals or, beyond 1000 or below 1/1000, in scientific notation
 * ({@code 1.4 × 10^26}). Rounding is half-up on the decimal value of the double, so a reader can reproduce every
 * printed figure from the CSVs. NaN and infinities are written as "n/a" and "∞".
 */
public final class Apa {
    /** A minus sign that does not break from its number. */
    static final String MINUS = "−";

    private Apa() {
    }

    /** @return {@code v} rounded half-up to {@code decimals} places, with a true minus sign; "n/a" for NaN or null */
    public static String fixed(Double v, int decimals) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : MINUS + "∞";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        if (new BigDecimal(s).signum() == 0) {
            s = s.replace("-", "");
        }
        return s.replace("-", MINUS);
    }

    /** @return the p-value part after "p": {@code "= .003"}, {@code "< .001"}, {@code "> .999"} or {@code "= n/a"} */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "= n/a";
        }
        if (p < 0.001) {
            return "< .001";
        }
        String s = fixed(p, 3);
        if (s.equals("1.000")) {
            return "> .999";
        }
        return "= " + s.substring(1);
    }

    /** @return degrees of freedom: whole numbers without decimals, others with one */
    public static String df(Double df) {
        if (df == null || df.isNaN()) {
            return "n/a";
        }
        return df == Math.rint(df) ? Long.toString(df.longValue()) : fixed(df, 1);
    }

    /** @return a 95% (or other) confidence interval: {@code [0.12, 0.71]} */
    public static String interval(double low, double high, int decimals) {
        return "[" + fixed(low, decimals) + ", " + fixed(high, decimals) + "]";
    }

    /**
     * @return BF10 readable: two decimals between 1/1000 and 1000 ({@code 3.52}, {@code 0.08}); else a mantissa with one
     *     decimal and a power of ten ({@code 1.4 × 10^26}, {@code 2.0 × 10^−5}), with HTML superscript when {@code html}
     */
    public static String bayesFactor(Double bf, boolean html) {
        if (bf == null || bf.isNaN()) {
            return "n/a";
        }
        if (bf.isInfinite()) {
            return "∞";
        }
        if (bf >= 1e-3 && bf < 1000) {
            return fixed(bf, 2);
        }
        if (bf == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(bf).round(new java.math.MathContext(2, RoundingMode.HALF_UP));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(1, RoundingMode.HALF_UP);
        String power = (exponent < 0 ? MINUS : "") + Math.abs(exponent);
        return mantissa.toPlainString() + " × 10" + (html ? "<sup>" + power + "</sup>" : "^" + power);
    }

    /** @return log10 of BF10 with two decimals ("n/a" when undefined) */
    public static String log10BayesFactor(Double bf) {
        if (bf == null || bf.isNaN() || bf <= 0) {
            return "n/a";
        }
        return fixed(Math.log10(bf), 2);
    }

    /**
     * @return the number of decimals that shows a value measured with this precision (the half-width of its CI, or
     *     its SD) to two significant digits: 2 for a half-width of 0.1–1, 3 for 0.01–0.1, and so on; between 2 and 6
     */
    public static int decimalsFor(double precision) {
        if (!(precision > 0) || Double.isInfinite(precision)) {
            return 2;
        }
        int d = 1 - (int) Math.floor(Math.log10(precision));
        return Math.max(2, Math.min(6, d));
    }
}
