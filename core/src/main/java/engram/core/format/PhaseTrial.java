package engram.core.format;

import engram.core.phase.Side;

/**
 * One shown trial of a study or test list (docs/data-formats.md, "Phases, sessions and tasks"; docs/sequences.md,
 * "Recognition designs").
 *
 * @param trialIndex         0-based, counting across the whole run (all phases and sessions)
 * @param phase              1-based phase of the experiment
 * @param imageId            the image shown; in 2AFC the studied image
 * @param kind               study; in old-new and old-similar-new target, lure or foil; in 2AFC lure or foil, the kind
 *                           of the alternative
 * @param presentation       2 when {@code imageId} was shown earlier in the run (a test target, the studied image of a
 *                           2AFC trial), else 1
 * @param lag                on presentation 2: trialIndex minus the earlier showing's; null on presentation 1
 * @param alternativeImageId 2AFC: the image beside the studied one; null elsewhere
 * @param targetSide         2AFC: where the studied image is shown; null elsewhere
 * @param lureType           the manifest's lure_type of the pair on target and lure trials (and 2AFC trials against
 *                           the lure); null when none
 * @param condition          the manifest's condition of {@code imageId} (null when unknown, e.g. read back from
 *                           sequences.csv, which does not store it)
 */
public record PhaseTrial(int trialIndex, int phase, String imageId, Kind kind, int presentation, Integer lag,
                         String alternativeImageId, Side targetSide, String lureType, String condition) {

    public PhaseTrial {
        if (trialIndex < 0) {
            throw new IllegalArgumentException("trialIndex must be >= 0, was " + trialIndex);
        }
        if (phase < 1) {
            throw new IllegalArgumentException("phase must be >= 1, was " + phase);
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
        if ((presentation == 2) != (lag != null)) {
            throw new IllegalArgumentException("lag is given on presentation 2 and only there");
        }
        if (lag != null && (lag < 1 || lag > trialIndex)) {
            throw new IllegalArgumentException("lag " + lag + " is impossible at trial index " + trialIndex);
        }
        if (alternativeImageId != null && alternativeImageId.isEmpty()) {
            alternativeImageId = null;
        }
        if ((alternativeImageId == null) != (targetSide == null)) {
            throw new IllegalArgumentException("alternativeImageId and targetSide are given together (2AFC) or not");
        }
        if (imageId.equals(alternativeImageId)) {
            throw new IllegalArgumentException("'" + imageId + "' cannot be its own alternative");
        }
        if (lureType != null && lureType.isEmpty()) {
            lureType = null;
        }
        if (condition != null && condition.isEmpty()) {
            condition = null;
        }
    }

    /** Whether this is a 2AFC trial (it has an alternative image and a target side). */
    public boolean isTwoAlternative() {
        return alternativeImageId != null;
    }

    /** The trial index of the earlier showing of {@code imageId} (this one's own index on presentation 1). */
    public int firstIndex() {
        return lag == null ? trialIndex : trialIndex - lag;
    }

    /** This trial without what sequences.csv does not store (lure type and condition). */
    public PhaseTrial withoutManifestFields() {
        return new PhaseTrial(trialIndex, phase, imageId, kind, presentation, lag, alternativeImageId, targetSide,
                null, null);
    }
}
