package engram.run;

import static engram.testing.ParticipantSteps.click;
import static engram.testing.ParticipantSteps.drawBox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.DemoDesigns;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.ParticipantSteps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

/**
 * A participant finishes the demo in real headless Chromium: consent, practice, preloading, the stream with SPACE
 * responses and box drawing, several trials offline, a reload mid-stream, and the completion code. Every trial must
 * reach the server exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantPageIT extends ChromiumDeployment {

    /**
     * The demo's sequences are rebuilt with 22 trials (6 target and 2 attention-check repeats) before the first run: room
     * for the outage (trials 6 to 11) and the reload (17), with fewer repeats, each of which costs the box tool and the
     * stream's 3-second countdown.
     */
    private static final int TRIALS = 22;
    private static boolean shortened;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("page", Map.of("engram.demo.display-ms", "700", "engram.demo.isi-ms", "250"));
    }

    /** Builds the short demo design (see {@link #TRIALS}) once, before the first run of the class. */
    private void shortDemo() {
        if (!shortened) {
            DemoDesigns.shorten(base(), TRIALS, 6, 20221);
            shortened = true;
        }
    }

    @Test
    void aParticipantFinishesWithKeyboardAndBoxesThroughAnOutageAndAReload() throws Exception {
        String pid = "E2E0001";
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = context.newPage();
        startTheStream(page, pid);

        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        int offlineFrom = 6;
        int offlineUntil = 11;
        int reloadAt = 17;
        boolean wentOffline = false;
        boolean reloaded = false;
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            if (page.locator("[data-testid=completion-code]").count() > 0) {
                break;
            }
            int ended = ((Number) page.evaluate("() => window.engramTest ? window.engramTest.state().trialsEnded : -1")).intValue();
            if (!wentOffline && ended >= offlineFrom) {
                context.setOffline(true);
                wentOffline = true;
            }
            if (wentOffline && ended >= offlineUntil && ended < reloadAt) {
                context.setOffline(false);
            }
            if (!reloaded && ended >= reloadAt) {
                context.setOffline(false);
                reloaded = true;
                page.reload();
                click(page, "start-stream");
                continue;
            }
            if (page.locator("[data-testid=box-canvas]").count() > 0 && page.locator("[data-testid=box-done]").isVisible()) {
                drawBox(page);
                continue;
            }
            repeats.pressSpaceOnRepeat(page);
            page.waitForTimeout(40);
        }
        assertTrue(wentOffline && reloaded, "the test went offline and reloaded");
        String code = page.locator("[data-testid=completion-code]").first().textContent().trim();
        assertFalse(code.isEmpty());
        context.close();

        List<String[]> responses = exportedResponses(pid);
        assertEquals(TRIALS, responses.size(), "all " + TRIALS + " trials arrived");
        assertEquals(TRIALS, responses.stream().map(r -> r[2]).distinct().count(), "each exactly once");
        long repeatsAnswered = responses.stream().filter(r -> r[4].equals("2") && r[7].equals("1")).count();
        assertTrue(repeatsAnswered >= 5, "most repeats were answered with SPACE: " + repeatsAnswered);
    }

    /**
     * On a touch screen the participant taps Repeat!, and in the first annotation draws three boxes, moves one,
     * resizes one by its corner handle and deletes one; the export holds exactly the two edited boxes.
     */
    @Test
    void aTouchParticipantTapsRepeatAndMovesResizesAndDeletesBoxes() throws Exception {
        String pid = "E2E0002";
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setHasTouch(true));
        Page page = context.newPage();
        startTheStream(page, pid);

        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        boolean edited = false;
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=completion-code]").count() == 0) {
            if (page.locator("[data-testid=box-canvas]").count() > 0 && page.locator("[data-testid=box-done]").isVisible()) {
                if (!edited) {
                    editBoxes(page);
                    edited = true;
                } else {
                    drawBox(page);
                }
                continue;
            }
            // looked at and tapped in one step: a locator's tap after a separate look could miss a 700 ms image on a loaded machine
            repeats.tapRepeatOnRepeat(page);
            page.waitForTimeout(40);
        }
        assertTrue(edited, "at least one repeat was tapped and annotated");
        assertFalse(page.locator("[data-testid=completion-code]").first().textContent().trim().isEmpty());
        context.close();

        List<String[]> responses = exportedResponses(pid);
        assertEquals(TRIALS, responses.size(), "all " + TRIALS + " trials arrived");
        long tapped = responses.stream().filter(r -> r[4].equals("2") && r[7].equals("1")).count();
        assertTrue(tapped >= 5, "most repeats were answered by tapping: " + tapped);
        List<String[]> boxes = exported("boxes.csv", pid);
        int firstAnnotated = boxes.stream().mapToInt(b -> Integer.parseInt(b[1])).min().orElseThrow();
        List<double[]> edits = boxes.stream().filter(b -> Integer.parseInt(b[1]) == firstAnnotated)
                .map(b -> new double[] {Double.parseDouble(b[4]), Double.parseDouble(b[5]), Double.parseDouble(b[6]), Double.parseDouble(b[7])})
                .toList();
        assertEquals(2, edits.size(), "three drawn, one deleted");
        assertBox(new double[] {0.20, 0.20, 0.30, 0.20}, edits.get(0), "the first box was moved by (+0.1, +0.1)");
        assertBox(new double[] {0.60, 0.60, 0.30, 0.35}, edits.get(1), "the second box was resized by its south-east handle");
    }

    /** Opens the participant link, consents, does the practice and starts the stream. */
    private void startTheStream(Page page, String pid) throws URISyntaxException {
        shortDemo();
        page.navigate(deployment.toURI().resolve("run/demo?PROLIFIC_PID=" + pid + "&STUDY_ID=IT&SESSION_ID=S-" + pid + "&engram_test=1").toString());
        click(page, "consent-accept");
        click(page, "start-practice");
        ParticipantSteps.doPractice(page, true);
        click(page, "practice-continue");
        click(page, "start-stream");
    }

    /** Draws boxes at canvas fractions, moves the first, resizes the second, draws and deletes a third. */
    private static void editBoxes(Page page) {
        Locator canvas = page.locator("[data-testid=box-canvas]").first();
        BoundingBox area = canvas.boundingBox();
        drag(page, area, 0.10, 0.10, 0.40, 0.30);
        drag(page, area, 0.60, 0.60, 0.80, 0.80);
        drag(page, area, 0.25, 0.20, 0.35, 0.30);
        BoundingBox handle = page.locator("[data-testid=box]").nth(1).locator(".handle-se").boundingBox();
        page.mouse().move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        page.mouse().down();
        page.mouse().move(area.x + area.width * 0.90, area.y + area.height * 0.95, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        drag(page, area, 0.05, 0.70, 0.25, 0.90);
        assertEquals(3, page.locator("[data-testid=box]").count());
        page.locator("[data-testid=box-delete]").nth(2).click();
        assertEquals(2, page.locator("[data-testid=box]").count());
        page.locator("[data-testid=box-done]").first().click();
    }

    private static void drag(Page page, BoundingBox area, double fromX, double fromY, double toX, double toY) {
        page.mouse().move(area.x + area.width * fromX, area.y + area.height * fromY);
        page.mouse().down();
        page.mouse().move(area.x + area.width * toX, area.y + area.height * toY, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
    }

    private static void assertBox(double[] expected, double[] actual, String what) {
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], actual[i], 0.01, what + ": x, y, width, height = " + java.util.Arrays.toString(actual));
        }
    }

    private List<String[]> exportedResponses(String pid) throws IOException, URISyntaxException {
        return exported("responses.csv", pid);
    }

    private List<String[]> exported(String file, String pid) throws IOException, URISyntaxException {
        Http.Reply reply = new Http(deployment.toURI()).get("api/experiments/demo/export?images=false", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status());
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(reply.raw().body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(file)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split(",", -1))
                            .filter(r -> r[0].equals(pid)).toList();
                }
            }
        }
        throw new AssertionError("no " + file + " in the export");
    }
}
