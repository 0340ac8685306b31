package engram.run.entity;

/**
 * What the design and the phase plan say about a stored trial: its phase, session and task (the code), the phase's
 * confidence scale, and the position's lure type, 2AFC target side and alternative image. {@link #CONTINUOUS} for the game.
 */
public record TrialContext(int phase, int session, String task, Integer confidenceLevels, String lureType, String targetSide,
                           String alternativeImageId) {

    public static final TrialContext CONTINUOUS = new TrialContext(1, 1, "continuous", null, null, null, null);
}
