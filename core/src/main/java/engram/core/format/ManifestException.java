package engram.core.format;

import java.util.List;

/** Thrown when a manifest has problems; carries every problem found, ordered by line. */
public class ManifestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ManifestProblem> problems;

    public ManifestException(List<ManifestProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
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
