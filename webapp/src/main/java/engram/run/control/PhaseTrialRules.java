package engram.run.control;

import java.util.List;

import engram.core.phase.Phase;
import engram.core.phase.Task;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.run.entity.PhaseAnswer;
import engram.run.entity.TrialContext;
import engram.run.entity.TrialRecord;

/**
 * What a trial of a study or test phase must look like before it is stored (docs/participant-api.md, "Save one
 * trial"): the phase it names, its image(s), its answer for the task, its confidence on the phase's scale and, in 2AFC,
 * the side and image chosen. Each refusal is a 400 with its own code, and nothing is stored.
 */
final class PhaseTrialRules {

    private static final List<String> SIDES = List.of("left", "right");

    private PhaseTrialRules() {
    }

    /** Checks a trial at {@code item}'s position of phase {@code phase} and says how to store it. */
    static TrialContext check(TrialRecord trial, Experiment experiment, SequenceItem item, Phase phase, String imageToCompare) {
        PhaseAnswer a = trial.phaseAnswer();
        if (trial.imageId() == null && phase.task() != Task.TWO_AFC) {
            throw TrialRules.bad("imageId is required");
        }
        if (a.phase() != null && a.phase() != item.phase()) {
            throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Position " + trial.position() + " belongs to phase " + item.phase()
                    + " (" + phase.task().code() + "), not phase " + a.phase() + ".");
        }
        if (phase.task() == Task.CONTINUOUS) {
            if (a.answer() != null || a.choiceSide() != null || a.chosenImageId() != null) {
                throw ClientError.badRequest(ErrorCode.BAD_ANSWER, "Trials of the continuous game answer with 'responded' only;"
                        + " answer, choiceSide and chosenImageId must be absent.");
            }
            if (a.confidence() != null) {
                throw ClientError.badRequest(ErrorCode.BAD_CONFIDENCE, "Phase " + phase.phase() + " asks no confidence.");
            }
            TrialRules.check(trial, experiment, imageToCompare);
            return TrialContext.CONTINUOUS;
        }
        if (a.phase() == null) {
            throw TrialRules.bad("phase is required on trials of study and test phases (this position is in phase " + item.phase() + ")");
        }
        checkImage(trial, item, phase);
        TrialRules.checkMeasurements(trial);
        boolean answered = checkAnswer(trial, item, phase);
        if (trial.responded() != answered) {
            throw TrialRules.bad("responded must be " + answered + ": it is true exactly when the trial has an answer"
                    + (phase.task() == Task.TWO_AFC ? " (a choice)" : ""));
        }
        if (answered) {
            TrialRules.checkRt(trial);
        } else {
            TrialRules.checkNoRt(trial);
        }
        checkConfidence(a, phase, answered);
        checkBoxes(trial, experiment, phase);
        TrialRules.checkBoxGeometry(trial);
        boolean paired = "target".equals(item.kind()) || "lure".equals(item.kind());
        return new TrialContext(item.phase(), phase.session(), phase.task().code(), phase.confidenceLevels(),
                paired ? item.lureType() : null, item.targetSide(), item.alternativeImageId());
    }

    private static void checkImage(TrialRecord trial, SequenceItem item, Phase phase) {
        if (phase.task() == Task.TWO_AFC) {
            if (trial.imageId() != null && !trial.imageId().equals(item.imageId()) && !trial.imageId().equals(item.alternativeImageId())) {
                throw ClientError.badRequest(ErrorCode.IMAGE_MISMATCH, "Position " + trial.position() + " does not show image '" + trial.imageId() + "'.");
            }
        } else if (trial.imageId() == null || !trial.imageId().equals(item.imageId())) {
            throw ClientError.badRequest(ErrorCode.IMAGE_MISMATCH, "Position " + trial.position() + " shows image '" + item.imageId()
                    + "', not '" + trial.imageId() + "'.");
        }
    }

    /** @return whether the trial has an answer (or, in 2AFC, a choice) */
    private static boolean checkAnswer(TrialRecord trial, SequenceItem item, Phase phase) {
        PhaseAnswer a = trial.phaseAnswer();
        if (phase.task() != Task.TWO_AFC && (a.choiceSide() != null || a.chosenImageId() != null)) {
            throw ClientError.badRequest(ErrorCode.BAD_ANSWER, "choiceSide and chosenImageId belong to 2afc trials; phase " + phase.phase()
                    + " is " + phase.task().code() + ".");
        }
        switch (phase.task()) {
            case STUDY -> {
                List<String> allowed = phase.encodingQuestion() == null ? List.of() : phase.encodingQuestion().answers();
                if (a.answer() != null && !allowed.contains(a.answer())) {
                    throw ClientError.badRequest(ErrorCode.BAD_ANSWER, allowed.isEmpty()
                            ? "Phase " + phase.phase() + " (study) asks no question, so its trials have no answer."
                            : "The answer must be one of " + allowed + ", was '" + a.answer() + "'.");
                }
                return a.answer() != null;
            }
            case OLD_NEW, OLD_SIMILAR_NEW -> {
                if (a.answer() != null && !phase.task().answers().contains(a.answer())) {
                    throw ClientError.badRequest(ErrorCode.BAD_ANSWER, "The answer must be one of " + phase.task().answers() + " in phase "
                            + phase.phase() + " (" + phase.task().code() + "), was '" + a.answer() + "'.");
                }
                return a.answer() != null;
            }
            case TWO_AFC -> {
                if (a.answer() != null) {
                    throw ClientError.badRequest(ErrorCode.BAD_ANSWER, "2afc trials answer with choiceSide and chosenImageId, not answer.");
                }
                if (a.choiceSide() == null && a.chosenImageId() == null) {
                    return false;
                }
                if (a.choiceSide() == null || !SIDES.contains(a.choiceSide())) {
                    throw ClientError.badRequest(ErrorCode.BAD_ANSWER, "choiceSide must be 'left' or 'right', was "
                            + (a.choiceSide() == null ? "missing" : "'" + a.choiceSide() + "'") + ".");
                }
                String left = "left".equals(item.targetSide()) ? item.imageId() : item.alternativeImageId();
                String right = "left".equals(item.targetSide()) ? item.alternativeImageId() : item.imageId();
                String onThatSide = "left".equals(a.choiceSide()) ? left : right;
                if (a.chosenImageId() == null || !a.chosenImageId().equals(onThatSide)) {
                    throw ClientError.badRequest(ErrorCode.IMAGE_NOT_ON_SCREEN, "chosenImageId must be the image shown on the chosen side ("
                            + a.choiceSide() + "); '" + a.chosenImageId() + "' is not.");
                }
                return true;
            }
            default -> throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Phase " + phase.phase() + " (" + phase.task().code() + ") stores no trials.");
        }
    }

    private static void checkConfidence(PhaseAnswer a, Phase phase, boolean answered) {
        Integer levels = phase.confidenceLevels();
        if (levels == null) {
            if (a.confidence() != null) {
                throw ClientError.badRequest(ErrorCode.BAD_CONFIDENCE, "Phase " + phase.phase() + " (" + phase.task().code() + ") asks no confidence.");
            }
        } else if (!answered) {
            if (a.confidence() != null) {
                throw ClientError.badRequest(ErrorCode.BAD_CONFIDENCE, "A trial without an answer has no confidence.");
            }
        } else if (a.confidence() == null || a.confidence() < 1 || a.confidence() > levels) {
            throw ClientError.badRequest(ErrorCode.BAD_CONFIDENCE, "Phase " + phase.phase() + " asks a confidence from 1 to " + levels
                    + " with every answer; was " + (a.confidence() == null ? "missing" : a.confidence()) + ".");
        }
    }

    private static void checkBoxes(TrialRecord trial, Experiment experiment, Phase phase) {
        boolean boxStep = phase.boxes() && "old".equals(trial.phaseAnswer().answer())
                && (phase.task() == Task.OLD_NEW || phase.task() == Task.OLD_SIMILAR_NEW);
        int boxes = trial.boxes().size();
        if (boxStep && (boxes < experiment.minBoxes() || boxes > experiment.maxBoxes())) {
            throw ClientError.badRequest(ErrorCode.BAD_BOX, "An 'old' answer in phase " + phase.phase() + " needs " + experiment.minBoxes()
                    + " to " + experiment.maxBoxes() + " boxes; this one has " + boxes + ".");
        }
        if (!boxStep && boxes > 0) {
            throw ClientError.badRequest(ErrorCode.BAD_BOX, "Boxes are only drawn after an 'old' answer in a phase with the box step; this trial has "
                    + boxes + ".");
        }
    }
}
