package engram.core.format;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import engram.core.csv.CsvCells;
import engram.core.csv.CsvWriter;

/**
 * The export's cells: numbers in plain notation, booleans as 1/0, times in ISO-8601 UTC, and text neutralised against
 * spreadsheet formulas ({@link CsvCells}, docs/data-formats.md) and quoted by engram's one rule ({@link CsvWriter}). The
 * webapp's export zip, its study archives (sequences.csv and manifest.csv byte for byte as the export writes them) and
 * its downloads all write their rows here.
 */
public final class ExportCsv {

    private final Writer out;

    public ExportCsv(Writer out) {
        this.out = out;
    }

    public void row(Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(format(values[i]));
        }
        out.write('\n');
    }

    /** One cell as the export writes it (empty for null and for a number that is not finite). */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : "";
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return CsvWriter.neutraliseAndQuote(value.toString());
    }
}
