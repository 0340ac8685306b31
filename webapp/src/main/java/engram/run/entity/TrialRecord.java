package engram.run.entity;

import java.util.List;
import java.util.Objects;

/**
 * A trial as the page reports it; two records are the same answer when every field is equal. Zeros are normalised
 * ({@code -0.0} becomes {@code 0.0}), so that a retry that differs only in the sign of a zero is the same answer.
 * {@code pageLoad} is the run's page load the image was shown in (null from clients that do not say), {@code interrupted}
 * where a reload cut the trial (display, isi, boxes; null when it ran to its end), {@code extraShowings} how many more
 * times than the design says the participant had seen the image by this trial, {@code phaseAnswer} what a study or test
 * trial answered ({@link PhaseAnswer#NONE} in the continuous game).
 */
public record TrialRecord(int position, String imageId, boolean responded, Double rtMs, double onsetMs, double offsetMs,
                          double durationMs, int droppedFrames, int visibilityChanges, int fullscreenExits,
                          Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio, List<BoxRecord> boxes,
                          Integer pageLoad, String interrupted, int extraShowings, PhaseAnswer phaseAnswer) {

    public TrialRecord {
        phaseAnswer = Objects.requireNonNullElse(phaseAnswer, PhaseAnswer.NONE);
        boxes = List.copyOf(Objects.requireNonNullElse(boxes, List.of()));
        rtMs = unsignedZero(rtMs);
        onsetMs = unsignedZero(onsetMs);
        offsetMs = unsignedZero(offsetMs);
        durationMs = unsignedZero(durationMs);
        devicePixelRatio = unsignedZero(devicePixelRatio);
    }

    /** The value, with -0.0 as 0.0 (adding +0.0 does exactly that, and leaves every other value unchanged). */
    public static double unsignedZero(double value) {
        return value + 0.0;
    }

    static Double unsignedZero(Double value) {
        return value == null ? null : value + 0.0;
    }

    /** A trial of the continuous game (no phase answer). */
    public TrialRecord(int position, String imageId, boolean responded, Double rtMs, double onsetMs, double offsetMs,
                       double durationMs, int droppedFrames, int visibilityChanges, int fullscreenExits,
                       Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio, List<BoxRecord> boxes,
                       Integer pageLoad, String interrupted, int extraShowings) {
        this(position, imageId, responded, rtMs, onsetMs, offsetMs, durationMs, droppedFrames, visibilityChanges, fullscreenExits,
                displayedWidth, displayedHeight, devicePixelRatio, boxes, pageLoad, interrupted, extraShowings, PhaseAnswer.NONE);
    }

    /** The same trial with the image the position shows (a 2AFC trial may omit it). */
    public TrialRecord withImageId(String image) {
        return new TrialRecord(position, image, responded, rtMs, onsetMs, offsetMs, durationMs, droppedFrames, visibilityChanges,
                fullscreenExits, displayedWidth, displayedHeight, devicePixelRatio, boxes, pageLoad, interrupted, extraShowings, phaseAnswer);
    }

    /** A trial that ran in an unknown page load, to its end, shown as often as the design says. */
    public TrialRecord(int position, String imageId, boolean responded, Double rtMs, double onsetMs, double offsetMs,
                       double durationMs, int droppedFrames, int visibilityChanges, int fullscreenExits,
                       Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio, List<BoxRecord> boxes) {
        this(position, imageId, responded, rtMs, onsetMs, offsetMs, durationMs, droppedFrames, visibilityChanges, fullscreenExits,
                displayedWidth, displayedHeight, devicePixelRatio, boxes, null, null, 0, PhaseAnswer.NONE);
    }
}
