package engram.core.format;

/**
 * One trial of a sequence: its 0-based index, the image, whether this is the image's first (1) or second (2)
 * showing, its kind, and on a second showing the lag (this index minus the first showing's index).
 */
public record Position(int trialIndex, String imageId, int presentation, Kind kind, Integer lag) {

    public Position {
        if (trialIndex < 0) {
            throw new IllegalArgumentException("trialIndex must be >= 0, was " + trialIndex);
        }
        if (imageId == null || imageId.isEmpty()) {
            throw new IllegalArgumentException("imageId must not be empty");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (presentation != 1 && presentation != 2) {
            throw new IllegalArgumentException("presentation must be 1 or 2, was " + presentation);
        }
        if (presentation == 2 && kind == Kind.FILLER) {
            throw new IllegalArgumentException("a filler is shown once; presentation 2 is impossible");
        }
        if ((presentation == 2) != (lag != null)) {
            throw new IllegalArgumentException("lag is given on presentation 2 and only there");
        }
        if (lag != null && (lag < 1 || lag > trialIndex)) {
            throw new IllegalArgumentException("lag " + lag + " is impossible at trial index " + trialIndex);
        }
    }

    public static Position first(int trialIndex, String imageId, Kind kind) {
        return new Position(trialIndex, imageId, 1, kind, null);
    }

    public static Position repeat(int trialIndex, String imageId, Kind kind, int lag) {
        return new Position(trialIndex, imageId, 2, kind, lag);
    }

    /** The trial index of the first showing of this image (this one's own index on a first showing). */
    public int firstIndex() {
        return lag == null ? trialIndex : trialIndex - lag;
    }
}
