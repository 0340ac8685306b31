package engram.experiment.control;

import java.util.function.Function;

import engram.experiment.entity.Experiment;

/**
 * A participant-facing text the experimenter may write, with engram's default until they do. The experiment stores an
 * empty text for "the default", so a later better default reaches every experiment that kept it.
 */
public enum TextWithDefault {

    /**
     * After a run that fails the attention check. The default follows Prolific's rules on attention checks: it says
     * plainly that the checks were not passed and what they were, gives the code, promises no outcome the researcher has
     * not decided, and says how to raise a problem.
     */
    FAILED_CHECK(Experiment::failedCheckMarkdown, """
            **Thank you for your time.** The game had a few built-in attention checks: some images came back after only a
            short gap, and new images should not be marked as repeats. Your answers did not meet the standard set for these
            checks, so this study ends here.

            Please enter the code below on Prolific. The researcher will review your submission in line with Prolific's
            policy on attention checks.

            If something went wrong, for example a technical problem or an interruption, please tell the researcher
            through Prolific's messaging system.
            """),

    /**
     * For a new participant when every sequence has reached its target ("this study is full"). Nothing is recorded for
     * such a participant, so the default asks them to return the study on Prolific, which does not count against them.
     */
    FULL_STUDY(Experiment::fullMarkdown, """
            This study already has all the participants it needs, so there is no place left for you. Please return
            the study on Prolific (choose **"Return submission"**); returning a full study is not held against you.
            Nothing was recorded here, and you do not need a completion code.

            Thank you for your interest in the study.
            """);

    private final Function<Experiment, String> stored;
    private final String defaultMarkdown;

    TextWithDefault(Function<Experiment, String> stored, String defaultMarkdown) {
        this.stored = stored;
        this.defaultMarkdown = defaultMarkdown;
    }

    /** engram's own text, used while the experimenter has not written one. */
    public String defaultMarkdown() {
        return defaultMarkdown;
    }

    /** The Markdown the experimenter edits: their own text, or the default when they have not written one. */
    public String markdown(Experiment experiment) {
        String own = stored.apply(experiment);
        return own == null || own.isBlank() ? defaultMarkdown : own;
    }

    /**
     * What to store for text sent from the workspace: empty (the default) when it is empty or the default itself, with
     * CRLF line ends (as browsers send a textarea) read as LF, so that an untouched default stays "the default".
     */
    public String toStore(String markdown) {
        String text = markdown == null ? "" : markdown.replace("\r\n", "\n");
        return text.isBlank() || text.strip().equals(defaultMarkdown.strip()) ? "" : text;
    }

    /** The sanitized HTML participants see. */
    public String html(Experiment experiment) {
        return Markdown.toHtml(markdown(experiment));
    }
}
