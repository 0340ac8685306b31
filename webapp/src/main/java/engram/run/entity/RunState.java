package engram.run.entity;

/** The life of one participant's run. Only STARTED runs accept trials; a STARTED run whose reservation has passed holds no slot. */
public enum RunState {
    STARTED, COMPLETED, NO_CONSENT, VOIDED, RETURNED;

    public boolean isFinished() {
        return this != STARTED;
    }
}
