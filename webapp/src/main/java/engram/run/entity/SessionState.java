package engram.run.entity;

/** The life of one session of a multi-session run (sessions.csv {@code state}). */
public enum SessionState {
    /** The previous session finished; this one is not yet opened. */
    WAITING,
    STARTED,
    COMPLETED,
    /** Its window closed without a return (a link opened too late, or never opened). */
    MISSED
}
