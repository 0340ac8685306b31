package engram.analysis.representation;

/** Receives the progress of a long computation ({@link Compare}, {@link Predict}); the CLI draws it as a bar with an ETA. */
@FunctionalInterface
public interface StepProgress {
    /** Ignores every report. */
    StepProgress NONE = (stage, done, total) -> { };

    /** {@code done} of {@code total} units of {@code stage} are complete. */
    void update(String stage, long done, long total);
}
