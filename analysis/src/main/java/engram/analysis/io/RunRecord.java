package engram.analysis.io;

/**
 * One run of an export's participants.csv.
 *
 * @param participantId   the PROLIFIC_PID
 * @param runId           the run's public id
 * @param sequenceId      the sequence the run was assigned
 * @param state           STARTED, COMPLETED, NO_CONSENT, RETURNED or VOIDED
 * @param trialsSaved     trials the server stored for the run
 * @param attentionPassed the server's attention check at completion; null before completion
 */
public record RunRecord(String participantId, String runId, String sequenceId, String state, int trialsSaved,
                        Boolean attentionPassed) {

    /** @return whether the run reached the end of its sequence */
    public boolean completed() {
        return "COMPLETED".equals(state);
    }
}
