package engram.core.phase;

import java.util.Locale;

/** The side of the screen of a 2AFC image; {@link #csvName()} is {@code left} or {@code right}. */
public enum Side {
    LEFT,
    RIGHT;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == LEFT ? RIGHT : LEFT;
    }

    /** The side with this CSV name ({@code left} or {@code right}). */
    public static Side fromCsv(String name) {
        for (Side side : values()) {
            if (side.csvName().equals(name)) {
                return side;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a side (expected left or right)");
    }
}
