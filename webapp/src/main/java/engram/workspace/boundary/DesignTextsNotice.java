package engram.workspace.boundary;

/** The one-line notices of the design page when a design change kept the experimenter's own consent or instructions. */
final class DesignTextsNotice {

    static final String PHASES = "Your edited consent and instructions were kept: they may still describe the continuous game;"
            + " check them on the experiment page (the phase-study templates replace only untouched texts).";
    static final String CONTINUOUS = "Your edited consent and instructions were kept: they may still describe the phase study;"
            + " check them on the experiment page (the game's templates replace only untouched texts).";

    private DesignTextsNotice() {
    }
}
