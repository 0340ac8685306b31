package engram.simulate;

/** The participant API's requests that a synthetic participant makes. */
public enum RequestKind {
    /** {@code POST /api/runs}, also for a reload. */
    START,
    /** {@code POST /api/runs/{runId}/consent}. */
    CONSENT,
    /** {@code PUT /api/runs/{runId}/trials/{position}}. */
    SAVE_TRIAL,
    /** {@code POST /api/runs/{runId}/complete}. */
    COMPLETE,
    /** {@code POST /api/runs/{runId}/phases/{phase}/open} and {@code …/done} (breaks and distractors). */
    PHASE
}
