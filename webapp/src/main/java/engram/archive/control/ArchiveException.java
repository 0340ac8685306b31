package engram.archive.control;

import java.util.List;

/** A study archive that cannot be imported, with every problem found (each naming the entry and what is wrong). */
public class ArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the archive was refused: a damaged or unsafe archive, a format this engram cannot read, or another protocol. */
    public enum Kind { BAD_ARCHIVE, UNSUPPORTED_VERSION, PROTOCOL_MISMATCH }

    private final Kind kind;
    private final List<String> problems;

    public ArchiveException(Kind kind, String label, List<String> problems) {
        super(label + ": " + String.join("; ", problems));
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public ArchiveException(String label, List<String> problems) {
        this(Kind.BAD_ARCHIVE, label, problems);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> problems() {
        return problems;
    }
}
