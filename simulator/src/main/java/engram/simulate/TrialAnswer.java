package engram.simulate;

import java.util.List;

/**
 * What a synthetic participant sends for one position: the body of {@code PUT /api/runs/{runId}/trials/{position}}.
 * A re-send is byte-for-byte the same answer, so the server can recognise it as an identical repeat.
 *
 * @param position position in the run's trial stream
 * @param imageId image shown at that position
 * @param repeat whether the participant had already seen this image earlier in the run
 * @param responded whether the participant responded ("seen before")
 * @param rtMs reaction time from onset, null when not responded
 * @param onsetMs synthetic {@code performance.now()} of the onset
 * @param offsetMs synthetic {@code performance.now()} of the offset
 * @param durationMs offset minus onset
 * @param boxes boxes drawn, empty when not responded
 */
public record TrialAnswer(int position, String imageId, boolean repeat, boolean responded, Double rtMs,
                          double onsetMs, double offsetMs, double durationMs, List<Box> boxes) {

    public TrialAnswer {
        boxes = List.copyOf(boxes);
    }
}
