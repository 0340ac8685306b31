package engram.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Clip;

/** Walk-through screenshots at a fixed viewport, written only when -Dengram.screenshots=DIR is set. */
public final class Screenshots {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;
    private static final int PADDING = 12;

    private final Path folder;
    private final String prefix;

    private Screenshots(Path folder, String prefix) {
        this.folder = folder;
        this.prefix = prefix;
    }

    /** The model study's screenshots (model-study-NAME.png). */
    public static Screenshots fromSystemProperty() {
        return fromSystemProperty("model-study-");
    }

    /** Screenshots named PREFIX + NAME + .png. */
    public static Screenshots fromSystemProperty(String prefix) {
        String value = System.getProperty("engram.screenshots", "");
        return new Screenshots(value.isBlank() ? null : Path.of(value).toAbsolutePath(), prefix);
    }

    /** The visible viewport. */
    public void page(Page page, String name) {
        if (folder != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(file(name)));
        }
    }

    /** The smallest rectangle of the page around every element the CSS selectors match, with a small margin. */
    public void region(Page page, String name, String... selectors) {
        if (folder == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) page.evaluate("""
                (selectors) => {
                  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
                  for (const selector of selectors) {
                    for (const element of document.querySelectorAll(selector)) {
                      const r = element.getBoundingClientRect();
                      left = Math.min(left, r.left + scrollX); top = Math.min(top, r.top + scrollY);
                      right = Math.max(right, r.right + scrollX); bottom = Math.max(bottom, r.bottom + scrollY);
                    }
                  }
                  return left === Infinity ? null : [left, top, right, bottom];
                }""", List.of(selectors));
        if (box == null) {
            throw new AssertionError("screenshot " + name + ": nothing matches " + List.of(selectors));
        }
        double left = Math.max(0, box.get(0).doubleValue() - PADDING);
        double top = Math.max(0, box.get(1).doubleValue() - PADDING);
        double right = Math.min(WIDTH, box.get(2).doubleValue() + PADDING);
        double bottom = box.get(3).doubleValue() + PADDING;
        page.screenshot(new Page.ScreenshotOptions().setPath(file(name)).setFullPage(true)
                .setClip(new Clip(left, top, right - left, bottom - top)));
    }

    private Path file(String name) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folder.resolve(prefix + name + ".png");
    }
}
