package engram.simulate;

/** A command line that cannot be run, with a message naming the flag at fault. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
