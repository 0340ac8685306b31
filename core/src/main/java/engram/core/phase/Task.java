package engram.core.phase;

import java.util.List;

/** What one phase asks of the participant; {@link #code()} is the name used in experiment.json and responses.csv. */
public enum Task {
    CONTINUOUS("continuous"), STUDY("study"), OLD_NEW("old-new"), OLD_SIMILAR_NEW("old-similar-new"), TWO_AFC("2afc"),
    DISTRACTOR("distractor"), BREAK("break");

    private final String code;

    Task(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Task fromCode(String code) {
        for (Task task : values()) {
            if (task.code.equals(code)) {
                return task;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not a task (continuous, study, old-new, old-similar-new, 2afc, distractor, break)");
    }

    /** Whether the task's trials are stored (distractor and break store none). */
    public boolean storesTrials() {
        return this != DISTRACTOR && this != BREAK;
    }

    /** The answers a test of this task takes (old-new: old, new; old-similar-new: old, similar, new; others none). */
    public List<String> answers() {
        return switch (this) {
            case OLD_NEW -> List.of("old", "new");
            case OLD_SIMILAR_NEW -> List.of("old", "similar", "new");
            default -> List.of();
        };
    }
}
