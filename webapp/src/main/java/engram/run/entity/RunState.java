package engram.run.entity;

/** The life of one participant's run. Only STARTED runs accept trials; a STARTED run whose reservation has passed holds no slot. */
public enum RunState {
    STARTED, COMPLETED, NO_CONSENT, VOIDED, RETURNED,
    /** The browser check refused the device (a rule of the experiment); ended with the no-device code. */
    NO_DEVICE,
    /** The practice was failed after every allowed repeat, and the experiment ends the study then. */
    PRACTICE_FAILED,
    /** Between sessions of a multi-session experiment: a session finished, the next one's window is ahead (run_session). */
    WAITING,
    /** A later session's window closed without a return; the run ends there. */
    MISSED;

    public boolean isFinished() {
        return this != STARTED;
    }
}
