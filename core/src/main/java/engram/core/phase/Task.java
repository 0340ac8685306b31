package engram.core.phase;

import java.util.List;

/**
 * The task of one phase of an experiment (docs/data-formats.md, "Phases, sessions and tasks"); {@link #code()} is the
 * name used in experiment.json, responses.csv and the participant API.
 */
public enum Task {
    /** The repeat-recognition game (today's default). */
    CONTINUOUS("continuous"),
    /** Each image shown for a set time, optionally with an encoding question. */
    STUDY("study"),
    /** A recognition test: old or new. */
    OLD_NEW("old-new"),
    /** The mnemonic-similarity test: old, similar or new. */
    OLD_SIMILAR_NEW("old-similar-new"),
    /** Two-alternative forced choice: a studied image beside its lure or a new image. */
    TWO_AFC("2afc"),
    /** A timed filler task (arithmetic); stores no trials. */
    DISTRACTOR("distractor"),
    /** Text plus a minimum duration; stores no trials. */
    BREAK("break");

    private final String code;

    Task(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The task with this code, e.g. {@code old-new}. */
    public static Task fromCode(String code) {
        for (Task task : values()) {
            if (task.code.equals(code)) {
                return task;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not a task (expected continuous, study, old-new, "
                + "old-similar-new, 2afc, distractor or break)");
    }

    /** Whether the phase's trials are stored (false for distractor and break). */
    public boolean storesTrials() {
        return this != DISTRACTOR && this != BREAK;
    }

    /** Whether this is a test of studied images: old-new, old-similar-new or 2afc. */
    public boolean isTest() {
        return this == OLD_NEW || this == OLD_SIMILAR_NEW || this == TWO_AFC;
    }

    /** The answers of a recognition test (old, new; old, similar, new); empty for the other tasks. */
    public List<String> answers() {
        return switch (this) {
            case OLD_NEW -> List.of("old", "new");
            case OLD_SIMILAR_NEW -> List.of("old", "similar", "new");
            default -> List.of();
        };
    }
}
