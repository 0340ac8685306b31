package engram.analysis.io;

import engram.core.csv.CsvReader;
import engram.core.csv.InputException;
import engram.core.format.Manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of responses.csv as {@link StudyReader} reads them, one step at a time: the column map (constructor), one
 * row of the continuous game or of a study/test phase ({@link #read()}), then the cross-row rules and the per-participant
 * index ({@link #build(String)}). Every problem is an {@link InputException} naming the file, line and column.
 */
final class ResponseRows {

    private final CsvReader csv;
    private final Manifest manifest;
    private final int cRun;
    private final int cParticipant;
    private final int cSequence;
    private final int cTrial;
    private final int cImage;
    private final int cPresentation;
    private final int cKind;
    private final int cResponded;
    private final int[] numericOptional;
    private final int cExtraShowings;
    private final int cInterrupted;
    private final int cDuration;
    private final int cDropped;
    private final int cRunAny;

    private final TrialTiming timing = new TrialTiming();
    private final Set<String> leftOut = new HashSet<>();
    private final Map<String, Integer> participants = new HashMap<>();
    private final List<String> participantIds = new ArrayList<>();
    private final List<String> sequenceIds = new ArrayList<>();
    private final StudyReader.IntList participant = new StudyReader.IntList();
    private final StudyReader.IntList trial = new StudyReader.IntList();
    private final StudyReader.IntList image = new StudyReader.IntList();
    private final StudyReader.IntList lines = new StudyReader.IntList();
    private final StudyReader.ByteList presentation = new StudyReader.ByteList();
    private final StudyReader.ByteList kind = new StudyReader.ByteList();
    private final StudyReader.ByteList responded = new StudyReader.ByteList();
    private String lastParticipant;
    private int lastParticipantIndex = -1;
    private String lastImage;
    private int lastImageIndex = -1;
    private int rows;

    // phases, sessions and tasks (docs/data-formats.md); rows of other tasks than the continuous game go to TestTrials
    private final TestRowParser tests;
    private final Map<String, Integer> testParticipants = new HashMap<>();
    private final List<String> testParticipantIds = new ArrayList<>();
    private final List<TestTrial> testTrials = new ArrayList<>();
    private final Map<String, Long> testKeys = new HashMap<>();

    /** Reads the header: the required columns, run_id when runs are filtered, and the optional later columns. */
    ResponseRows(CsvReader csv, Manifest manifest, boolean filtered) {
        this.csv = csv;
        this.manifest = manifest;
        int[] c = new int[StudyReader.RESPONSE_COLUMNS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = csv.require(StudyReader.RESPONSE_COLUMNS[i]);
        }
        cRun = filtered ? csv.require("run_id") : -1;
        cParticipant = c[0];
        cSequence = c[1];
        cTrial = c[2];
        cImage = c[3];
        cPresentation = c[4];
        cKind = c[5];
        cResponded = c[7];
        numericOptional = new int[] {c[6], c[8], c[9], c[10]};
        // columns added later (docs/data-formats.md); absent from older exports and hand-made files
        cExtraShowings = csv.optional("extra_showings");
        cInterrupted = csv.optional("interrupted");
        cDuration = c[10];
        cDropped = csv.optional("dropped_frames");
        tests = new TestRowParser(csv, manifest, cKind);
        cRunAny = cRun >= 0 ? cRun : csv.optional("run_id");
    }

    /** The run_id column (-1 when runs are not filtered). */
    int runColumn() {
        return cRun;
    }

    /** Rows of the continuous game kept so far. */
    int rows() {
        return rows;
    }

    /** Reads the current row; true when it added a row of the continuous game. */
    boolean read() {
        String task = tests.task();
        tests.checkPhaseAndSession();
        if (!task.equals(TestTrial.CONTINUOUS)) {
            readTestRow(task);
            return false;
        }
        return readGameRow();
    }

    /** A row of a study or test phase: checked like a game row, then kept as a {@link TestTrial}. */
    private void readTestRow(String task) {
        String pid = csv.string(cParticipant).trim();
        if (pid.isEmpty()) {
            throw csv.error(cParticipant, "empty participant_id");
        }
        int img = imageIndex(csv.string(cImage).trim());
        int t = trialIndex();
        presentation();
        Integer tp = testParticipants.get(pid);
        if (tp == null) {
            tp = testParticipantIds.size();
            testParticipants.put(pid, tp);
            testParticipantIds.add(pid);
        }
        TestTrial testTrial = tests.read(task, tp, cRunAny < 0 ? "" : csv.string(cRunAny).trim(), t, img);
        String key = pid + "\u0000" + t;
        Long first = testKeys.putIfAbsent(key, csv.line());
        if (first != null || leftOut.contains(key)) {
            throw csv.error(cTrial, "duplicate row for participant '" + pid + "', trial_index " + t
                + (first == null ? "" : " (first on line " + first + ")"));
        }
        if (StudyReader.notOrdinary(csv, cExtraShowings, cInterrupted)) {
            testKeys.remove(key);
            leftOut.add(key);
            return;
        }
        testTrials.add(testTrial);
    }

    /** A row of the continuous game; false when it is left out as not an ordinary presentation. */
    private boolean readGameRow() {
        int p = participantIndex();
        int img = lastImage != null && csv.equalsText(cImage, lastImage) ? lastImageIndex : cachedImageIndex();
        int t = trialIndex();
        long pres = presentation();
        byte k = kind();
        long resp = csv.parseLong(cResponded);
        if (resp != 0 && resp != 1) {
            throw csv.error(cResponded, "responded must be 0 or 1, found '" + csv.string(cResponded) + "'");
        }
        for (int col : numericOptional) {
            if (!csv.isBlank(col)) {
                csv.parseDouble(col);
            }
        }
        if (StudyReader.notOrdinary(csv, cExtraShowings, cInterrupted)) {
            if (!leftOut.add(participantIds.get(p) + "\u0000" + t)) {
                throw csv.error(cTrial, "trial " + t + " of participant '" + participantIds.get(p) + "' appears twice");
            }
            return false;
        }
        if (!csv.isBlank(cDuration)) {
            timing.addDuration(csv.parseDouble(cDuration));
        }
        if (cDropped >= 0 && !csv.isBlank(cDropped)) {
            timing.addDroppedFrames(csv.parseLong(cDropped));
        }
        participant.add(p);
        trial.add(t);
        image.add(img);
        lines.add((int) Math.min(Integer.MAX_VALUE, csv.line()));
        presentation.add((byte) pres);
        kind.add(k);
        responded.add((byte) resp);
        rows++;
        return true;
    }

    /** The game participant of the row (the previous row's without a lookup when the id is the same). */
    private int participantIndex() {
        if (lastParticipant != null && csv.equalsText(cParticipant, lastParticipant)) {
            return lastParticipantIndex;
        }
        String id = csv.string(cParticipant).trim();
        if (id.isEmpty()) {
            throw csv.error(cParticipant, "empty participant_id");
        }
        Integer known = participants.get(id);
        if (known == null) {
            known = participantIds.size();
            participants.put(id, known);
            participantIds.add(id);
            sequenceIds.add(csv.string(cSequence).trim());
        }
        lastParticipant = id;
        lastParticipantIndex = known;
        return known;
    }

    /** The row's image, remembered for the next row. */
    private int cachedImageIndex() {
        String id = csv.string(cImage).trim();
        int img = imageIndex(id);
        lastImage = id;
        lastImageIndex = img;
        return img;
    }

    private int imageIndex(String imageId) {
        int img = manifest.indexOf(imageId);
        if (img < 0) {
            throw csv.error(cImage, "unknown image_id '" + imageId + "' (not in the manifest)");
        }
        return img;
    }

    private int trialIndex() {
        int t = csv.parseInt(cTrial);
        if (t < 0) {
            throw csv.error(cTrial, "trial_index must be 0 or more, found " + t);
        }
        return t;
    }

    private long presentation() {
        long pres = csv.parseLong(cPresentation);
        if (pres != 1 && pres != 2) {
            throw csv.error(cPresentation, "presentation must be 1 or 2, found '" + csv.string(cPresentation) + "'");
        }
        return pres;
    }

    private byte kind() {
        if (csv.equalsText(cKind, "target")) {
            return Responses.TARGET;
        } else if (csv.equalsText(cKind, "filler")) {
            return Responses.FILLER;
        } else if (csv.equalsText(cKind, "vigilance")) {
            return Responses.VIGILANCE;
        }
        throw csv.error(cKind, "kind must be target, filler or vigilance, found '" + csv.string(cKind) + "'");
    }

    int participants() {
        return participantIds.size();
    }

    int leftOutTrials() {
        return leftOut.size();
    }

    int testRows() {
        return testTrials.size();
    }

    int testParticipants() {
        return testParticipantIds.size();
    }

    /** Checks the cross-row rules (one row per participant and trial) and builds the {@link Responses}. */
    Responses build(String name) {
        int[] part = participant.toArray();
        int[] trials = trial.toArray();
        int[] lineOf = lines.toArray();
        byte[] resp = responded.toArray();
        int np = participantIds.size();
        int[] offsets = new int[np + 1];
        for (int r = 0; r < rows; r++) {
            offsets[part[r] + 1]++;
        }
        for (int p = 0; p < np; p++) {
            offsets[p + 1] += offsets[p];
        }
        int[] fill = Arrays.copyOf(offsets, np);
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[fill[part[r]]++] = r;
        }
        for (int p = 0; p < np; p++) {
            sortByTrial(name, p, offsets[p], offsets[p + 1], order, trials, lineOf, resp);
        }
        boolean[] respondedFlags = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            respondedFlags[r] = resp[r] == 1;
        }
        Responses read = new Responses(participantIds.toArray(String[]::new), sequenceIds.toArray(String[]::new), part, trials,
            image.toArray(), presentation.toArray(), kind.toArray(), respondedFlags, offsets, order);
        read.leftOut = Set.copyOf(leftOut);
        checkGameAndTestRowsDisjoint(name, part, trials, lineOf);
        read.testKeys = Set.copyOf(testKeys.keySet());
        read.tests = new TestTrials(testParticipantIds, testTrials, Map.of());
        read.timing = timing;
        return read;
    }

    /** Sorts one participant's rows order[from..to) by trial; two rows for one trial are an error. */
    private void sortByTrial(String name, int p, int from, int to, int[] order, int[] trials, int[] lineOf, byte[] resp) {
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = ((long) trials[order[i]] << 32) | order[i];
        }
        Arrays.sort(keys);
        for (int i = from; i < to; i++) {
            order[i] = (int) keys[i - from];
            if (i > from && trials[order[i]] == trials[order[i - 1]]) {
                int first = order[i - 1];
                int second = order[i];
                String what = resp[first] != resp[second]
                    ? "conflicting rows for the same trial: responded " + resp[first] + " on line " + lineOf[first]
                      + " and " + resp[second] + " here"
                    : "duplicate row for participant '" + participantIds.get(p) + "', trial_index "
                      + trials[second] + " (first on line " + lineOf[first] + ")";
                throw new InputException(name, lineOf[second], "trial_index", what);
            }
        }
    }

    /** A participant's trial is either a game row or a row of a study or test phase, never both. */
    private void checkGameAndTestRowsDisjoint(String name, int[] part, int[] trials, int[] lineOf) {
        for (int r = 0; r < rows; r++) {
            if (testKeys.containsKey(participantIds.get(part[r]) + "\u0000" + trials[r])) {
                throw new InputException(name, lineOf[r], "trial_index", "duplicate row for participant '"
                    + participantIds.get(part[r]) + "', trial_index " + trials[r] + " (also a row of a study or test phase on line "
                    + testKeys.get(participantIds.get(part[r]) + "\u0000" + trials[r]) + ")");
            }
        }
    }
}
