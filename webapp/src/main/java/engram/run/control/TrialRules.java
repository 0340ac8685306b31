package engram.run.control;

import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.run.entity.BoxRecord;
import engram.run.entity.TrialRecord;

/** What a trial must look like before it is stored; each refusal names the field. */
final class TrialRules {

    private static final double MAX_TIME_MS = 1e9;
    private static final java.util.List<String> INTERRUPTIONS = java.util.List.of("display", "isi", "boxes");
    private static final int MAX_EXTRA_SHOWINGS = 1000;

    private TrialRules() {
    }

    static void check(TrialRecord trial, Experiment experiment, String imageAtPosition) {
        if (trial.imageId() == null || !trial.imageId().equals(imageAtPosition)) {
            throw ClientError.badRequest(ErrorCode.IMAGE_MISMATCH, "Position " + trial.position() + " shows image '" + imageAtPosition
                    + "', not '" + trial.imageId() + "'.");
        }
        checkMeasurements(trial);
        if (trial.responded()) {
            checkRt(trial);
            int boxes = trial.boxes().size();
            if (boxes < experiment.minBoxes() || boxes > experiment.maxBoxes()) {
                throw ClientError.badRequest(ErrorCode.BAD_BOX, "A 'repeat' answer needs " + experiment.minBoxes() + " to " + experiment.maxBoxes()
                        + " boxes; this one has " + boxes + ".");
            }
        } else {
            checkNoRt(trial);
            if (!trial.boxes().isEmpty()) {
                throw ClientError.badRequest(ErrorCode.BAD_BOX, "Boxes are only drawn after a 'repeat' answer; this trial has none.");
            }
        }
        checkBoxGeometry(trial);
    }

    /** The times, frame counts and sizes every trial reports. */
    static void checkMeasurements(TrialRecord trial) {
        requireTime("onsetMs", trial.onsetMs());
        requireTime("offsetMs", trial.offsetMs());
        requireTime("durationMs", trial.durationMs());
        if (trial.droppedFrames() < 0 || trial.visibilityChanges() < 0 || trial.fullscreenExits() < 0) {
            throw bad("droppedFrames, visibilityChanges and fullscreenExits must not be negative");
        }
        if (trial.devicePixelRatio() != null && !(trial.devicePixelRatio() > 0 && trial.devicePixelRatio() < 16)) {
            throw bad("devicePixelRatio must be between 0 and 16");
        }
        if (trial.displayedWidth() != null && trial.displayedWidth() <= 0 || trial.displayedHeight() != null && trial.displayedHeight() <= 0) {
            throw bad("displayedWidth and displayedHeight must be positive");
        }
    }

    static void checkRt(TrialRecord trial) {
        if (trial.rtMs() == null || !(trial.rtMs() >= 0) || trial.rtMs() > MAX_TIME_MS) {
            throw bad("rtMs must be a non-negative number when responded is true");
        }
    }

    static void checkNoRt(TrialRecord trial) {
        if (trial.rtMs() != null) {
            throw bad("rtMs must be null when responded is false");
        }
    }

    /** Every box inside the image with an area. */
    static void checkBoxGeometry(TrialRecord trial) {
        for (int i = 0; i < trial.boxes().size(); i++) {
            BoxRecord box = trial.boxes().get(i);
            if (!box.isInsideUnitSquareWithArea()) {
                throw ClientError.badRequest(ErrorCode.BAD_BOX, "boxes[" + i + "] " + box + " must lie inside [0,1] with a width and height above 0.");
            }
        }
    }

    /** The reload fields: the page load a trial ran in, where a reload cut it, and showings beyond the design. */
    static void checkReload(TrialRecord trial, int pageLoads) {
        if (trial.pageLoad() != null && (trial.pageLoad() < 1 || trial.pageLoad() > pageLoads)) {
            throw bad("pageLoad must be between 1 and this run's page loads so far (" + pageLoads + ")");
        }
        if (trial.interrupted() != null && !INTERRUPTIONS.contains(trial.interrupted())) {
            throw bad("interrupted must be one of " + INTERRUPTIONS + ", or null for a trial that ran to its end");
        }
        if (trial.extraShowings() < 0 || trial.extraShowings() > MAX_EXTRA_SHOWINGS) {
            throw bad("extraShowings must be between 0 and " + MAX_EXTRA_SHOWINGS);
        }
    }

    private static void requireTime(String field, double value) {
        if (!Double.isFinite(value) || value < 0 || value > MAX_TIME_MS) {
            throw bad(field + " must be a non-negative number of milliseconds");
        }
    }

    static ClientError bad(String message) {
        return ClientError.badRequest(ErrorCode.BAD_TRIAL, message + ".");
    }
}
