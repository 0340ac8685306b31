package engram.simulate;

import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 CSV: one record per line, fields optionally double-quoted with "" for a quote. */
final class Csv {

    private Csv() {
    }

    /**
     * @return the fields of one line
     * @throws IllegalArgumentException with a message naming the column when a quote is not closed or is misplaced
     */
    static List<String> parseLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("column " + (fields.size() + 1) + ": unterminated quote");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("column " + (fields.size() + 1)
                            + ": text after a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("column " + (fields.size() + 1)
                                + ": quote inside an unquoted field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** @return the field, quoted when it holds a comma, quote or line break */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
