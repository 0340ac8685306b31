package engram.experiment.control;

import engram.experiment.entity.Experiment;

/**
 * What a participant reads after a run that fails the attention check: the experimenter's own Markdown, or this default.
 * The default follows Prolific's rules on attention checks: it says plainly that the checks were not passed and what
 * they were, gives the code, promises no outcome the researcher has not decided, and says how to raise a problem.
 */
public final class FailedCheckText {

    public static final String DEFAULT_MARKDOWN = """
            **Thank you for your time.** The game had a few built-in attention checks: some images came back after only a
            short gap, and new images should not be marked as repeats. Your answers did not meet the standard set for these
            checks, so this study ends here.

            Please enter the code below on Prolific. The researcher will review your submission in line with Prolific's
            policy on attention checks.

            If something went wrong, for example a technical problem or an interruption, please tell the researcher
            through Prolific's messaging system.
            """;

    private FailedCheckText() {
    }

    /** The Markdown the experimenter edits: their own text, or the default when they have not written one. */
    public static String markdown(Experiment experiment) {
        String own = experiment.failedCheckMarkdown();
        return own == null || own.isBlank() ? DEFAULT_MARKDOWN : own;
    }

    /**
     * What to store for text sent from the workspace: empty (the default) when it is empty or the default itself, with
     * CRLF line ends (as browsers send a textarea) read as LF, so that an untouched default stays "the default".
     */
    public static String toStore(String markdown) {
        String text = markdown == null ? "" : markdown.replace("\r\n", "\n");
        return text.isBlank() || text.strip().equals(DEFAULT_MARKDOWN.strip()) ? "" : text;
    }

    /** The sanitized HTML participants see. */
    public static String html(Experiment experiment) {
        return Markdown.toHtml(markdown(experiment));
    }
}
