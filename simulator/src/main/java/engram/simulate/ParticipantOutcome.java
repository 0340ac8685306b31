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
 * @param failureCode machine code of the failure, null unless {@link Status#FAILED}; {@code not_waited} for
 *                    {@link Status#NOT_WAITED}
 * @param failureMessage what went wrong, null unless {@link Status#FAILED}; why it was not waited for
 *                       ({@link Status#NOT_WAITED})
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
        FAILED,
        /** Came back after its session's window closed, as planned ({@link Returns#LATE}): the run ended MISSED. */
        MISSED,
        /**
         * Left waiting: its next session's window (or a break's minimum) is further away than the simulation waits,
         * and no clock offset file lets it move the server's clock. Its run stays unfinished.
         */
        NOT_WAITED
    }
}
