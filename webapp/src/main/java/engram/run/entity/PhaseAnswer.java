package engram.run.entity;

/**
 * What a trial of a study or test phase answered (docs/participant-api.md): the phase the page ran it in, the answer
 * (an encoding-question answer, old/new, old/similar/new), the confidence, and for 2AFC the side and image chosen.
 * {@link #NONE} for the continuous game, which sends none of these.
 */
public record PhaseAnswer(Integer phase, String answer, Integer confidence, String choiceSide, String chosenImageId) {

    public static final PhaseAnswer NONE = new PhaseAnswer(null, null, null, null, null);
}
