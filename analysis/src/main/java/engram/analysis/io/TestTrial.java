package engram.analysis.io;

/**
 * One row of responses.csv from a phase other than the continuous game (docs/data-formats.md, "Phases, sessions and
 * tasks"). Image fields are manifest indices.
 *
 * @param participant      the participant's index in {@link TestTrials#participantIds()}
 * @param runId            the run's public id (empty for files by hand without run_id)
 * @param phase            1-based phase of the experiment
 * @param session          1-based session
 * @param task             {@link #STUDY}, {@link #OLD_NEW}, {@link #OLD_SIMILAR_NEW} or {@link #TWO_AFC}
 * @param trialIndex       position in the run
 * @param image            the image shown; for 2AFC the studied image
 * @param kind             {@code study}, {@code target}, {@code lure} or {@code foil}
 * @param answer           {@code old}, {@code similar}, {@code new}, the study question's answer, or empty (no answer;
 *                         always empty for 2AFC)
 * @param confidence       1..confidenceLevels, 0 when not given
 * @param confidenceLevels the phase's confidence scale, 0 when it asks none
 * @param lureType         the pair's lure type, empty when none
 * @param alternative      2AFC: the image beside the studied one; −1 otherwise
 * @param choice           2AFC: 1 the studied image was chosen, 0 the alternative, −1 no choice (and −1 for other tasks)
 */
public record TestTrial(int participant, String runId, int phase, int session, String task, int trialIndex, int image,
                        String kind, String answer, int confidence, int confidenceLevels, String lureType,
                        int alternative, int choice) {
    public static final String CONTINUOUS = "continuous";
    public static final String STUDY = "study";
    public static final String OLD_NEW = "old-new";
    public static final String OLD_SIMILAR_NEW = "old-similar-new";
    public static final String TWO_AFC = "2afc";

    /** @return whether the participant answered (an old/similar/new answer, or a 2AFC choice) */
    public boolean answered() {
        return task.equals(TWO_AFC) ? choice >= 0 : !answer.isEmpty();
    }
}
