package engram.core.format;

import java.util.Locale;

/**
 * The role of a position in a sequence; {@link #csvName()} is the lowercase name used in sequences.csv and
 * responses.csv. TARGET, FILLER and VIGILANCE are the continuous game's; STUDY, LURE and FOIL (with TARGET) those
 * of study and test lists (docs/data-formats.md, "Phases, sessions and tasks").
 */
public enum Kind {
    /** Both showings of a repeated target image. */
    TARGET,
    /** An image shown once. */
    FILLER,
    /** Both showings of an attention-check repeat at a short lag, made from filler images. */
    VIGILANCE,
    /** An image of a study phase. (In a test phase, TARGET is an image the participant studied.) */
    STUDY,
    /** In a test phase: the unstudied member of a studied image's pair; in 2AFC, the alternative when it is that. */
    LURE,
    /** In a test phase: an image neither studied nor paired with a studied one; in 2AFC, a new alternative. */
    FOIL;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this kind belongs to the continuous game (target, filler, vigilance). */
    public boolean isContinuous() {
        return this == TARGET || this == FILLER || this == VIGILANCE;
    }

    /** The kind with the given lowercase CSV name. */
    public static Kind fromCsv(String name) {
        for (Kind kind : values()) {
            if (kind.csvName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + name
                + "' is not a kind (expected target, filler, vigilance, study, lure or foil)");
    }
}
