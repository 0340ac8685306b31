package engram.core.csv;

/**
 * Bad input: names the file, the line (1-based, the header is line 1) and the column where known.
 */
public final class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String column;
    private final String detail;

    /**
     * @param file   the file name
     * @param line   the 1-based line, or 0 when not tied to a line
     * @param column the column name, or null
     * @param detail what is wrong
     */
    public InputException(String file, long line, String column, String detail) {
        super(file + (line > 0 ? ", line " + line : "") + (column != null ? ", column " + column : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** @return what is wrong, without the file, line and column */
    public String detail() {
        return detail;
    }

    /** @return the file name */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 when the problem concerns the whole file */
    public long line() {
        return line;
    }

    /** @return the column name, or null */
    public String column() {
        return column;
    }
}
