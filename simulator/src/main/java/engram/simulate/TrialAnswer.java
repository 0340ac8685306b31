package engram.simulate;

import java.util.List;

/**
 * What a synthetic participant sends for one position: the body of {@code PUT /api/runs/{runId}/trials/{position}}.
 * A re-send is byte-for-byte the same answer, so the server can recognise it as an identical repeat.
 *
 * @param position position in the run's trial stream
 * @param imageId image shown at that position (for 2AFC: the chosen one)
 * @param repeat whether the participant had already seen this image earlier (continuous), or holds it as studied
 *               (test phases)
 * @param responded whether the participant responded ("seen before", or any answer in a study or test phase)
 * @param rtMs reaction time from onset, null when not responded
 * @param onsetMs synthetic {@code performance.now()} of the onset
 * @param offsetMs synthetic {@code performance.now()} of the offset
 * @param durationMs offset minus onset
 * @param boxes boxes drawn, empty when not responded
 * @param phase the position's phase, null for an experiment without phases
 * @param answer the study or test answer ({@code old}, {@code similar}, {@code new} or an encoding answer), else null
 * @param confidence the confidence (1..levels), null without a scale
 * @param choiceSide a 2AFC choice, {@code left} or {@code right}, else null
 * @param chosenImageId the image on {@code choiceSide}, else null
 */
public record TrialAnswer(int position, String imageId, boolean repeat, boolean responded, Double rtMs,
                          double onsetMs, double offsetMs, double durationMs, List<Box> boxes, Integer phase,
                          String answer, Integer confidence, String choiceSide, String chosenImageId) {

    public TrialAnswer {
        boxes = List.copyOf(boxes);
    }

    /** A trial of the continuous game in an experiment without phases. */
    public TrialAnswer(int position, String imageId, boolean repeat, boolean responded, Double rtMs,
                       double onsetMs, double offsetMs, double durationMs, List<Box> boxes) {
        this(position, imageId, repeat, responded, rtMs, onsetMs, offsetMs, durationMs, boxes, null, null, null, null,
                null);
    }
}
