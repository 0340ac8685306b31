package engram.analysis.recognition;

/**
 * One row of recognition/participants.csv: a participant's scores in one test phase, over all its trials or one group
 * of them (docs/analysis.md, "Study and test phases"). Rates are NaN when undefined; fields of other tasks are NaN.
 *
 * @param participantId       the PROLIFIC_PID
 * @param phase               the test phase
 * @param session             its session
 * @param task                old-new, old-similar-new or 2afc
 * @param groupBy             all, condition, lure_type or alternative (2AFC)
 * @param group               the group's value ({@code all} for all)
 * @param delaySeconds        the delay elapsed before the session (sessions.csv), NaN when unknown or session 1
 * @param targets             answered target trials
 * @param lures               answered lure trials
 * @param foils               answered foil trials (the phase's foils; shared by every group)
 * @param unanswered          trials without an answer (left out of every rate)
 * @param hitRate             p("old" | target)
 * @param lureFalseAlarmRate  p("old" | lure)
 * @param falseAlarmRate      p("old" | foil)
 * @param dprime              z(H′) − z(F′), targets against foils, log-linear correction
 * @param criterion           −(z(H′) + z(F′))/2
 * @param auc                 area under the confidence ROC, targets against foils (old-new only)
 * @param similarTarget       p("similar" | target)
 * @param similarLure         p("similar" | lure)
 * @param similarFoil         p("similar" | foil)
 * @param ldi                 lure discrimination index
 * @param rec                 recognition score
 * @param choices             2AFC trials with a choice
 * @param correct             2AFC choices of the studied image
 * @param proportionCorrect   correct/choices
 * @param ciLow               Clopper–Pearson 95% interval of proportionCorrect, lower end
 * @param ciHigh              upper end
 */
public record RecognitionScore(String participantId, int phase, int session, String task, String groupBy, String group,
                               double delaySeconds, long targets, long lures, long foils, long unanswered,
                               double hitRate, double lureFalseAlarmRate, double falseAlarmRate, double dprime,
                               double criterion, double auc, double similarTarget, double similarLure,
                               double similarFoil, double ldi, double rec, long choices, long correct,
                               double proportionCorrect, double ciLow, double ciHigh) {

    /** @return the named measure (one of {@link Recognition#measures(String)}) */
    public double measure(String name) {
        return switch (name) {
            case "hit_rate" -> hitRate;
            case "lure_false_alarm_rate" -> lureFalseAlarmRate;
            case "false_alarm_rate" -> falseAlarmRate;
            case "dprime" -> dprime;
            case "criterion" -> criterion;
            case "auc" -> auc;
            case "p_similar_target" -> similarTarget;
            case "p_similar_lure" -> similarLure;
            case "p_similar_foil" -> similarFoil;
            case "ldi" -> ldi;
            case "rec" -> rec;
            case "proportion_correct" -> proportionCorrect;
            default -> throw new IllegalArgumentException("unknown measure " + name);
        };
    }
}
