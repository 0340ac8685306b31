package engram.core.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * engram's one CSV writer: RFC 4180 with LF line ends and one quoting rule ({@link #quote(String)}: a field is quoted
 * when it holds a comma, a double quote, CR or LF, and a quote inside is doubled). {@link #neutralising(Writer)}
 * also writes text that a spreadsheet would run as a formula with a leading apostrophe ({@link CsvCells}, OWASP's
 * CSV-injection rule; docs/data-formats.md): the export, the analysis outputs and sequences.csv. {@link #plain(Writer)}
 * writes text as it is: stimulus-set manifests from the generator and the simulator's acknowledgement log.
 * The writer does not close or flush the underlying {@link Writer}.
 */
public final class CsvWriter {

    private final Writer out;
    private final boolean neutralise;

    private CsvWriter(Writer out, boolean neutralise) {
        this.out = out;
        this.neutralise = neutralise;
    }

    /** @return a writer that writes text as it is */
    public static CsvWriter plain(Writer out) {
        return new CsvWriter(out, false);
    }

    /** @return a writer that neutralises text a spreadsheet would run as a formula ({@link CsvCells#neutralise}) */
    public static CsvWriter neutralising(Writer out) {
        return new CsvWriter(out, true);
    }

    /** Writes one record; a null field is written empty. */
    public CsvWriter row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields[i]));
        }
        out.write('\n');
        return this;
    }

    /** Writes one record; a null field is written empty. */
    public CsvWriter row(List<String> fields) throws IOException {
        return row(fields.toArray(String[]::new));
    }

    /** @return the field as this writer writes it: neutralised if asked, then quoted by {@link #quote(String)} */
    public String field(String text) {
        return neutralise ? neutraliseAndQuote(text) : quote(text);
    }

    /**
     * @return the field neutralised against spreadsheet formulas ({@link CsvCells#neutralise(String)}), then quoted by
     *         {@link #quote(String)}; null is empty
     */
    public static String neutraliseAndQuote(String text) {
        return text == null ? "" : quote(CsvCells.neutralise(text));
    }

    /**
     * The one quoting rule: the text in double quotes, with each quote doubled, when it holds a comma, a double quote,
     * a carriage return or a line feed; otherwise the text as it is (null is empty).
     */
    public static String quote(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }
}
