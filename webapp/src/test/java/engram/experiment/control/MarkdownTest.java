package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void rendersMarkdownAndEscapesRawHtmlAndUnsafeLinks() {
        String html = Markdown.toHtml("# Consent\n\nPress **SPACE**. <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
                + "[evil](javascript:alert(1)) [ok](https://example.org)");
        assertTrue(html.contains("<h1>Consent</h1>"), html);
        assertTrue(html.contains("<strong>SPACE</strong>"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("<a rel=\"noopener noreferrer\" href=\"https://example.org\" target=\"_blank\">ok</a>"),
                "links open in a new tab without access to the study's window: " + html);
        assertEquals("", Markdown.toHtml("  "));
    }
}
