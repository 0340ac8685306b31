package engram.core.format;

import java.util.List;

/** sequences.csv could not be read; each problem names the file, line and column. */
public class SequencesCsvException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public SequencesCsvException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
