package engram.analysis.recognition;

/**
 * One row of recognition/vms.csv: the VMS map of one image in one role in one old/new or old/similar/new phase,
 * from the boxes drawn on its test trials (docs/analysis.md, "Boxes on test trials").
 *
 * @param phase     the test phase
 * @param task      its task
 * @param imageId   the image
 * @param kind      target, lure or foil
 * @param answers   answered trials of the image in that role (the divisor)
 * @param boxed     answered trials with at least one box
 * @param intensity mean over the map's cells (NaN without answers)
 * @param map       G×G cells, row-major, row 0 at the top: Σ over boxed trials of the share of the cell the trial's
 *                  union of boxes covers, divided by {@code answers}
 */
public record RecognitionVms(int phase, String task, String imageId, String kind, long answers, long boxed,
                             double intensity, double[] map) {
}
