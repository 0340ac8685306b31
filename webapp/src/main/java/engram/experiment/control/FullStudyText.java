package engram.experiment.control;

import engram.experiment.entity.Experiment;

/**
 * What a new participant reads when every sequence has reached its target ("this study is full"): the experimenter's
 * own Markdown, or this default. Nothing is recorded for such a participant, so the text asks them to return the study
 * on Prolific, which does not count against them.
 */
public final class FullStudyText {

    public static final String DEFAULT_MARKDOWN = """
            This study already has all the participants it needs, so there is no place left for you. Please return
            the study on Prolific (choose **"Return submission"**); returning a full study is not held against you.
            Nothing was recorded here, and you do not need a completion code.

            Thank you for your interest in the study.
            """;

    private FullStudyText() {
    }

    /** The Markdown the experimenter edits: their own text, or the default. */
    public static String markdown(Experiment experiment) {
        String own = experiment.fullMarkdown();
        return own == null || own.isBlank() ? DEFAULT_MARKDOWN : own;
    }

    /** What to store: empty (the default) for an empty text or the default itself (CRLF read as LF). */
    public static String toStore(String markdown) {
        String text = markdown == null ? "" : markdown.replace("\r\n", "\n");
        return text.isBlank() || text.strip().equals(DEFAULT_MARKDOWN.strip()) ? "" : text;
    }

    /** The sanitized HTML participants see. */
    public static String html(Experiment experiment) {
        return Markdown.toHtml(markdown(experiment));
    }
}
