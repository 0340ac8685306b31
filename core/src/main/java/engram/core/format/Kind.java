package engram.core.format;

import java.util.Locale;

/** The role of a position in a sequence; {@link #csvName()} is the lowercase name used in sequences.csv. */
public enum Kind {
    /** Both showings of a repeated target image. */
    TARGET,
    /** An image shown once. */
    FILLER,
    /** Both showings of an attention-check repeat at a short lag, made from filler images. */
    VIGILANCE;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with the given lowercase CSV name. */
    public static Kind fromCsv(String name) {
        for (Kind kind : values()) {
            if (kind.csvName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a kind (expected target, filler or vigilance)");
    }
}
