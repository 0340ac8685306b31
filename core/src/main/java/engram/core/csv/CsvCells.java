package engram.core.csv;

/**
 * The one rule for spreadsheet formulas in engram's CSV files (docs/data-formats.md, "Cells that look like formulas"),
 * after OWASP's CSV-injection guidance: a cell that a spreadsheet would run as a formula is written with a leading
 * apostrophe, and read back without it.
 *
 * <p>A cell is <em>neutralised</em> when, after any leading apostrophes, it starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return, unless it is a number as it stands (a decimal such as {@code -0.25},
 * {@code +3} or {@code -1.5e-7}, or the infinity marks {@code inf}, {@code -inf} of the analysis outputs). Cells
 * that already start with apostrophes before such a character get one more, so that reading is exact:
 * {@link #restore(String)} drops one apostrophe from a cell that starts with apostrophes followed by one of those
 * characters, and leaves every other cell as it is. {@code restore(neutralise(v))} equals {@code v} for every text.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** @return the cell as it is written: with one more leading apostrophe when a spreadsheet would run it as a formula */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        int k = apostrophes(cell);
        if (k == cell.length() || !isFormulaStart(cell.charAt(k))) {
            return cell;
        }
        if (k == 0 && isNumber(cell)) {
            return cell;
        }
        return "'" + cell;
    }

    /** @return the cell's original text: one leading apostrophe fewer when it was neutralised by {@link #neutralise} */
    public static String restore(String cell) {
        if (cell == null || cell.isEmpty() || cell.charAt(0) != '\'') {
            return cell;
        }
        int k = apostrophes(cell);
        return k < cell.length() && isFormulaStart(cell.charAt(k)) ? cell.substring(1) : cell;
    }

    /** @return whether a spreadsheet reads a cell starting with this character as a formula (OWASP's list) */
    public static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * @return whether the cell is a plain number: {@code [+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?}, or
     *         {@code inf}, {@code +inf}, {@code -inf}
     */
    public static boolean isNumber(String cell) {
        int n = cell.length();
        int i = 0;
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            i++;
        }
        if (cell.startsWith("inf", i) && i + 3 == n) {
            return true;
        }
        int digits = 0;
        while (i < n && isDigit(cell.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && cell.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int apostrophes(String cell) {
        int k = 0;
        while (k < cell.length() && cell.charAt(k) == '\'') {
            k++;
        }
        return k;
    }
}
