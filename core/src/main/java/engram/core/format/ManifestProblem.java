package engram.core.format;

/**
 * One problem found in a manifest: the 1-based physical line it starts on (1 is the header),
 * the column it concerns ({@code null} when it concerns the whole row or file) and a sentence for a person
 * that already names the file, line and column, e.g.
 * {@code manifest.csv line 7, column pair_id: pair 'p3' has 3 members (lines 5, 6, 7); a pair needs exactly 2}.
 */
public record ManifestProblem(int line, String column, String message) {

    public ManifestProblem {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message must not be empty");
        }
    }

    static ManifestProblem of(String sourceName, int line, String column, String detail) {
        String where = column == null
                ? sourceName + " line " + line
                : sourceName + " line " + line + ", column " + column;
        return new ManifestProblem(line, column, where + ": " + detail);
    }

    @Override
    public String toString() {
        return message;
    }
}
