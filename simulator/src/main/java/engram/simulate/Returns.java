package engram.simulate;

/**
 * When synthetic participants come back for a later session (an experiment with sessions): the server's delay window
 * runs from {@code opensAt} to {@code closesAt} after the previous session.
 */
public enum Returns {
    /** Within the window: just after it opens. */
    ON_TIME,
    /** First before the window opens (answered {@code session_too_early}), then again within it. */
    EARLY,
    /** After the window closed (answered {@code session_too_late}: the session is missed and the run ends). */
    LATE,
    /** Participant {@code i} returns on time, early, late for i mod 3 = 0, 1, 2. */
    MIX;

    /** @return what participant {@code index} does ({@link #MIX} resolved) */
    public Returns of(int index) {
        if (this != MIX) {
            return this;
        }
        return switch (index % 3) {
            case 0 -> ON_TIME;
            case 1 -> EARLY;
            default -> LATE;
        };
    }

    /** @return the enum constant for a command-line value: on-time, early, late or mix */
    public static Returns parse(String text) {
        for (Returns value : values()) {
            if (value.label().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected on-time, early, late or mix, got '" + text + "'");
    }

    /** @return the command-line spelling */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
