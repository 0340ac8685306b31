package engram.analysis.recognition;

/**
 * One row of recognition/summary.csv: one measure of one test phase and group over the participants where it is
 * defined: mean, SD (n − 1) and the 95% t interval mean ± t(.975, n − 1)·sd/√n (empty below 2 participants).
 */
public record RecognitionSummary(int phase, int session, String task, String groupBy, String group, String measure,
                                 int participants, double mean, double sd, double ciLow, double ciHigh) {
}
