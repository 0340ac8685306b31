package engram.analysis.io;

/**
 * An exported study ready for analysis.
 *
 * @param manifest  the images
 * @param responses the trials
 * @param boxes     the VMS boxes
 * @param images    where the stimulus images can be found
 */
public record Study(Manifest manifest, Responses responses, Boxes boxes, ImageSource images) {
}
