package engram.analysis.recognition;

/** Counts of one participant's (or one image's) answers in one phase and group. */
final class Tally {
    /** answered trials by kind: 0 target, 1 lure, 2 foil */
    final long[] answered = new long[3];
    final long[] old = new long[3];
    final long[] similar = new long[3];
    long unanswered;
    long choices;
    long correct;
    /** ratings 1..2L of answered targets and foils (old/new), null until the scale is known */
    long[] targetRatings;
    long[] foilRatings;

    static int kindIndex(String kind) {
        return switch (kind) {
            case "target" -> 0;
            case "lure" -> 1;
            case "foil" -> 2;
            default -> throw new IllegalArgumentException("not a test kind: " + kind);
        };
    }

    void rate(int kindIndex, int rating, int ratings) {
        if (targetRatings == null) {
            targetRatings = new long[ratings];
            foilRatings = new long[ratings];
        }
        if (kindIndex == 0) {
            targetRatings[rating - 1]++;
        } else if (kindIndex == 2) {
            foilRatings[rating - 1]++;
        }
    }

    void add(Tally other) {
        for (int k = 0; k < 3; k++) {
            answered[k] += other.answered[k];
            old[k] += other.old[k];
            similar[k] += other.similar[k];
        }
        unanswered += other.unanswered;
        choices += other.choices;
        correct += other.correct;
        if (other.targetRatings != null) {
            if (targetRatings == null) {
                targetRatings = new long[other.targetRatings.length];
                foilRatings = new long[other.foilRatings.length];
            }
            for (int i = 0; i < targetRatings.length; i++) {
                targetRatings[i] += other.targetRatings[i];
                foilRatings[i] += other.foilRatings[i];
            }
        }
    }
}
