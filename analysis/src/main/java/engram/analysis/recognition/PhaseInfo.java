package engram.analysis.recognition;

/**
 * One row of recognition/phases.csv: a study or test phase as found in responses.csv.
 *
 * @param phase            the phase
 * @param session          its session
 * @param task             study, old-new, old-similar-new or 2afc
 * @param participants     participants with rows in it
 * @param trials           its rows
 * @param answered         rows with an answer (2AFC: a choice; study: an answer to the encoding question)
 * @param confidenceLevels the confidence scale, 0 without one
 * @param medianDelay      median over its participants of the delay elapsed before the session, seconds (NaN unknown)
 * @param minDelay         shortest delay
 * @param maxDelay         longest delay
 * @param medianSinceFirst median over its participants of the time from the end of session 1 to the start of its
 *                         session, seconds ({@link engram.analysis.io.TestTrials#sinceFirstSession}; 0 in session 1,
 *                         NaN unknown): the retention interval of a test phase when the study phase is in session 1
 */
public record PhaseInfo(int phase, int session, String task, int participants, long trials, long answered,
                        int confidenceLevels, double medianDelay, double minDelay, double maxDelay,
                        double medianSinceFirst) {
}
