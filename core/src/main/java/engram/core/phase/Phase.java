package engram.core.phase;

/**
 * One phase of an experiment, with the field names of experiment.json's {@code phases} (docs/data-formats.md). Fields
 * that do not apply to the task are null (false for {@code boxes}). {@link PhasePlan} checks a whole list of phases
 * and names the phase and field of every problem.
 *
 * @param phase            1-based position in the experiment's phase list
 * @param task             the task
 * @param session          1-based session; a later session is a return through the session link
 * @param delayMinS        on the first phase of every session after the first: the earliest return, in seconds after
 *                         the previous session finished; null elsewhere
 * @param delayMaxS        likewise the latest return
 * @param displayMs        study: how long each image is shown, 100..60000 ms
 * @param encodingQuestion study: an optional question about each image
 * @param confidenceLevels old-new, old-similar-new, 2afc: points of the confidence scale (2..10), null for none
 * @param boxes            continuous, old-new, old-similar-new: whether an "old" answer opens the box tool
 * @param minDurationS     break, distractor: the minimum duration, 0..86400 s
 */
public record Phase(int phase, Task task, int session, Integer delayMinS, Integer delayMaxS, Integer displayMs,
                    EncodingQuestion encodingQuestion, Integer confidenceLevels, boolean boxes,
                    Integer minDurationS) {

    /** "phase 3 (old-new)", the way problems name a phase. */
    public String label() {
        return "phase " + phase + " (" + (task == null ? "no task" : task.code()) + ")";
    }
}
