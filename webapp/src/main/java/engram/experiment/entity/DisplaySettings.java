package engram.experiment.entity;

/**
 * What participants see and which devices may take part: the stimulus size, the card calibration's viewing distance,
 * the box tool's enlargement, the warm-up before the first onset, the device rules with their code, and the practice
 * pass mark with its repeat loop (docs/participant-page.md).
 *
 * @param sizeMode           how {@code stimulusSize} is read
 * @param stimulusSize       CSS px, a fraction of the screen's shorter side, or degrees of visual angle (0 for NATURAL);
 *                           it sets the image's longer side
 * @param viewingDistanceCm  the viewing distance used for DEGREES
 * @param distanceSource     where the viewing distance comes from: the experiment's own, each participant's stated one
 *                           (prefilled with {@code viewingDistanceCm}), or each participant's measured one (blind spot)
 * @param annotationScale    the box tool shows the image at the stream size times this (1 = the same size)
 * @param warmupFrames       consecutive steady frames required before the first onset after a countdown (0 = none)
 * @param minRefreshHz       the lowest measured refresh rate accepted (0 = no rule)
 * @param minWindowWidth     the narrowest window accepted, CSS px (0 = no rule)
 * @param minWindowHeight    the lowest window accepted, CSS px (0 = no rule)
 * @param allowPhones        phones may take part
 * @param requireFullscreen  the browser must support full screen, and the stream starts only in full screen
 * @param codeNoDevice       the Prolific code for a device that fails a rule
 * @param practicePassMark   the fraction of practice images to answer correctly (0 = no pass mark)
 * @param practiceRepeats    how many times a failed practice may be repeated
 * @param practiceFailAction what happens after the last failed repeat
 * @param codePracticeFailed the Prolific code when the practice ends the study
 */
public record DisplaySettings(SizeMode sizeMode, double stimulusSize, double viewingDistanceCm, DistanceSource distanceSource,
                              double annotationScale, int warmupFrames, double minRefreshHz, int minWindowWidth,
                              int minWindowHeight, boolean allowPhones, boolean requireFullscreen, String codeNoDevice,
                              double practicePassMark, int practiceRepeats, PracticeFailAction practiceFailAction,
                              String codePracticeFailed) {

    /** How the stimulus size is given. */
    public enum SizeMode { NATURAL, PIXELS, SCREEN_FRACTION, DEGREES }

    /**
     * Where the viewing distance for sizes in degrees comes from: SET (the experiment's {@code viewingDistanceCm} for
     * everyone), STATED (each participant types theirs) or MEASURED (each participant's blind spot, Li et al. 2020).
     */
    public enum DistanceSource { SET, STATED, MEASURED }

    /** After the last failed practice repeat: go on to the study anyway, or end it with the practice-failed code. */
    public enum PracticeFailAction { CONTINUE, END }

    /** The same settings with other completion codes (a clone gets fresh codes). */
    public DisplaySettings withCodes(String noDevice, String practiceFailed) {
        return new DisplaySettings(sizeMode, stimulusSize, viewingDistanceCm, distanceSource, annotationScale, warmupFrames,
                minRefreshHz, minWindowWidth, minWindowHeight, allowPhones, requireFullscreen, noDevice, practicePassMark,
                practiceRepeats, practiceFailAction, practiceFailed);
    }

    /** The participant states the distance (the key experiment.json and the start answer have always carried). */
    public boolean askViewingDistance() {
        return distanceSource == DistanceSource.STATED;
    }

    public boolean hasPassMark() {
        return practicePassMark > 0;
    }
}
