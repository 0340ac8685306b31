package engram.analysis.recognition;

/**
 * One row of recognition/roc.csv: the pooled ROC of an old/new phase and group (counts summed over participants) at
 * the criterion "rating ≥ rating" ({@link engram.analysis.stats.Roc}).
 */
public record RocPoint(int phase, String groupBy, String group, int rating, double falseAlarmRate, double hitRate) {
}
