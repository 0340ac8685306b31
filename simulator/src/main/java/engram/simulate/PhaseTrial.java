package engram.simulate;

/**
 * One position of a session as the start answer lists it.
 *
 * @param position the run-wide position
 * @param phase the phase it belongs to
 * @param task that phase's task
 * @param imageId the image shown, null for a 2AFC position
 * @param left the left image of a 2AFC position, else null
 * @param right the right image of a 2AFC position, else null
 */
public record PhaseTrial(int position, int phase, String task, String imageId, String left, String right) {
}
