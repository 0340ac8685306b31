package engram.analysis.io;

/**
 * What the analysis takes from an export's experiment.json.
 *
 * @param minVigilanceHitRate the experiment's attention rule: a lower vigilance hit rate excludes a participant
 * @param maxFalseAlarmRate   the experiment's attention rule: this false-alarm rate or higher excludes a participant
 * @param sequenceLength      trials per sequence (0 when not given)
 * @param displayMs           how long each image is shown, in ms (NaN when not given); the display-timing bias is
 *                            measured against it
 */
public record StudySettings(double minVigilanceHitRate, double maxFalseAlarmRate, int sequenceLength, double displayMs) {
}
