package engram.analysis.io;

import engram.core.format.Manifest;

import java.util.List;

/**
 * An exported study ready for analysis.
 *
 * @param manifest  the images
 * @param responses the trials
 * @param boxes     the VMS boxes
 * @param images    where the stimulus images can be found
 * @param settings  the experiment's settings from experiment.json; null when the input had none (three files by hand)
 * @param runs      every run of participants.csv, in file order; empty when the input had none
 * @param leftOut   the runs of {@code runs} whose trials were left out before the analysis (they did not complete)
 */
public record Study(Manifest manifest, Responses responses, Boxes boxes, ImageSource images, StudySettings settings,
                    List<RunRecord> runs, List<RunRecord> leftOut) {

    public Study {
        runs = List.copyOf(runs);
        leftOut = List.copyOf(leftOut);
    }

    /** A study without participants.csv or experiment.json: every run in responses.csv is analysed. */
    public Study(Manifest manifest, Responses responses, Boxes boxes, ImageSource images) {
        this(manifest, responses, boxes, images, null, List.of(), List.of());
    }
}
