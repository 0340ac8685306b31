package engram.core.phase;

/** One phase of an experiment: its task, its session, and the options of that task (null where they do not apply). */
public record Phase(int phase, Task task, int session, Integer delayMinS, Integer delayMaxS, Integer displayMs,
                    EncodingQuestion encodingQuestion, Integer confidenceLevels, boolean boxes, Integer minDurationS) {
}
