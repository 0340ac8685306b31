package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import engram.experiment.entity.Experiment;

class FailedCheckTextTest {

    @Test
    void theDefaultSaysWhatHappenedGivesNoVerdictAndIsUsedUntilTheExperimenterWritesTheirOwn() {
        Experiment e = new Experiment("fc", "Failed check", null, Instant.parse("2026-12-01T00:00:00Z"));
        String html = FailedCheckText.html(e);
        assertTrue(html.contains("attention checks") && html.contains("Prolific"), html);
        assertFalse(html.toLowerCase().contains("reject"), "the default promises no outcome: " + html);
        e.setFailedCheckMarkdown("You missed the *checks*.");
        assertEquals("<p>You missed the <em>checks</em>.</p>\n", FailedCheckText.html(e));
    }

    @Test
    void anUntouchedDefaultSentWithCrlfLineEndsIsStoredAsTheDefault() {
        assertEquals("", FailedCheckText.toStore(FailedCheckText.DEFAULT_MARKDOWN.replace("\n", "\r\n")));
        assertEquals("", FailedCheckText.toStore("  "));
        assertEquals("", FailedCheckText.toStore(null));
        assertEquals("Own text\nline 2", FailedCheckText.toStore("Own text\r\nline 2"));
    }
}
