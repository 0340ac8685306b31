package engram.core.phase;

/** Where an image of a 2AFC trial is shown. */
public enum Side {
    LEFT, RIGHT
}
