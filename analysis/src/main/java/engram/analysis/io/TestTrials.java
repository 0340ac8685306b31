package engram.analysis.io;

import java.util.List;
import java.util.Map;

/**
 * The rows of responses.csv from study and test phases (every task but {@code continuous}), in file order, and the
 * delays of sessions.csv. Empty for an export of the continuous game only.
 *
 * @param participantIds the participants with at least one such row, in order of first appearance
 * @param trials         the rows kept (runs that did not complete and rows that were not ordinary presentations are
 *                       left out, as for the continuous game)
 * @param delays         the delay actually elapsed before a session, in seconds, by "participant_id\u0000session"
 *                       (from sessions.csv; empty without it)
 * @param boxes          the VMS boxes of these rows (boxes.csv), in file order
 */
public record TestTrials(List<String> participantIds, List<TestTrial> trials, Map<String, Double> delays,
                         List<TestBox> boxes) {
    /** No study or test rows. */
    public static final TestTrials NONE = new TestTrials(List.of(), List.of(), Map.of());

    /**
     * One box of boxes.csv on a study or test row; coordinates are fractions of the image, origin top left.
     *
     * @param trial the row's index in {@link #trials()}
     * @param image the image boxed (the row's image; in 2AFC either image shown)
     */
    public record TestBox(int trial, int image, double x, double y, double width, double height) {
    }

    public TestTrials {
        participantIds = List.copyOf(participantIds);
        trials = List.copyOf(trials);
        delays = Map.copyOf(delays);
        boxes = List.copyOf(boxes);
    }

    /** Without boxes. */
    public TestTrials(List<String> participantIds, List<TestTrial> trials, Map<String, Double> delays) {
        this(participantIds, trials, delays, List.of());
    }

    /** @return whether the export has no study or test rows */
    public boolean isEmpty() {
        return trials.isEmpty();
    }

    /** @return the delay elapsed before the participant's session in seconds, NaN when unknown */
    public double delay(String participantId, int session) {
        Double d = delays.get(participantId + "\u0000" + session);
        return d == null ? Double.NaN : d;
    }

    /**
     * @return the time from the end of the participant's session 1 to the start of the session, in seconds: the sum
     *         of the delays of sessions 2 … session (the time spent in the sessions between is not counted); 0 for
     *         session 1, NaN when a delay is unknown
     */
    public double sinceFirstSession(String participantId, int session) {
        double sum = 0;
        for (int s = 2; s <= session; s++) {
            sum += delay(participantId, s);
        }
        return sum;
    }
}
