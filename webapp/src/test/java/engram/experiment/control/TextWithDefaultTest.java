package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import engram.experiment.entity.Experiment;

/** The two participant texts with a default: the failed-check text and the full-study text. */
class TextWithDefaultTest {

    @Test
    void theFailedCheckDefaultSaysWhatHappenedGivesNoVerdictAndIsUsedUntilTheExperimenterWritesTheirOwn() {
        Experiment e = new Experiment("fc", "Failed check", null, Instant.parse("2026-12-01T00:00:00Z"));
        String html = TextWithDefault.FAILED_CHECK.html(e);
        assertTrue(html.contains("attention checks") && html.contains("Prolific"), html);
        assertFalse(html.toLowerCase().contains("reject"), "the default promises no outcome: " + html);
        e.setFailedCheckMarkdown("You missed the *checks*.");
        assertEquals("<p>You missed the <em>checks</em>.</p>\n", TextWithDefault.FAILED_CHECK.html(e));
    }

    @Test
    void anUntouchedFailedCheckDefaultSentWithCrlfLineEndsIsStoredAsTheDefault() {
        assertEquals("", TextWithDefault.FAILED_CHECK.toStore(TextWithDefault.FAILED_CHECK.defaultMarkdown().replace("\n", "\r\n")));
        assertEquals("", TextWithDefault.FAILED_CHECK.toStore("  "));
        assertEquals("", TextWithDefault.FAILED_CHECK.toStore(null));
        assertEquals("Own text\nline 2", TextWithDefault.FAILED_CHECK.toStore("Own text\r\nline 2"));
    }

    @Test
    void anEmptyOrUntouchedFullStudyTextKeepsTheDefault() {
        assertEquals("", TextWithDefault.FULL_STUDY.toStore(null));
        assertEquals("", TextWithDefault.FULL_STUDY.toStore("  \n"));
        assertEquals("", TextWithDefault.FULL_STUDY.toStore(TextWithDefault.FULL_STUDY.defaultMarkdown().replace("\n", "\r\n")), "a textarea sends CRLF");
        assertEquals("Sorry, we are full.", TextWithDefault.FULL_STUDY.toStore("Sorry, we are full."));
        assertEquals(TextWithDefault.FAILED_CHECK.defaultMarkdown(), TextWithDefault.FULL_STUDY.toStore(TextWithDefault.FAILED_CHECK.defaultMarkdown()),
                "each text compares with its own default: the failed-check default is an own text for the full study");
    }

    @Test
    void theFullStudyDefaultAsksForAReturnAndPromisesNothingAndIsUsedUntilTheExperimenterWritesTheirOwn() {
        Experiment e = new Experiment("full", "Full", null, Instant.parse("2026-12-01T00:00:00Z"));
        String html = TextWithDefault.FULL_STUDY.html(e);
        assertEquals(Markdown.toHtml(TextWithDefault.FULL_STUDY.defaultMarkdown()), html);
        assertTrue(html.contains("Please return\nthe study on Prolific"), html);
        assertTrue(html.contains("<strong>&quot;Return submission&quot;</strong>"), html);
        assertTrue(html.contains("you do not need a completion code"), html);
        e.setFullMarkdown("We are *full*.");
        assertEquals("<p>We are <em>full</em>.</p>\n", TextWithDefault.FULL_STUDY.html(e));
        assertEquals(TextWithDefault.FAILED_CHECK.defaultMarkdown(), TextWithDefault.FAILED_CHECK.markdown(e), "one text does not leak into the other");
    }
}
