package engram.analysis;

/**
 * One reason a participant's run is left out of the image scores and tests (a participant can have several rows).
 * Figures that do not apply are NaN (or 0 for {@code trialsExpected} when unknown); exclusions.csv writes them empty.
 *
 * @param participantId       the PROLIFIC_PID
 * @param runId               the run's public id; empty when the input had no participants.csv
 * @param reason              {@code not_completed}, {@code low_vigilance} or {@code high_false_alarms}
 * @param state               the run's state from participants.csv; empty when unknown
 * @param trials              trials stored for the run (participants.csv's trials_saved, or the rows in responses.csv)
 * @param trialsExpected      trials in the run's sequence (experiment.json's sequenceLength); 0 when unknown
 * @param vigilanceHitRate    the run's vigilance hit rate
 * @param minVigilanceHitRate the rule it was held to
 * @param falseAlarmRate      the run's false-alarm rate
 * @param maxFalseAlarmRate   the rule it was held to
 */
public record Exclusion(String participantId, String runId, String reason, String state, int trials, int trialsExpected,
                        double vigilanceHitRate, double minVigilanceHitRate, double falseAlarmRate, double maxFalseAlarmRate) {

    /** The run did not reach the end of its sequence (left out unless the reader's {@code includeIncomplete} is set). */
    public static final String NOT_COMPLETED = "not_completed";
    /** Vigilance hit rate below the minimum. */
    public static final String LOW_VIGILANCE = "low_vigilance";
    /** False-alarm rate at or above the maximum. */
    public static final String HIGH_FALSE_ALARMS = "high_false_alarms";
}
