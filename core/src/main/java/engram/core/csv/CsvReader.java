package engram.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * engram's one CSV reader: streaming RFC 4180 (comma separated, double-quote quoting, quoted commas, quotes and line
 * breaks, CRLF or LF) that keeps the line of each record for error messages and parses numbers without allocating
 * strings. Every error is an {@link InputException} naming the file, the line (where the record starts) and the column.
 * A UTF-8 byte-order mark at the start is skipped, and empty lines are skipped.
 *
 * <p>Two ways to open one: {@link #CsvReader(Reader, String)} reads the header and then checks that every record has as
 * many fields ({@link #require}, {@link #optional} find columns); {@link #records(Reader, String, boolean)} leaves the
 * header and the field count to the caller (the webapp's manifest import, which collects every problem).
 *
 * <p>With {@code restoreFormulas}, text fields are read back to their original value: a cell neutralised against
 * spreadsheet formulas loses its added apostrophe ({@link CsvCells#restore(String)}). Files that engram writes with
 * {@link CsvWriter#neutralising(java.io.Writer)} are read that way; files it writes plain are read plain.
 */
public final class CsvReader implements Closeable {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final String file;
    private final boolean restoreFormulas;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private long line = 1;
    private long recordLine;
    private char[] chars = new char[256];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fields;
    private String[] header;
    private final Map<String, Integer> columns = new HashMap<>();

    /**
     * Opens the reader and reads the header; text fields are restored ({@code restoreFormulas}).
     *
     * @param in   the text
     * @param file the file name used in error messages
     * @throws InputException when the file is empty
     */
    public CsvReader(Reader in, String file) throws IOException {
        this(in, file, true);
    }

    /**
     * Opens the reader and reads the header.
     *
     * @param in              the text
     * @param file            the file name used in error messages
     * @param restoreFormulas whether text fields lose the apostrophe added against spreadsheet formulas
     * @throws InputException when the file is empty
     */
    public CsvReader(Reader in, String file, boolean restoreFormulas) throws IOException {
        this.in = in;
        this.file = file;
        this.restoreFormulas = restoreFormulas;
        if (!next()) {
            throw new InputException(file, 1, null, "the file is empty (a header line is required)");
        }
        String[] names = new String[fields];
        for (int i = 0; i < fields; i++) {
            names[i] = string(i).trim();
            columns.putIfAbsent(names[i], i);
        }
        header = names;
    }

    private CsvReader(Reader in, String file, boolean restoreFormulas, boolean noHeader) {
        this.in = in;
        this.file = file;
        this.restoreFormulas = restoreFormulas;
    }

    /**
     * A reader of records only: the first record (the header, if any) is returned by {@link #next()} like every other,
     * and the field count is not checked.
     *
     * @param in              the text
     * @param file            the file name used in error messages
     * @param restoreFormulas whether text fields lose the apostrophe added against spreadsheet formulas
     */
    public static CsvReader records(Reader in, String file, boolean restoreFormulas) {
        return new CsvReader(in, file, restoreFormulas, true);
    }

    /** @return the file name */
    public String file() {
        return file;
    }

    /** @return the header's column names */
    public List<String> header() {
        if (header == null) {
            throw new IllegalStateException("a reader of records only has no header");
        }
        return List.of(header);
    }

    /**
     * @param name a required column
     * @return its index
     * @throws InputException when the header lacks it
     */
    public int require(String name) {
        if (header == null) {
            throw new IllegalStateException("a reader of records only has no header");
        }
        Integer i = columns.get(name);
        if (i == null) {
            throw new InputException(file, 1, name, "missing column '" + name + "' (header has " + String.join(",", header) + ")");
        }
        return i;
    }

    /** @return the column's index, or −1 when absent */
    public int optional(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    /** @return the number of fields of the current record */
    public int fields() {
        return fields;
    }

    /** @return the 1-based line where the current record starts */
    public long line() {
        return recordLine;
    }

    /**
     * Reads the next record, skipping empty lines.
     *
     * @return false at the end of the input
     */
    public boolean next() throws IOException {
        while (true) {
            if (!readRecord()) {
                return false;
            }
            if (!(fields == 1 && starts[0] == ends[0])) {
                if (header != null && fields != header.length) {
                    throw new InputException(file, recordLine, null,
                        "expected " + header.length + " fields but found " + fields);
                }
                return true;
            }
        }
    }

    private int read() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                eof = true;
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++];
    }

    private void put(int length, char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length] = c;
    }

    private boolean readRecord() throws IOException {
        fields = 0;
        recordLine = line;
        int length = 0;
        int c = read();
        if (!started) {
            started = true;
            if (c == BYTE_ORDER_MARK) {
                c = read();
            }
        }
        if (c == -1) {
            return false;
        }
        int fieldStart = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new InputException(file, recordLine, null, "unterminated quoted field");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        put(length++, '"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    put(length++, (char) c);
                }
            } else if (c == ',' || c == '\n' || c == -1) {
                int end = length;
                if (c != ',' && end > fieldStart && chars[end - 1] == '\r' && !afterQuote) {
                    end--;
                }
                addField(fieldStart, end);
                fieldStart = length;
                afterQuote = false;
                if (c != ',') {
                    if (c == '\n') {
                        line++;
                    }
                    return true;
                }
            } else if (c == '"' && length == fieldStart && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                if (c != '\r') {
                    throw new InputException(file, recordLine, columnName(fields), "text after a closing quote");
                }
            } else {
                put(length++, (char) c);
            }
            c = read();
        }
    }

    private void addField(int start, int end) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = start;
        ends[fields++] = end;
    }

    private String columnName(int i) {
        return header != null && i < header.length ? header[i] : String.valueOf(i + 1);
    }

    /**
     * @return the field's text; with {@code restoreFormulas}, without the apostrophe added against spreadsheet formulas
     *         ({@link CsvCells})
     */
    public String string(int i) {
        int start = textStart(i);
        return new String(chars, start, ends[i] - start);
    }

    /** @return the field exactly as it stands in the file (quotes removed, nothing restored) */
    public String raw(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** @return where the field's original text starts: one past the first apostrophe of a neutralised cell */
    private int textStart(int i) {
        int start = starts[i];
        int end = ends[i];
        if (!restoreFormulas || start == end || chars[start] != '\'') {
            return start;
        }
        int k = start;
        while (k < end && chars[k] == '\'') {
            k++;
        }
        return k < end && CsvCells.isFormulaStart(chars[k]) ? start + 1 : start;
    }

    /** @return whether the field is empty or blank */
    public boolean isBlank(int i) {
        for (int k = starts[i]; k < ends[i]; k++) {
            if (chars[k] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** @return whether the field's text ({@link #string(int)}) equals the text */
    public boolean equalsText(int i, String text) {
        int start = textStart(i);
        int len = ends[i] - start;
        if (len != text.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (chars[start + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a decimal integer (optional sign, surrounding blanks allowed).
     *
     * @throws InputException when the field is empty or not an integer
     */
    public long parseLong(int i) {
        int k = starts[i];
        int end = ends[i];
        while (k < end && chars[k] == ' ') {
            k++;
        }
        while (end > k && chars[end - 1] == ' ') {
            end--;
        }
        boolean negative = false;
        if (k < end && (chars[k] == '-' || chars[k] == '+')) {
            negative = chars[k] == '-';
            k++;
        }
        if (k == end || end - k > 18) {
            throw notNumber(i, "an integer");
        }
        long v = 0;
        for (; k < end; k++) {
            char c = chars[k];
            if (c < '0' || c > '9') {
                // accept integral decimals such as "3.0"
                return integralDouble(i);
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    private long integralDouble(int i) {
        double d = parseDouble(i);
        if (d != Math.rint(d) || Math.abs(d) > 1e15) {
            throw notNumber(i, "an integer");
        }
        return (long) d;
    }

    /** @return the field as an int, see {@link #parseLong(int)} */
    public int parseInt(int i) {
        long v = parseLong(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw notNumber(i, "an integer in range");
        }
        return (int) v;
    }

    /**
     * Parses a finite decimal number.
     *
     * @throws InputException when the field is empty or not a finite number
     */
    public double parseDouble(int i) {
        String s = string(i).trim();
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d) || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
                throw notNumber(i, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw notNumber(i, "a number");
        }
    }

    private InputException notNumber(int i, String what) {
        return new InputException(file, recordLine, columnName(i), "expected " + what + " but found '" + raw(i) + "'");
    }

    /** @return an exception naming this file, the current line and the column */
    public InputException error(int column, String detail) {
        return new InputException(file, recordLine, columnName(column), detail);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
