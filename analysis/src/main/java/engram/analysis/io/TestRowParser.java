package engram.analysis.io;

import engram.core.csv.CsvReader;
import engram.core.csv.InputException;
import engram.core.format.Manifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the phase, session, task and answer columns of responses.csv (docs/data-formats.md, "Phases,
 * sessions and tasks"). Every column is optional: without them a row is a trial of the continuous game in phase 1,
 * session 1.
 */
final class TestRowParser {
    static final List<String> TASKS = List.of(TestTrial.CONTINUOUS, TestTrial.STUDY, TestTrial.OLD_NEW,
        TestTrial.OLD_SIMILAR_NEW, TestTrial.TWO_AFC);
    private static final Set<String> SIDES = Set.of("left", "right");

    private final CsvReader csv;
    private final Manifest manifest;
    private final String[] manifestLureTypes;
    private final int cPhase;
    private final int cSession;
    private final int cTask;
    private final int cKind;
    private final int cAnswer;
    private final int cConfidence;
    private final int cLevels;
    private final int cLureType;
    private final int cTargetSide;
    private final int cChoiceSide;
    private final int cChosen;
    private final int cAlternative;

    private final Map<Integer, PhaseFirstSeen> phases = new HashMap<>();

    TestRowParser(CsvReader csv, Manifest manifest, int kindColumn) {
        this.csv = csv;
        this.manifest = manifest;
        this.manifestLureTypes = ManifestLures.lureTypes(manifest);
        this.cKind = kindColumn;
        cPhase = csv.optional("phase");
        cSession = csv.optional("session");
        cTask = csv.optional("task");
        cAnswer = csv.optional("answer");
        cConfidence = csv.optional("confidence");
        cLevels = csv.optional("confidence_levels");
        cLureType = csv.optional("lure_type");
        cTargetSide = csv.optional("target_side");
        cChoiceSide = csv.optional("choice_side");
        cChosen = csv.optional("chosen_image_id");
        cAlternative = csv.optional("alternative_image_id");
    }

    /** @return the row's task, {@code continuous} when the column is absent or empty; an unknown task is an error */
    String task() {
        String task = text(cTask);
        if (task.isEmpty()) {
            return TestTrial.CONTINUOUS;
        }
        if (!TASKS.contains(task)) {
            throw csv.error(cTask, "task must be one of " + String.join(", ", TASKS) + ", found '" + task + "'");
        }
        return task;
    }

    /** Checks the phase and session of any row (1 or more; empty means 1). */
    void checkPhaseAndSession() {
        positive(cPhase, "phase");
        positive(cSession, "session");
    }

    /** Reads a row whose task is not {@code continuous}; {@code image} is the manifest index of its image_id. */
    TestTrial read(String task, int participant, String runId, int trialIndex, int image) {
        int phase = positive(cPhase, "phase");
        int session = positive(cSession, "session");
        String kind = kind(task);
        String answer = answer(task);
        int levels = confidenceLevels();
        int confidence = confidence(levels);
        String lureType = lureType(kind, image);
        checkSamePhase(new PhaseFirstSeen(task, session, levels, csv.line()), phase);
        if (levels > 0 && confidence == 0 && !answer.isEmpty() && !task.equals(TestTrial.STUDY)) {
            throw csv.error(cConfidence, "an answer without a confidence in a phase with a confidence scale of "
                + levels);
        }
        TwoAfcChoice twoAfc = TwoAfcChoice.NONE;
        if (task.equals(TestTrial.TWO_AFC)) {
            twoAfc = twoAfcChoice(image, confidence);
        } else if (confidence > 0 && answer.isEmpty()) {
            throw csv.error(cConfidence, "a confidence without an answer");
        }
        return new TestTrial(participant, runId, phase, session, task, trialIndex, image, kind, answer, confidence,
            levels, lureType, twoAfc.alternative(), twoAfc.choice());
    }

    /** A phase's task, session and confidence scale where it first appears, so that a phase has one of each. */
    private record PhaseFirstSeen(String task, int session, int levels, long line) {
    }

    /** The alternative image (manifest index) and the choice (1 = image, 0 = alternative, −1 = none) of a 2afc row. */
    private record TwoAfcChoice(int alternative, int choice) {
        static final TwoAfcChoice NONE = new TwoAfcChoice(-1, -1);
    }

    /** @return the row's kind, which must suit the task */
    private String kind(String task) {
        String kind = csv.string(cKind).trim();
        List<String> kinds = switch (task) {
            case TestTrial.STUDY -> List.of("study");
            case TestTrial.TWO_AFC -> List.of("lure", "foil");
            default -> List.of("target", "lure", "foil");
        };
        if (!kinds.contains(kind)) {
            throw csv.error(cKind, "kind must be " + String.join(" or ", kinds) + " in a " + task + " phase, found '" + kind + "'");
        }
        return kind;
    }

    /** @return the row's answer, which must be one the task offers (or empty) */
    private String answer(String task) {
        String answer = text(cAnswer);
        switch (task) {
            case TestTrial.OLD_NEW -> allowed(answer, List.of("old", "new"), task);
            case TestTrial.OLD_SIMILAR_NEW -> allowed(answer, List.of("old", "similar", "new"), task);
            case TestTrial.TWO_AFC -> {
                if (!answer.isEmpty()) {
                    throw csv.error(cAnswer, "answer must be empty in a 2afc phase (the choice is in choice_side and"
                        + " chosen_image_id), found '" + answer + "'");
                }
            }
            default -> { }
        }
        return answer;
    }

    /** @return the size of the confidence scale, 0 when empty */
    private int confidenceLevels() {
        if (text(cLevels).isEmpty()) {
            return 0;
        }
        int levels = csv.parseInt(cLevels);
        if (levels < 2) {
            throw csv.error(cLevels, "confidence_levels must be 2 or more, found " + levels);
        }
        return levels;
    }

    /** @return the confidence (1..levels), 0 when empty */
    private int confidence(int levels) {
        if (text(cConfidence).isEmpty()) {
            return 0;
        }
        int confidence = csv.parseInt(cConfidence);
        if (levels == 0) {
            throw csv.error(cConfidence, "a confidence needs confidence_levels (the size of the scale)");
        }
        if (confidence < 1 || confidence > levels) {
            throw csv.error(cConfidence, "confidence " + confidence + " is outside the scale 1.." + levels);
        }
        return confidence;
    }

    /** @return the row's lure type: empty on foil and study rows, and the manifest's where the manifest has one */
    private String lureType(String kind, int image) {
        String lureType = text(cLureType);
        if (!lureType.isEmpty() && (kind.equals("foil") || kind.equals("study"))) {
            throw csv.error(cLureType, "lure_type must be empty on a " + kind + " row, found '" + lureType + "'");
        }
        if (!lureType.isEmpty() && manifestLureTypes != null && !lureType.equals(manifestLureTypes[image])) {
            throw csv.error(cLureType, "lure_type '" + lureType + "' differs from the manifest's '"
                + manifestLureTypes[image] + "' for image '" + manifestImageId(image) + "'");
        }
        return lureType;
    }

    /** Remembers where a phase is first seen; a later row of it must have the same task, session and scale. */
    private void checkSamePhase(PhaseFirstSeen row, int phase) {
        PhaseFirstSeen first = phases.putIfAbsent(phase, row);
        if (first == null) {
            return;
        }
        if (!first.task().equals(row.task())) {
            throw csv.error(cTask, "phase " + phase + " has the task '" + first.task() + "' on line " + first.line()
                + " and '" + row.task() + "' here (a phase has one task)");
        }
        if (first.session() != row.session()) {
            throw csv.error(cSession, "phase " + phase + " is in session " + first.session() + " on line " + first.line()
                + " and in session " + row.session() + " here (a phase belongs to one session)");
        }
        if (first.levels() != row.levels()) {
            throw csv.error(cLevels, "phase " + phase + " has confidence_levels " + levelsText(first.levels())
                + " on line " + first.line() + " and " + levelsText(row.levels()) + " here (a phase has one scale)");
        }
    }

    /** Reads and cross-checks a 2afc row's alternative_image_id, target_side, choice_side and chosen_image_id. */
    private TwoAfcChoice twoAfcChoice(int image, int confidence) {
        int alternative = image(cAlternative, "alternative_image_id", true);
        if (alternative == image) {
            throw csv.error(cAlternative, "alternative_image_id must differ from image_id");
        }
        String targetSide = side(cTargetSide, "target_side", true);
        String choiceSide = side(cChoiceSide, "choice_side", false);
        int chosen = image(cChosen, "chosen_image_id", false);
        if (choiceSide.isEmpty() != (chosen < 0)) {
            throw csv.error(choiceSide.isEmpty() ? cChosen : cChoiceSide,
                "choice_side and chosen_image_id must both be given or both be empty");
        }
        int choice = -1;
        if (chosen >= 0) {
            if (chosen != image && chosen != alternative) {
                throw csv.error(cChosen, "chosen_image_id '" + manifestImageId(chosen)
                    + "' is neither image_id nor alternative_image_id");
            }
            choice = chosen == image ? 1 : 0;
            if ((choice == 1) != choiceSide.equals(targetSide)) {
                throw csv.error(cChoiceSide, "choice_side '" + choiceSide + "' does not show chosen_image_id '"
                    + manifestImageId(chosen) + "' (the studied image is on the " + targetSide + ")");
            }
        }
        if (confidence > 0 && chosen < 0) {
            throw csv.error(cConfidence, "a confidence without a choice");
        }
        return new TwoAfcChoice(alternative, choice);
    }

    private static String levelsText(int levels) {
        return levels == 0 ? "empty" : Integer.toString(levels);
    }

    private void allowed(String answer, List<String> values, String task) {
        if (!answer.isEmpty() && !values.contains(answer)) {
            throw csv.error(cAnswer, "answer must be " + String.join(", ", values) + " or empty in a " + task
                + " phase, found '" + answer + "'");
        }
    }

    private String side(int column, String name, boolean required) {
        String side = text(column);
        if (side.isEmpty() && required) {
            throw column < 0 ? new InputException(csv.file(), csv.line(), name, "a 2afc row needs this column")
                : csv.error(column, name + " must be left or right in a 2afc phase, found ''");
        }
        if (!side.isEmpty() && !SIDES.contains(side)) {
            throw csv.error(column, name + " must be left or right, found '" + side + "'");
        }
        return side;
    }

    private int image(int column, String name, boolean required) {
        String id = text(column);
        if (id.isEmpty()) {
            if (required) {
                throw column < 0 ? new InputException(csv.file(), csv.line(), name, "a 2afc row needs this column")
                    : csv.error(column, name + " must name an image in a 2afc phase");
            }
            return -1;
        }
        int i = manifest.indexOf(id);
        if (i < 0) {
            throw csv.error(column, "unknown " + name + " '" + id + "' (not in the manifest)");
        }
        return i;
    }

    private String manifestImageId(int i) {
        return manifest.row(i).imageId();
    }

    private int positive(int column, String name) {
        if (text(column).isEmpty()) {
            return 1;
        }
        int v = csv.parseInt(column);
        if (v < 1) {
            throw csv.error(column, name + " must be 1 or more, found " + v);
        }
        return v;
    }

    private String text(int column) {
        return column < 0 ? "" : csv.string(column).trim();
    }
}
