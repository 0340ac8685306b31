package engram.analysis;

/**
 * Means of the image scores within one condition or category (images without a value are skipped for that mean).
 *
 * @param group                   the condition or category
 * @param images                  images in the manifest with this value
 * @param imagesWithRepeats       images with at least one repeat showing
 * @param hits                    total hits
 * @param misses                  total misses
 * @param falseAlarms             total false alarms
 * @param correctRejections       total correct rejections
 * @param meanHitRate             mean image hit rate
 * @param sdHitRate               SD (n − 1) of the image hit rates
 * @param meanFalseAlarmRate      mean image false-alarm rate
 * @param sdFalseAlarmRate        SD of the image false-alarm rates
 * @param meanCorrectedRecognition mean image HR − FAR
 * @param meanDprime              mean image d′
 * @param meanVmsTrueIntensity    mean true VMS intensity
 * @param meanVmsFalseIntensity   mean false VMS intensity
 * @param participants            participants with a defined d′ in this condition (conditions only, else 0)
 * @param meanParticipantDprime   mean per-participant d′ within the condition (NaN for categories)
 * @param sdParticipantDprime     SD of that d′
 */
public record GroupSummary(String group, int images, int imagesWithRepeats, long hits, long misses, long falseAlarms,
                           long correctRejections, double meanHitRate, double sdHitRate, double meanFalseAlarmRate,
                           double sdFalseAlarmRate, double meanCorrectedRecognition, double meanDprime,
                           double meanVmsTrueIntensity, double meanVmsFalseIntensity, int participants,
                           double meanParticipantDprime, double sdParticipantDprime) {
}
