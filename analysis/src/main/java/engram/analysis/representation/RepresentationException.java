package engram.analysis.representation;

/** Bad input to the representation analyses: the message names the file (and the row or layer where known). */
public final class RepresentationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with the file name */
    public RepresentationException(String message) {
        super(message);
    }
}
