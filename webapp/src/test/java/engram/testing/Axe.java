package engram.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;

/**
 * axe-core (the npm package, from Maven Central as the org.webjars.npm:axe-core webjar) run inside the page being tested:
 * the WCAG 2.0/2.1 A and AA rules. Pages need a context with bypassCSP, since the script is injected inline.
 */
public final class Axe {

    public static final String VERSION = "4.6.3";
    private static final String SCRIPT_PATH = "META-INF/resources/webjars/axe-core/" + VERSION + "/axe.min.js";
    private static final String SCRIPT = load();

    /** The serious and critical violations found, one line each, named by screen ("screen: rule: targets"). */
    private final List<String> violations = new ArrayList<>();
    private final List<String> scanned = new ArrayList<>();

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(SCRIPT_PATH)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_PATH + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scans the page as it is now; remembers the serious and critical violations under the screen's name. */
    @SuppressWarnings("unchecked")
    public void scan(Page page, String screen) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
        }
        List<String> found = (List<String>) page.evaluate("""
                async () => {
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '));
                }""");
        scanned.add(screen);
        found.forEach(v -> violations.add(screen + ": " + v));
    }

    /** The serious and critical WCAG A/AA violations inside one element of the page (e.g. an open dialog). */
    @SuppressWarnings("unchecked")
    public static List<String> violationsIn(Page page, String selector) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
        }
        return (List<String>) page.evaluate("""
                async (selector) => {
                  const result = await axe.run(selector, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(' | '));
                }""", selector);
    }

    public List<String> violations() {
        return violations;
    }

    public List<String> scanned() {
        return scanned;
    }
}
