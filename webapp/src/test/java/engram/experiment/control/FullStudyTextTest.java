package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FullStudyTextTest {

    @Test
    void anEmptyOrUntouchedTextKeepsTheDefault() {
        assertEquals("", FullStudyText.toStore(null));
        assertEquals("", FullStudyText.toStore("  \n"));
        assertEquals("", FullStudyText.toStore(FullStudyText.DEFAULT_MARKDOWN.replace("\n", "\r\n")), "a textarea sends CRLF");
        assertEquals("Sorry, we are full.", FullStudyText.toStore("Sorry, we are full."));
    }

    @Test
    void theDefaultAsksForAReturnAndPromisesNothing() {
        String html = Markdown.toHtml(FullStudyText.DEFAULT_MARKDOWN);
        assertTrue(html.contains("Please return\nthe study on Prolific"), html);
        assertTrue(html.contains("<strong>&quot;Return submission&quot;</strong>"), html);
        assertTrue(html.contains("you do not need a completion code"), html);
    }
}
