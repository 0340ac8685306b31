package engram.analysis.io;

/**
 * The trials of responses.csv in columnar form. Rows are indexed 0..size−1 in file order; {@link #byParticipant()}
 * lists them grouped by participant and sorted by trial index.
 */
public final class Responses {
    /** kind code of a target trial */
    public static final byte TARGET = 0;
    /** kind code of a filler trial */
    public static final byte FILLER = 1;
    /** kind code of a vigilance trial */
    public static final byte VIGILANCE = 2;

    private final String[] participantIds;
    private final String[] sequenceIds;
    private final int[] participant;
    private final int[] trialIndex;
    private final int[] image;
    private final byte[] presentation;
    private final byte[] kind;
    private final boolean[] responded;
    private final int[] offsets;
    private final int[] order;
    /** "participant\u0000trial" of rows read but left out (see StudyReader#readResponses) */
    java.util.Set<String> leftOut = java.util.Set.of();
    /** "participant\u0000trial" of the rows of study and test phases (see StudyReader#readResponses) */
    java.util.Set<String> testKeys = java.util.Set.of();
    /** the rows of study and test phases (see StudyReader#readResponses) */
    TestTrials tests = TestTrials.NONE;
    /** display durations and dropped frames of the rows kept (see StudyReader#readResponses) */
    TrialTiming timing = new TrialTiming();

    Responses(String[] participantIds, String[] sequenceIds, int[] participant, int[] trialIndex, int[] image,
              byte[] presentation, byte[] kind, boolean[] responded, int[] offsets, int[] order) {
        this.participantIds = participantIds;
        this.sequenceIds = sequenceIds;
        this.participant = participant;
        this.trialIndex = trialIndex;
        this.image = image;
        this.presentation = presentation;
        this.kind = kind;
        this.responded = responded;
        this.offsets = offsets;
        this.order = order;
    }

    /**
     * @return the number of rows of responses.csv left out because the trial was not an ordinary presentation: the
     *     participant had seen the image more often than the design says (extra_showings above 0), or a reload cut the
     *     image's display short (interrupted = display)
     */
    public int leftOutTrials() {
        return leftOut.size();
    }

    /** @return whether this participant's trial was read but left out as not an ordinary presentation */
    public boolean isLeftOut(String participantId, int trial) {
        return leftOut.contains(participantId + "\u0000" + trial);
    }

    /**
     * @return the rows of study and test phases (every task but the continuous game), which the rest of this class
     *     leaves out; empty for an export of the continuous game only
     */
    public TestTrials testTrials() {
        return tests;
    }

    /** @return whether this participant's trial is a row of a study or test phase */
    public boolean isTestTrial(String participantId, int trial) {
        return testKeys.contains(participantId + "\u0000" + trial);
    }

    /** Adds the boxes of boxes.csv on study and test rows. */
    void withTestBoxes(java.util.List<TestTrials.TestBox> boxes) {
        tests = new TestTrials(tests.participantIds(), tests.trials(), tests.delays(), boxes);
    }

    /** Adds the delays of sessions.csv to the study and test rows. */
    void withDelays(java.util.Map<String, Double> delays) {
        tests = new TestTrials(tests.participantIds(), tests.trials(), delays, tests.boxes());
    }

    /** @return how well the images were displayed: measured durations and dropped frames of the trials kept */
    public TrialTiming timing() {
        return timing;
    }

    /** @return the number of trials */
    public int size() {
        return participant.length;
    }

    /** @return the number of participants */
    public int participants() {
        return participantIds.length;
    }

    public String participantId(int p) {
        return participantIds[p];
    }

    /** @return the sequence id of the participant's first row */
    public String sequenceId(int p) {
        return sequenceIds[p];
    }

    public int participant(int row) {
        return participant[row];
    }

    public int trialIndex(int row) {
        return trialIndex[row];
    }

    /** @return the manifest index of the row's image */
    public int image(int row) {
        return image[row];
    }

    /** @return 1 for a first showing, 2 for a repeat */
    public int presentation(int row) {
        return presentation[row];
    }

    /** @return {@link #TARGET}, {@link #FILLER} or {@link #VIGILANCE} */
    public byte kind(int row) {
        return kind[row];
    }

    public boolean responded(int row) {
        return responded[row];
    }

    /** @return the participant's rows start at {@code byParticipant()[offset(p)]} and end before offset(p + 1) */
    public int offset(int p) {
        return offsets[p];
    }

    /** @return row indices grouped by participant, each group sorted by trial index (shared array: do not modify) */
    public int[] byParticipant() {
        return order;
    }

    /**
     * @return the row of a participant's trial, or −1 when there is none
     */
    public int find(int p, int trial) {
        int lo = offsets[p];
        int hi = offsets[p + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = trialIndex[order[mid]];
            if (t < trial) {
                lo = mid + 1;
            } else if (t > trial) {
                hi = mid - 1;
            } else {
                return order[mid];
            }
        }
        return -1;
    }
}
