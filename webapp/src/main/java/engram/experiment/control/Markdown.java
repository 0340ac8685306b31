package engram.experiment.control;

import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the experimenter's Markdown (consent, instructions, debrief) to the HTML participants see. Raw HTML in the
 * Markdown is escaped, not passed through, and link/image URLs other than http, https and mailto are dropped, so the
 * output holds only the tags CommonMark itself produces. Links open in a new tab ({@code target="_blank"
 * rel="noopener noreferrer"}), so a link in the consent text never takes a participant out of the study.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("target", "_blank");
                    attributes.put("rel", "noopener noreferrer");
                }
            }).build();

    private Markdown() {
    }

    public static String toHtml(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}
