package engram.simulate;

/**
 * How one synthetic participant ended.
 *
 * @param index participant index, 0-based
 * @param participantId PROLIFIC_PID sent ({@code pilot-<index>} in pilot mode)
 * @param runId the run id, null when no run was started
 * @param status how it ended
 * @param completionCode the completion code from a 200 complete, else null
 * @param trialsAcknowledged trials acknowledged with 200
 * @param reloaded whether it reloaded the page
 * @param failureCode machine code of the failure, null unless {@link Status#FAILED}
 * @param failureMessage what went wrong, null unless {@link Status#FAILED}
 */
public record ParticipantOutcome(int index, String participantId, String runId, Status status, String completionCode,
                                 int trialsAcknowledged, boolean reloaded, String failureCode, String failureMessage) {

    /** How a participant ended. */
    public enum Status {
        /** Got 200 to complete, with a completion code. */
        COMPLETED,
        /** Stopped on purpose (the dropout model); its run stays unfinished. */
        DROPPED,
        /** Could not go on: an error answer, a broken promise of the contract, or retries exhausted. */
        FAILED
    }
}
