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
 * @param browser         the browser named from the user agent (column {@code browser}); "" when absent
 * @param os              the operating system (column {@code os}); "" when absent
 * @param refreshHz       the measured refresh rate (column {@code refresh_hz}) as written; "" when absent
 */
public record RunRecord(String participantId, String runId, String sequenceId, String state, int trialsSaved,
                        Boolean attentionPassed, String browser, String os, String refreshHz) {

    /** @return whether the run reached the end of its sequence */
    public boolean completed() {
        return "COMPLETED".equals(state);
    }
}
