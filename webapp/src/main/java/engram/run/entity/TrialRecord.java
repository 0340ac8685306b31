package engram.run.entity;

import java.util.List;
import java.util.Objects;

/** A trial as the page reports it; two records are the same answer when every field is equal. */
public record TrialRecord(int position, String imageId, boolean responded, Double rtMs, double onsetMs, double offsetMs,
                          double durationMs, int droppedFrames, int visibilityChanges, int fullscreenExits,
                          Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio, List<BoxRecord> boxes) {

    public TrialRecord {
        boxes = List.copyOf(Objects.requireNonNullElse(boxes, List.of()));
    }
}
