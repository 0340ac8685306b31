package engram.analysis.scores;

/**
 * One participant's scores. Rates are NaN when they have no trials.
 *
 * @param participantId    the participant
 * @param sequenceId       the participant's sequence
 * @param hits             target repeats responded to
 * @param misses           target repeats not responded to
 * @param falseAlarms      first showings (vigilance included) responded to
 * @param correctRejections first showings (vigilance included) not responded to
 * @param hitRate          hits / (hits + misses)
 * @param falseAlarmRate   falseAlarms / (falseAlarms + correctRejections)
 * @param dprime           z(H′) − z(F′), log-linear correction
 * @param criterion        −(z(H′) + z(F′))/2
 * @param vigilanceHitRate responded vigilance repeats / vigilance repeats
 * @param excluded         whether the participant is left out of the image scores and tests
 * @param exclusionReason  why, empty when included
 */
public record ParticipantScore(String participantId, String sequenceId, int hits, int misses, int falseAlarms,
                               int correctRejections, double hitRate, double falseAlarmRate, double dprime,
                               double criterion, double vigilanceHitRate, boolean excluded, String exclusionReason) {
}
