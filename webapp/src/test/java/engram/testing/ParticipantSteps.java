package engram.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Steps of the participant page that the screen and reload tests share (read volatile state with page.evaluate). */
public final class ParticipantSteps {

    private ParticipantSteps() {
    }

    public static void click(Page page, String testId) {
        Locator button = page.locator("[data-testid=" + testId + "]").first();
        button.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
        button.click();
    }

    public static void waitVisible(Page page, String testId) {
        page.locator("[data-testid=" + testId + "]").first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
    }

    public static boolean visible(Page page, String testId) {
        return Boolean.TRUE.equals(page.evaluate("(id) => { const e = document.querySelector('[data-testid=' + id + ']');"
                + " return !!e && e.offsetParent !== null && !e.disabled; }", testId));
    }

    /** Whether the box tool is open (its Done button may still be disabled). */
    public static boolean boxToolOpen(Page page) {
        return Boolean.TRUE.equals(page.evaluate("() => document.querySelector('.annotate [data-testid=box-canvas]') !== null"));
    }

    /** The image on screen now, read in one step: {src, position, sinceOnsetMs} or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> stimulus(Page page) {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const s = document.querySelector('[data-testid=stimulus]');
                  if (!s || !window.engramTest) return null;
                  const live = window.engramTest.live();
                  const open = live ? Object.values(live.open).find((e) => e.phase === 'display' && String(e.position) === s.dataset.position) : null;
                  return { src: s.getAttribute('src'), position: Number(s.dataset.position),
                           sinceOnsetMs: open ? performance.now() - open.onsetMs : 1e9 };
                }""");
    }

    public static int ended(Page page) {
        return ((Number) page.evaluate("() => window.engramTest ? window.engramTest.state().trialsEnded : -1")).intValue();
    }

    /** Drags one box on the box tool's image, without pressing Done. */
    public static void drawBoxOnly(Page page, double fromX, double fromY, double toX, double toY) {
        BoundingBox area = page.locator("[data-testid=box-canvas]").first().boundingBox();
        page.mouse().move(area.x + area.width * fromX, area.y + area.height * fromY);
        page.mouse().down();
        page.mouse().move(area.x + area.width * toX, area.y + area.height * toY, new Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
    }

    public static void drawBox(Page page) {
        drawBoxOnly(page, 0.2, 0.25, 0.5, 0.45);
        page.locator("[data-testid=box-done]").first().click();
    }

    /** The practice: Space on the repeat, a box when asked; or no answer at all (the box tool still explains itself). */
    public static void doPractice(Page page, boolean answer) {
        Repeats repeats = new Repeats();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=practice-continue]").count() == 0) {
            if (boxToolOpen(page)) {
                drawBox(page);
                continue;
            }
            if (answer) {
                repeats.pressSpaceOnRepeat(page);
            }
            page.waitForTimeout(40);
        }
    }

    /** One look at the stream: the image on screen, which showing of it this is, its larger side in CSS px, and whether Space was pressed. */
    public record Look(String src, String showing, double side, boolean pressed) {
    }

    /**
     * Space on every repeat of the stream (an image whose earlier showing a look saw), decided and pressed in one step inside
     * the page: the keydown the page listens for (window, Space) is dispatched while the repeat is on screen. A key press
     * sent after a separate look could land after the image and its gap had ended on a loaded machine (a 700 ms image), on
     * the next trial. A showing is known by its stream position, in the practice (no position) by the page's showing count.
     */
    public static final class Repeats {

        private static final String LOOK_AND_PRESS = """
                ([firstShowing, pressed, key]) => {
                  const s = document.querySelector('[data-testid=stimulus]');
                  if (!s) return null;
                  const src = s.getAttribute('src');
                  const showing = s.dataset.position ? 'position ' + s.dataset.position : 'showing ' + s.dataset.shown;
                  const first = firstShowing[src];
                  const press = first !== undefined && first !== showing && !pressed.includes(showing);
                  if (press && key) window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', code: 'Space', bubbles: true }));
                  const r = s.getBoundingClientRect();
                  const b = document.querySelector('[data-testid=respond-button]');
                  const t = b ? b.getBoundingClientRect() : null;
                  return { src, showing, side: Math.max(r.width, r.height), pressed: press,
                           button: t ? [t.left + t.width / 2, t.top + t.height / 2] : null };
                }""";

        private final Map<String, String> firstShowing = new HashMap<>();
        private final Set<String> pressed = new HashSet<>();

        /** Looks at the image on screen and presses Space when it is a repeat not yet answered; null when no image is up. */
        public Look pressSpaceOnRepeat(Page page) {
            return lookAndAnswer(page, true);
        }

        /**
         * Looks at the image on screen and, on a repeat not yet answered, taps Repeat! with a finger at the centre that the
         * same look measured: a touch through the browser's input pipeline, sent at once, without a locator's waits.
         */
        public Look tapRepeatOnRepeat(Page page) {
            return lookAndAnswer(page, false);
        }

        @SuppressWarnings("unchecked")
        private Look lookAndAnswer(Page page, boolean key) {
            Map<String, Object> seen = (Map<String, Object>) page.evaluate(LOOK_AND_PRESS, List.of(firstShowing, List.copyOf(pressed), key));
            if (seen == null) {
                return null;
            }
            if (!key && Boolean.TRUE.equals(seen.get("pressed"))) {
                List<Number> centre = (List<Number>) seen.get("button");
                page.touchscreen().tap(centre.get(0).doubleValue(), centre.get(1).doubleValue());
            }
            Look look = new Look((String) seen.get("src"), (String) seen.get("showing"), ((Number) seen.get("side")).doubleValue(),
                    Boolean.TRUE.equals(seen.get("pressed")));
            firstShowing.putIfAbsent(look.src(), look.showing());
            if (look.pressed()) {
                pressed.add(look.showing());
            }
            return look;
        }

        /** How many repeats Space was pressed on. */
        public int pressed() {
            return pressed.size();
        }
    }

    public static String link(URI base, String pid) {
        return base.resolve("run/demo?PROLIFIC_PID=" + pid + "&STUDY_ID=IT&SESSION_ID=S-" + pid + "&engram_test=1").toString();
    }

    /** The rows of one export file (header first) that belong to a participant, or the header when pid is null. */
    public static List<String[]> exported(URI base, String file, String pid) throws IOException {
        Http.Reply reply = new Http(base).get("api/experiments/demo/export?images=false", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status());
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(reply.raw().body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(file)) {
                    List<String[]> rows = new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split(",", -1)).toList();
                    return pid == null ? rows.subList(0, 1) : rows.stream().filter(r -> r[0].equals(pid)).toList();
                }
            }
        }
        throw new AssertionError("no " + file + " in the export");
    }

    /** Saves a screenshot as docs/img material when -Dengram.screenshots=DIR is set. */
    public static void shot(Page page, String name) {
        String folder = System.getProperty("engram.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(folder).toAbsolutePath());
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("participant-" + name + ".png")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
