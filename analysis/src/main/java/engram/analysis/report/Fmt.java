package engram.analysis.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Locale-independent number formatting for the outputs: NaN is written as an empty field. */
public final class Fmt {
    private static final MathContext DIGITS = new MathContext(10);

    private Fmt() {
    }

    /** @return up to 10 significant digits, plain notation from 1e-4 up, scientific below; "" for NaN or null */
    public static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        if (v.isInfinite()) {
            return v > 0 ? "inf" : "-inf";
        }
        double d = v;
        if (d == 0) {
            return "0";
        }
        if (Math.abs(d) < 1e-4) {
            return String.format(Locale.ROOT, "%.9e", d);
        }
        String s = new BigDecimal(d).round(DIGITS).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** @return the value with exactly 6 decimals (for map cells in [0, 1]) */
    public static String fixed6(double v) {
        long micro = Math.round(v * 1e6);
        StringBuilder sb = new StringBuilder(10);
        if (micro < 0) {
            sb.append('-');
            micro = -micro;
        }
        sb.append(micro / 1_000_000).append('.');
        String frac = Long.toString(micro % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    /** @return the text escaped for HTML/SVG */
    public static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
