package engram.experiment.control;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the experimenter's Markdown (consent, instructions, debrief) to the HTML participants see. Raw HTML in the
 * Markdown is escaped, not passed through, and link/image URLs other than http, https and mailto are dropped, so the
 * output holds only the tags CommonMark itself produces.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    public static String toHtml(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}
