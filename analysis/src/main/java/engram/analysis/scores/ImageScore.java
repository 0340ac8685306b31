package engram.analysis.scores;

/**
 * One image's scores over the included participants (vigilance trials never count). Rates are NaN without trials.
 *
 * @param imageId              the image
 * @param condition            its condition
 * @param pairId               its pair, empty when unpaired
 * @param category             its category
 * @param hits                 repeats responded to
 * @param misses               repeats not responded to
 * @param hitRate              hits / (hits + misses)
 * @param falseAlarms          first showings responded to
 * @param correctRejections    first showings not responded to
 * @param falseAlarmRate       falseAlarms / (falseAlarms + correctRejections)
 * @param correctedRecognition hitRate − falseAlarmRate
 * @param dprime               z(H′) − z(F′), log-linear correction; NaN without repeats or first showings
 * @param vmsTrueIntensity     mean over cells of the true VMS map; NaN without repeats
 * @param vmsFalseIntensity    mean over cells of the false VMS map; NaN without first showings
 * @param predicted            predicted memorability from the manifest, NaN when absent
 */
public record ImageScore(String imageId, String condition, String pairId, String category, int hits, int misses,
                         double hitRate, int falseAlarms, int correctRejections, double falseAlarmRate,
                         double correctedRecognition, double dprime, double vmsTrueIntensity,
                         double vmsFalseIntensity, double predicted) {
}
