package engram.run;

import static engram.testing.ParticipantSteps.boxToolOpen;
import static engram.testing.ParticipantSteps.click;
import static engram.testing.ParticipantSteps.doPractice;
import static engram.testing.ParticipantSteps.drawBox;
import static engram.testing.ParticipantSteps.drawBoxOnly;
import static engram.testing.ParticipantSteps.ended;
import static engram.testing.ParticipantSteps.exported;
import static engram.testing.ParticipantSteps.link;
import static engram.testing.ParticipantSteps.shot;
import static engram.testing.ParticipantSteps.stimulus;
import static engram.testing.ParticipantSteps.visible;
import static engram.testing.ParticipantSteps.waitVisible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Axe;
import engram.testing.ChromiumDeployment;
import engram.testing.DemoDesigns;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.WorkspacePages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.BoundingBox;

/**
 * Issue 10 in headless Chromium: an answer survives a reload in the box tool, a reload during display is recorded once
 * and flagged, a reopened completed link shows its code again, a failed attention check ends on the experimenter's
 * text, the error screens speak plainly, the box tool fits a landscape phone and keeps focus, and axe-core finds no
 * serious or critical WCAG 2.1 AA violation on any of these screens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParticipantScreensIT extends ChromiumDeployment {

    private static final String FAILED_TEXT = "Sorry: **the attention checks were not passed.** Quote code below on Prolific.";
    /**
     * The demo's sequences are rebuilt with 16 trials (4 target and 2 attention-check repeats, seed 3) before the first
     * run: the first repeat comes early enough for both reloads, and the real-time stream of 2.25 s per trial is half
     * as long as the demo's 30 trials.
     */
    private static final int TRIALS = 16;
    private static final Axe AXE = new Axe();
    private static boolean shortened;

    /**
     * Images stay 2 s: the reload "during the display" is issued within 200 ms of an onset, and the old page keeps
     * running until the server has answered the reload, so the display must outlast that answer on a loaded machine
     * (with 1.2 s, a slow answer would let the image end first and the reload would cut the gap instead).
     */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("screens", Map.of("engram.demo.display-ms", "2000", "engram.demo.isi-ms", "250"));
    }

    /** axe injects its script inline, so these contexts bypass the page's Content-Security-Policy. */
    private static BrowserContext desktop() {
        return CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setBypassCSP(true));
    }

    /** Builds the short demo design (see {@link #TRIALS}) once, before the first run of the class. */
    private void shortDemo() {
        if (!shortened) {
            DemoDesigns.shorten(base(), TRIALS, 4, 3);
            shortened = true;
        }
    }

    private static BrowserContext phone(boolean landscape) {
        return CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(landscape ? 844 : 390, landscape ? 390 : 844)
                .setDeviceScaleFactor(3).setIsMobile(true).setHasTouch(true).setBypassCSP(true));
    }

    /**
     * One run with two reloads. On the first answered repeat the participant draws a box and reloads in the box tool: the
     * box tool comes back on the same image with the box, the image is never shown again in the stream, and the trial
     * arrives once with responded=1 and both boxes. Later a reload while an image is on screen: that trial is recorded
     * once as cut during display (never an ordinary presentation), and its image is not shown again. Every trial says
     * which page load it ran in. Reopening the link after the end shows the same code again.
     */
    @Test
    @Order(1)
    void answersSurviveReloadsInTheBoxToolAndDuringDisplay() throws Exception {
        shortDemo();
        String pid = "RELOAD01";
        BrowserContext context = desktop();
        Page page = context.newPage();
        page.navigate(link(base(), pid));
        waitVisible(page, "consent-accept");
        AXE.scan(page, "consent");
        click(page, "consent-accept");
        waitVisible(page, "start-practice");
        AXE.scan(page, "instructions");
        click(page, "start-practice");
        doPractice(page, true);
        AXE.scan(page, "practice done");
        click(page, "practice-continue");
        waitVisible(page, "start-stream");
        AXE.scan(page, "ready");
        click(page, "start-stream");

        Set<String> seen = new HashSet<>();
        int boxReloadAt = -1;
        int displayReloadAt = -1;
        List<Integer> shownAfterBoxReload = new ArrayList<>();
        List<Integer> shownAfterDisplayReload = new ArrayList<>();
        boolean streamScanned = false;
        String lastShowing = "";
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=completion-code]").count() == 0) {
            if (boxToolOpen(page)) {
                if (boxReloadAt < 0) {
                    boxReloadAt = liveBoxesPosition(page);
                    drawBoxOnly(page, 0.1, 0.1, 0.4, 0.3);
                    assertEquals(1, liveBoxCount(page, boxReloadAt), "the box is stored the moment it is drawn");
                    AXE.scan(page, "box tool");
                    assertFocusStaysInTheBoxTool(page);
                    page.reload();
                    waitVisible(page, "box-done");
                    assertEquals(1, page.locator("[data-testid=box]").count(), "the box came back");
                    assertTrue(visible(page, "annotate-resumed"), "the box tool says the answer was kept");
                    shot(page, "box-tool-after-reload");
                    AXE.scan(page, "box tool after a reload");
                    drawBoxOnly(page, 0.55, 0.55, 0.85, 0.8);
                    page.locator("[data-testid=box-done]").first().click();
                    click(page, "start-stream");
                } else {
                    drawBox(page);
                }
                continue;
            }
            Map<String, Object> shown = stimulus(page);
            if (shown == null) {
                page.waitForTimeout(30);
                continue;
            }
            int position = ((Number) shown.get("position")).intValue();
            String showing = shown.get("src") + "#" + position;
            if (showing.equals(lastShowing)) {
                page.waitForTimeout(30);
                continue;
            }
            lastShowing = showing;
            (displayReloadAt >= 0 ? shownAfterDisplayReload : shownAfterBoxReload).add(position);
            if (!streamScanned) {
                AXE.scan(page, "stream");
                streamScanned = true;
            }
            if (boxReloadAt >= 0 && displayReloadAt < 0 && position >= boxReloadAt + 3 && ((Number) shown.get("sinceOnsetMs")).doubleValue() < 200) {
                displayReloadAt = position;
                page.reload();
                click(page, "start-stream");
                continue;
            }
            if (!seen.add((String) shown.get("src"))) {
                page.keyboard().press("Space");
            }
        }
        assertTrue(boxReloadAt >= 0 && displayReloadAt >= 0, "both reloads happened: " + boxReloadAt + ", " + displayReloadAt);
        waitVisible(page, "completion-code");
        String code = page.locator("[data-testid=completion-code]").first().textContent().trim();
        AXE.scan(page, "complete");
        final int inBoxTool = boxReloadAt;
        final int inDisplay = displayReloadAt;
        assertFalse(shownAfterBoxReload.subList(shownAfterBoxReload.indexOf(inBoxTool) + 1, shownAfterBoxReload.size()).contains(inBoxTool),
                "the image annotated across the reload is not shown again: " + shownAfterBoxReload);
        assertFalse(shownAfterDisplayReload.contains(inDisplay), "the image on screen at the reload is not shown again: " + shownAfterDisplayReload);

        List<String> header = List.of(exported(base(), "responses.csv", null).get(0));
        int pageLoad = header.indexOf("page_load");
        int interrupted = header.indexOf("interrupted");
        int extra = header.indexOf("extra_showings");
        assertEquals(List.of(20, 21, 22), List.of(pageLoad, interrupted, extra), "new columns come after the old ones: " + header);
        List<String[]> rows = exported(base(), "responses.csv", pid);
        assertEquals(TRIALS, rows.size(), "every trial arrived");
        assertEquals(TRIALS, rows.stream().map(r -> r[2]).distinct().count(), "each exactly once");
        String[] annotated = rows.stream().filter(r -> r[2].equals(String.valueOf(inBoxTool))).findFirst().orElseThrow();
        assertEquals("1", annotated[7], "the Repeat! answer survived the reload");
        assertFalse(annotated[8].isEmpty(), "with its response time");
        assertEquals("1", annotated[pageLoad], "shown in the first page load");
        assertEquals("boxes", annotated[interrupted]);
        assertEquals("0", annotated[extra]);
        long boxes = exported(base(), "boxes.csv", pid).stream().filter(b -> b[1].equals(String.valueOf(inBoxTool))).count();
        assertEquals(2, boxes, "the box drawn before the reload and the one after");
        String[] cut = rows.stream().filter(r -> r[2].equals(String.valueOf(inDisplay))).findFirst().orElseThrow();
        assertEquals("display", cut[interrupted], "flagged as cut during display, not an ordinary presentation");
        assertEquals("2", cut[pageLoad]);
        assertEquals("0", cut[7]);
        for (String[] row : rows) {
            int trial = Integer.parseInt(row[2]);
            String expectedLoad = trial <= inBoxTool ? "1" : trial <= inDisplay ? "2" : "3";
            assertEquals(expectedLoad, row[pageLoad], "page load of trial " + trial);
            assertEquals("0", row[extra], "no image was shown more often than the design says (trial " + trial + ")");
            if (trial != inBoxTool && trial != inDisplay) {
                assertEquals("", row[interrupted], "trial " + trial + " ran to its end");
            }
        }

        page.navigate(link(base(), pid));
        waitVisible(page, "already-completed");
        assertEquals(code, page.locator("[data-testid=completion-code]").first().textContent().trim(), "the same code again");
        assertTrue(page.locator("[data-testid=redirect-link]").first().getAttribute("href").endsWith("cc=" + code));
        shot(page, "completed-link-reopened");
        AXE.scan(page, "completed link reopened");
        context.close();
    }

    /** The position of the trial in the box tool, from the pending-answer record. */
    private static int liveBoxesPosition(Page page) {
        page.waitForFunction("() => { const l = window.engramTest && window.engramTest.live();"
                + " return l && Object.values(l.open).some((e) => e.phase === 'boxes'); }");
        return ((Number) page.evaluate("() => Object.values(window.engramTest.live().open).find((e) => e.phase === 'boxes').position")).intValue();
    }

    private static int liveBoxCount(Page page, int position) {
        return ((Number) page.evaluate("(p) => JSON.parse(localStorage.getItem('engram-live:' + window.engramTest.state().runId)).open[p].boxes.length",
                position)).intValue();
    }

    /** Tab and Shift+Tab never leave the box tool (the Repeat! button behind it is inert). */
    private static void assertFocusStaysInTheBoxTool(Page page) {
        for (int i = 0; i < 8; i++) {
            page.keyboard().press(i < 5 ? "Tab" : "Shift+Tab");
            Object where = page.evaluate("() => { const a = document.activeElement;"
                    + " return a && a.closest('.annotate') ? 'inside' : (a ? a.outerHTML.slice(0, 80) : 'none'); }");
            assertTrue("inside".equals(where) || "none".equals(where) && i == 0, "focus left the box tool: " + where);
            assertFalse(Boolean.TRUE.equals(page.evaluate("() => document.activeElement && document.activeElement.dataset.testid === 'respond-button'")));
        }
    }

    /**
     * The experimenter writes their own text for a failed attention check in the workspace; a phone participant who never
     * presses anything fails the vigilance check and ends on that text with the failed-check code, not on "Thank you!".
     */
    @Test
    @Order(2)
    void aFailedAttentionCheckEndsOnTheExperimentersText() throws Exception {
        shortDemo();
        try (BrowserContext admin = CHROMIUM.admin(base())) {
            Page page = admin.newPage();
            page.navigate(base().resolve("admin/experiment.xhtml?slug=demo").toString());
            assertTrue(WorkspacePages.byId(page, "settings:failedCheck").inputValue().contains("attention checks"),
                    "the default text is there to edit");
            WorkspacePages.byId(page, "settings:failedCheck").fill(FAILED_TEXT);
            WorkspacePages.byId(page, "settings:save").click();
            page.waitForLoadState();
            assertTrue(page.locator("[data-testid=failed-check-preview] strong").textContent().contains("not passed"), page.content());
        }
        String pid = "FAILED01";
        BrowserContext context = phone(false);
        Page page = context.newPage();
        page.navigate(link(base(), pid));
        click(page, "consent-accept");
        click(page, "start-practice");
        doPractice(page, false);
        click(page, "practice-continue");
        click(page, "start-stream");
        boolean phoneStreamShot = false;
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=completion-code]").count() == 0) {
            if (!phoneStreamShot && stimulus(page) != null) {
                shot(page, "phone-stream");
                phoneStreamShot = true;
            }
            page.waitForTimeout(100);
        }
        assertEquals(TRIALS, ended(page));
        assertEquals("failed-check", page.evaluate("() => document.body.dataset.screen"));
        assertTrue(page.locator("[data-testid=failed-check-text] strong").textContent().contains("not passed"));
        assertFalse(page.locator("h1").first().textContent().contains("Thank you!"));
        String code = page.locator("[data-testid=completion-code]").first().textContent().trim();
        assertEquals(exported(base(), "participants.csv", pid).get(0)[12], code, "the failed-check code of participants.csv");
        shot(page, "phone-failed-check");
        AXE.scan(page, "failed attention check");
        page.navigate(link(base(), pid));
        waitVisible(page, "already-completed");
        assertEquals("failed-check", page.evaluate("() => document.body.dataset.screen"), "reopened, the same ending");
        assertEquals(code, page.locator("[data-testid=completion-code]").first().textContent().trim());
        context.close();
    }

    /** /run/, unknown /run paths, an ill-formed Prolific ID and a declined consent each get a plain screen of engram's own. */
    @Test
    @Order(3)
    void errorScreensAreEngramsOwnAndPlain() throws Exception {
        Http http = new Http(base());
        for (String path : List.of("run/", "run", "run/demo/extra", "run/no%20such")) {
            Http.Reply reply = http.get(path);
            assertEquals(404, reply.status(), path);
            assertTrue(reply.body().contains("There is no study at this address"), path + ": " + reply.body());
            assertFalse(reply.body().contains("HTTP Status"), path);
        }
        try (BrowserContext context = desktop()) {
            Page page = context.newPage();
            page.navigate(base().resolve("run/").toString());
            assertEquals("There is no study at this address", page.locator("h1").textContent().trim());
            shot(page, "not-found");
            AXE.scan(page, "no study at this address");

            page.navigate(base().resolve("run/demo?PROLIFIC_PID=not%20an%20id!&STUDY_ID=IT&SESSION_ID=S").toString());
            waitVisible(page, "error-message");
            assertEquals("This study link does not work", page.locator("h1").textContent().trim());
            assertTrue(page.locator("[data-testid=error-message]").textContent().contains("go back to Prolific"));
            shot(page, "bad-link");
            AXE.scan(page, "ill-formed Prolific ID");

            page.navigate(link(base(), "DECLINE01"));
            click(page, "consent-decline");
            waitVisible(page, "completion-code");
            AXE.scan(page, "no consent");
        }
        try (BrowserContext context = phone(false)) {
            Page page = context.newPage();
            page.navigate(base().resolve("run/").toString());
            shot(page, "phone-not-found");
            page.navigate(link(base(), "PHONE01"));
            waitVisible(page, "consent-accept");
            shot(page, "phone-consent");
            AXE.scan(page, "consent on a phone");
        }
    }

    /**
     * On a landscape phone the box tool (here the practice's explanation, reached without answering) shows its Done button
     * on screen without scrolling, and Tab stays inside it. A box drawn with a real touch drag counts; a quick flick on
     * the image draws nothing and leaves no fling behind, so that one tap on Done ends the box tool (a fling used to
     * take the next tap for stopping it, and Done did not react).
     */
    @Test
    @Order(4)
    void onALandscapePhoneTheBoxToolFitsWithDoneVisible() throws Exception {
        try (BrowserContext context = phone(true)) {
            Page page = context.newPage();
            page.navigate(link(base(), "LANDSCAPE01"));
            click(page, "consent-accept");
            click(page, "start-practice");
            waitVisible(page, "box-done");
            BoundingBox done = page.locator("[data-testid=box-done]").first().boundingBox();
            BoundingBox image = page.locator("[data-testid=box-canvas]").first().boundingBox();
            assertTrue(done.y >= 0 && done.y + done.height <= 390 && done.x + done.width <= 844, "Done is on screen: " + done.y + "+" + done.height);
            assertTrue(image.y >= 0 && image.y + image.height <= 390, "the whole image is on screen: " + image.y + "+" + image.height);
            assertEquals(0.0, ((Number) page.evaluate("() => document.querySelector('.annotate').scrollTop")).doubleValue());
            assertFocusStaysInTheBoxTool(page);
            Touch touch = new Touch(context.newCDPSession(page));
            touch.drag(image, 0.2, 0.2, 0.6, 0.6, 6, 0.030, 0.300);
            assertEquals(1L, boxCount(page), "a touch drag draws a box");
            shot(page, "phone-landscape-box-tool");
            AXE.scan(page, "box tool on a landscape phone");
            // a flick: 160 px upward in 40 ms, let go at speed (a line, not a box: nothing is drawn)
            touch.drag(image, 0.85, 0.85, 0.85, 0.85 - 160 / image.height, 4, 0.010, 0.001);
            assertEquals(1L, boxCount(page), "a flick draws no box");
            @SuppressWarnings("unchecked")
            List<Number> centre = (List<Number>) page.evaluate("() => { const r = document.querySelector('[data-testid=box-done]').getBoundingClientRect();"
                    + " return [r.left + r.width / 2, r.top + r.height / 2]; }");
            page.touchscreen().tap(centre.get(0).doubleValue(), centre.get(1).doubleValue());
            boolean closed;
            try {
                page.waitForFunction("() => !document.querySelector('.annotate')", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
                closed = true;
            } catch (TimeoutError e) {
                closed = false;
            }
            assertTrue(closed, "one tap on Done right after a flick ends the box tool");
            waitVisible(page, "practice-continue");
        }
    }

    private static long boxCount(Page page) {
        return ((Number) page.evaluate("() => document.querySelectorAll('.annotate [data-testid=box]').length")).longValue();
    }

    /**
     * Touches sent through Chromium's input pipeline (CDP Input.dispatchTouchEvent), so that its gesture recognizer sees
     * them as a finger: pointer and touch events, taps, flings. Each event carries its own time stamp, so a drag's speed
     * does not depend on how fast this machine sends the events.
     */
    private record Touch(CDPSession cdp) {

        /** A drag from one image fraction to another in `steps` moves, `stepS` seconds apart, let go `holdS` after the last. */
        void drag(BoundingBox area, double fromX, double fromY, double toX, double toY, int steps, double stepS, double holdS) {
            double t = System.currentTimeMillis() / 1000.0;
            send("touchStart", t, area.x + area.width * fromX, area.y + area.height * fromY);
            for (int i = 1; i <= steps; i++) {
                double f = (double) i / steps;
                send("touchMove", t + i * stepS, area.x + area.width * (fromX + (toX - fromX) * f), area.y + area.height * (fromY + (toY - fromY) * f));
            }
            JsonObject end = new JsonObject();
            end.addProperty("type", "touchEnd");
            end.add("touchPoints", new JsonArray());
            end.addProperty("timestamp", t + steps * stepS + holdS);
            cdp.send("Input.dispatchTouchEvent", end);
        }

        private void send(String type, double timestamp, double x, double y) {
            JsonObject point = new JsonObject();
            point.addProperty("x", x);
            point.addProperty("y", y);
            JsonArray points = new JsonArray();
            points.add(point);
            JsonObject event = new JsonObject();
            event.addProperty("type", type);
            event.add("touchPoints", points);
            event.addProperty("timestamp", timestamp);
            cdp.send("Input.dispatchTouchEvent", event);
        }
    }

    /**
     * On a phone, sideways (844 x 390), upright (390 x 844) and a small Android upright (360 x 640), the end screens show
     * the code and "Return to Prolific" without scrolling: reopened, the completed run of test 1 and the failed check of
     * test 2 (each with its "already finished" note above the experimenter's text, so longer than at the end of the run),
     * and a declined consent. Desktop keeps its layout (tests 1 to 3).
     */
    @Test
    @Order(5)
    void onAPhoneTheEndScreensShowTheCodeAndReturnToProlific() throws Exception {
        for (String pid : List.of("RELOAD01", "FAILED01", "DECLINE02")) {
            try (BrowserContext context = phone(true)) {
                // the automatic redirect after 8 s is cancelled, so that a slow machine still finds the end screen
                context.route("https://app.prolific.com/**", route -> route.abort("aborted"));
                Page page = context.newPage();
                page.navigate(link(base(), pid));
                if (pid.startsWith("DECLINE")) {
                    click(page, "consent-decline");
                    waitVisible(page, "completion-code");
                } else {
                    waitVisible(page, "already-completed");
                }
                String screen = (String) page.evaluate("() => document.body.dataset.screen");
                for (int[] window : List.of(new int[] {844, 390}, new int[] {390, 844}, new int[] {360, 640})) {
                    page.setViewportSize(window[0], window[1]);
                    page.evaluate("() => window.scrollTo(0, 0)");
                    String where = window[0] + " x " + window[1];
                    @SuppressWarnings("unchecked")
                    Map<String, Object> boxes = (Map<String, Object>) page.evaluate("() => Object.fromEntries(['completion-code', 'redirect-link']"
                            + ".map((id) => { const r = document.querySelector('[data-testid=' + id + ']').getBoundingClientRect();"
                            + " return [id, { top: r.top, bottom: r.bottom, left: r.left, right: r.right, innerWidth, innerHeight, scrollY }]; }))");
                    for (String id : List.of("completion-code", "redirect-link")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> box = (Map<String, Object>) boxes.get(id);
                        double top = ((Number) box.get("top")).doubleValue();
                        double bottom = ((Number) box.get("bottom")).doubleValue();
                        double left = ((Number) box.get("left")).doubleValue();
                        double right = ((Number) box.get("right")).doubleValue();
                        double height = ((Number) box.get("innerHeight")).doubleValue();
                        double width = ((Number) box.get("innerWidth")).doubleValue();
                        assertEquals(window[1], height, 0.5, where + ": the window is as asked");
                        assertEquals(0.0, ((Number) box.get("scrollY")).doubleValue(), where + ": not scrolled");
                        assertTrue(top >= 0 && bottom <= height && left >= 0 && right <= width,
                                pid + " (" + screen + ") at " + where + ": " + id + " is on screen without scrolling: " + top + " to " + bottom + " of " + height);
                    }
                    boolean landscape = window[0] > window[1];
                    shot(page, (landscape ? "phone-landscape-" : "phone-" + window[0] + "x" + window[1] + "-") + screen);
                    if (landscape && !pid.startsWith("DECLINE")) {
                        AXE.scan(page, "end screen on a landscape phone (" + screen + ")");
                    } else if (window[0] == 390) {
                        AXE.scan(page, "end screen on an upright phone (" + screen + ")");
                    }
                }
            }
        }
    }

    @Test
    @Order(6)
    void axeFindsNoSeriousOrCriticalViolationOnAnyParticipantScreen() {
        assertTrue(AXE.scanned().containsAll(List.of("consent", "instructions", "practice done", "ready", "stream", "box tool",
                "box tool after a reload", "complete", "completed link reopened", "failed attention check", "no study at this address",
                "ill-formed Prolific ID", "no consent", "consent on a phone", "box tool on a landscape phone",
                "end screen on a landscape phone (complete)", "end screen on a landscape phone (failed-check)")), "scanned: " + AXE.scanned());
        assertEquals(List.of(), AXE.violations(), "axe-core " + Axe.VERSION + " on " + AXE.scanned());
    }
}
