package engram.generator;

/** Receives progress of a long run (the CLI draws a bar with ETA on stderr). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, done, total) -> { };

    /** {@code done} of {@code total} units of {@code stage} are complete. */
    void progress(String stage, long done, long total);
}
