package engram.core.format;

import java.util.List;

/** Thrown when a manifest has problems; carries every problem found, ordered by line. */
public class ManifestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ManifestProblem> problems;
    private final transient List<LinedRow> readableRows;

    /** A row that was read without a problem of its own, with its line in the file. */
    public record LinedRow(int line, ManifestRow row) {
    }

    public ManifestException(List<ManifestProblem> problems) {
        this(problems, List.of());
    }

    /** {@code readableRows}: the rows without problems of their own, so that their files can still be checked in the same pass. */
    public ManifestException(List<ManifestProblem> problems, List<LinedRow> readableRows) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
        this.readableRows = List.copyOf(readableRows);
    }

    public List<LinedRow> readableRows() {
        return readableRows;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(List<ManifestProblem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one problem");
        }
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" in manifest:");
        for (ManifestProblem problem : problems) {
            text.append('\n').append(problem.message());
        }
        return text.toString();
    }
}
