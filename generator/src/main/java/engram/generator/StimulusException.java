package engram.generator;

/** Bad input or an unmet constraint; the message names the file (and field) at fault. */
public class StimulusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StimulusException(String message) {
        super(message);
    }

    public StimulusException(String message, Throwable cause) {
        super(message, cause);
    }
}
