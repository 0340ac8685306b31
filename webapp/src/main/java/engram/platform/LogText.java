package engram.platform;

/**
 * Keeps client text in log lines bounded (docs/security.md, section 1): strings are clipped, and a logged exception is
 * copied with clipped messages (its stack frames kept), so that no request can write more than a few KiB to a log.
 */
public final class LogText {

    /** The most characters of one value (a field of the run-event log, one exception message) that reach a log. */
    public static final int MAX_CHARS = 200;
    private static final int MAX_CAUSES = 8;

    /** The text itself when it is short, otherwise its first {@link #MAX_CHARS} characters and "…(N chars)". */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + "…(" + text.length() + " chars)";
    }

    /** A copy of the exception and its causes (at most 8) whose messages are clipped, for logging. */
    public static Throwable bounded(Throwable thrown) {
        return copy(thrown, 0);
    }

    private static Throwable copy(Throwable thrown, int depth) {
        if (thrown == null || depth >= MAX_CAUSES) {
            return null;
        }
        Throwable cause = thrown.getCause() == thrown ? null : thrown.getCause();
        Logged copy = new Logged(thrown.getClass().getName() + ": " + clip(String.valueOf(thrown.getMessage())), copy(cause, depth + 1));
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** An exception as logged: the original's class name and clipped message as its message. */
    static final class Logged extends Exception {
        private static final long serialVersionUID = 1L;

        Logged(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    private LogText() {
    }
}
