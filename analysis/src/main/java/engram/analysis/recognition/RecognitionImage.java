package engram.analysis.recognition;

/**
 * One row of recognition/images.csv: how participants answered one image in one role in one test phase.
 *
 * @param phase             the test phase
 * @param task              its task
 * @param imageId           the image (for 2AFC the studied image)
 * @param condition         the manifest condition of the image
 * @param lureType          the pair's lure type (empty when none)
 * @param kind              target, lure or foil (2AFC: the alternative beside it, lure or foil)
 * @param answers           answered trials (2AFC: choices)
 * @param old               "old" answers
 * @param similar           "similar" answers
 * @param pOld              old/answers
 * @param pSimilar          similar/answers
 * @param correct           2AFC: choices of the studied image
 * @param proportionCorrect 2AFC: correct/answers
 * @param ciLow             2AFC: Clopper–Pearson 95% interval, lower end
 * @param ciHigh            upper end
 */
public record RecognitionImage(int phase, String task, String imageId, String condition, String lureType, String kind,
                               long answers, long old, long similar, double pOld, double pSimilar, long correct,
                               double proportionCorrect, double ciLow, double ciHigh) {
}
