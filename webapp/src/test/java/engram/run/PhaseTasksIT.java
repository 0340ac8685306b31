package engram.run;

import static engram.testing.PhasePageSteps.Reload;
import static engram.testing.PhasePageSteps.Row;
import static engram.testing.PhasePageSteps.Stored;
import static engram.testing.PhasePageSteps.clockOffset;
import static engram.testing.PhasePageSteps.controlsOutsideTheWindow;
import static engram.testing.PhasePageSteps.exactlyOnce;
import static engram.testing.PhasePageSteps.shot;
import static engram.testing.PhasePageSteps.stored;
import static engram.testing.PhasePageSteps.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Axe;
import engram.testing.Chromium;
import engram.testing.Deployments;
import engram.testing.PhasePageSteps;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 14's participant page in headless Chromium against the real server: each task (study with an encoding question,
 * old-new with a confidence scale and boxes, old-similar-new, 2AFC, distractor, break) with a reload in the middle and
 * every position stored exactly once, the reloaded trial marked; every new screen on a desktop, a portrait and a
 * landscape phone with no control outside the window and no serious axe-core finding; and a two-session study with the
 * server's clock moved by the test (too early with its code, within the window, too late with its code).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhaseTasksIT {

    private static final File DATA = new File("target/it-data/phase-tasks-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    private static final String QUESTION = "\"encodingQuestion\":{\"text\":\"Indoor or outdoor?\",\"answers\":[\"indoor\",\"outdoor\"]}";
    private static final Axe AXE = new Axe();
    private static Chromium chromium;
    private static Browser browser;

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString(),
                "engram.demo.isi-ms", "250"));
    }

    @BeforeAll
    static void launchChromium() {
        clockOffset(CLOCK, 0);
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }

    private String link(String slug, String pid, String study, String extra) throws Exception {
        URI base = deployment.toURI();
        return base.resolve("run/" + slug + "?PROLIFIC_PID=" + pid + "&STUDY_ID=" + study + "&SESSION_ID=S-" + pid + "-" + study
                + "&engram_test=1" + extra).toString();
    }

    private static BrowserContext desktop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setBypassCSP(true));
    }

    private static BrowserContext phone(boolean landscape) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(landscape ? 844 : 390, landscape ? 390 : 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setBypassCSP(true));
    }

    private static void createOnce(String slug, String plan, List<Row> rows) throws SQLException {
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM experiment WHERE slug = ?")) {
            q.setString(1, slug);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    PhasePageSteps.create(db, slug, plan, rows);
                }
            }
        }
    }

    private static List<Stored> storedOf(String slug, String pid) throws SQLException {
        try (Connection db = db()) {
            return stored(db, slug, pid);
        }
    }

    /** Whether an element is on the page now (one evaluate, no waiting). */
    private static boolean present(Page page, String testId) {
        return Boolean.TRUE.equals(page.evaluate("(id) => !!document.querySelector('[data-testid=' + id + ']')", testId));
    }

    /**
     * Study with an encoding question (keys 1/2 and clicks), then old-new with a 6-point scale and boxes after "old".
     * Reloads: during a study image, between an old-new answer and its confidence, and in the box tool. Every position is
     * stored once; the cut study trial is marked display and its image is not shown again; the answer before the
     * confidence is kept and only the confidence asked again (marked display); the boxes survive their reload.
     */
    @Test
    @Order(1)
    void studyAndOldNewWithConfidenceAndBoxesSurviveReloads() throws Exception {
        String slug = "taskoldnew";
        createOnce(slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":900," + QUESTION + "},"
                + "{\"phase\":2,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":6,\"boxes\":true}]", List.of(
                Row.study("pair01_high", 1), Row.study("pair02_high", 1), Row.study("pair03_high", 1), Row.study("foil01", 1),
                Row.test("pair01_high", "target", 2), Row.test("pair02_low", "lure", 2), Row.test("foil02", "foil", 2),
                Row.test("pair03_high", "target", 2), Row.test("foil01", "target", 2)));
        String pid = "PHASEON1";
        BrowserContext context = desktop();
        Page page = context.newPage();
        page.navigate(link(slug, pid, "ST1", ""));
        List<String> notes = new ArrayList<>();
        Set<Integer> old = Set.of(4, 7, 8);
        PhasePageSteps.Walk walk = walk(page, (position, enabled) -> position < 4 ? (position % 2 == 0 ? "answer-indoor" : "answer-outdoor")
                        : old.contains(position) ? "answer-old" : "answer-new",
                List.of(new Reload(1, "display"), new Reload(4, "confidence"), new Reload(7, "boxes")), false, (screen, p) -> {
                    if (present(p, "confidence-resumed")) {
                        notes.add("confidence-resumed");
                    }
                    if (present(p, "annotate-resumed")) {
                        notes.add("annotate-resumed");
                    }
                });
        assertEquals("complete", walk.end, "screens: " + walk.screens);
        assertEquals(3, walk.reloaded.size());
        assertTrue(notes.contains("confidence-resumed") && notes.contains("annotate-resumed"), "the resumed notes: " + notes);
        assertFalse(walk.shownAfter.contains(1), "the study image cut by the reload is not shown again: " + walk.shownAfter);
        context.close();

        Map<Integer, Stored> rows = exactlyOnce(storedOf(slug, pid), 0, 9);
        assertEquals("display", rows.get(1).interrupted(), "the study trial cut on screen");
        assertFalse(rows.get(1).responded(), "no answer had been given");
        assertEquals("display", rows.get(4).interrupted(), "the reload came between answer and confidence");
        assertEquals("old", rows.get(4).answer());
        assertEquals(Integer.valueOf(3), rows.get(4).confidence(), "the confidence asked again after the reload");
        assertTrue(rows.get(4).boxes() >= 1, "boxes after the kept old answer");
        assertEquals("boxes", rows.get(7).interrupted());
        assertEquals(2, rows.get(7).boxes(), "the box drawn before the reload and the one after");
        for (Stored row : rows.values()) {
            assertEquals(0, row.extraShowings(), "no image shown more often than the design says: " + row);
            if (row.position() != 1 && row.position() != 4 && row.position() != 7) {
                assertNull(row.interrupted(), "ran to its end: " + row);
            }
            if (row.position() < 4) {
                assertEquals("study", row.task());
                assertEquals(1, row.phase());
                if (row.position() != 1) {
                    assertEquals(row.position() % 2 == 0 ? "indoor" : "outdoor", row.answer(), "keys and clicks: " + row);
                }
            } else {
                assertEquals("old-new", row.task());
                assertEquals(2, row.phase());
                assertEquals(old.contains(row.position()) ? "old" : "new", row.answer());
                assertEquals(Integer.valueOf(2 + row.position() % 3), row.confidence());
                assertEquals(old.contains(row.position()) ? row.boxes() > 0 : false, row.boxes() > 0, "boxes only after old: " + row);
            }
        }
    }

    /**
     * Study, a 15 s distractor and old-similar-new: a reload on the sums comes back to the sums (the server kept the
     * phase's start), the distractor's score is stored with the sum answered before the reload, and a reload during an old-similar-new image records that trial
     * once as unanswered and cut during display.
     */
    @Test
    @Order(2)
    void distractorAndOldSimilarNewSurviveReloads() throws Exception {
        String slug = "taskosn";
        createOnce(slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":700},"
                + "{\"phase\":2,\"task\":\"distractor\",\"session\":1,\"minDurationS\":15},"
                + "{\"phase\":3,\"task\":\"old-similar-new\",\"session\":1}]", List.of(
                Row.study("pair04_high", 1), Row.study("pair05_high", 1), Row.study("foil03", 1),
                Row.test("pair04_high", "target", 3), Row.test("pair05_low", "lure", 3), Row.test("foil04", "foil", 3),
                Row.test("foil03", "target", 3)));
        String pid = "PHASEOSN1";
        BrowserContext context = desktop();
        Page page = context.newPage();
        page.navigate(link(slug, pid, "ST1", ""));
        String[] answer = {null, null, null, "answer-old", "answer-similar", "answer-new", "answer-old"};
        List<String> afterDistractorReload = new ArrayList<>();
        boolean[] reloadedInSums = {false};
        PhasePageSteps.Walk walk = walk(page, (position, enabled) -> answer[position], List.of(new Reload(5, "display")), false, (screen, p) -> {
            if (screen.equals("distractor") && !reloadedInSums[0]) {
                p.locator("[data-testid=distractor-answer]").waitFor();
                p.locator("[data-testid=distractor-answer]").fill("1");
                p.keyboard().press("Enter");
                reloadedInSums[0] = true;
                p.reload();
                p.waitForFunction("() => ['distractor', 'phase-intro', 'task-old-similar-new'].includes(document.body.dataset.screen)");
                afterDistractorReload.add((String) p.evaluate("() => document.body.dataset.screen"));
            }
        });
        assertEquals("complete", walk.end, "screens: " + walk.screens);
        assertEquals(List.of("distractor"), afterDistractorReload, "the reload on the sums comes back to the sums");
        context.close();

        Map<Integer, Stored> rows = exactlyOnce(storedOf(slug, pid), 0, 7);
        assertEquals("display", rows.get(5).interrupted());
        assertFalse(rows.get(5).responded());
        assertNull(rows.get(5).answer());
        assertEquals("old", rows.get(3).answer());
        assertEquals("similar", rows.get(4).answer());
        assertEquals("old", rows.get(6).answer());
        for (Stored row : rows.values()) {
            assertEquals(row.position() < 3 ? "study" : "old-similar-new", row.task());
            assertNull(row.confidence());
            if (row.position() != 5) {
                assertNull(row.interrupted(), row.toString());
            }
        }
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT p.finished_at, p.problems, p.correct FROM run_phase p"
                + " JOIN run r ON p.run_id = r.id WHERE r.prolific_pid = ? AND p.phase = 2")) {
            q.setString(1, pid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the distractor was opened on the server");
                assertTrue(rs.getTimestamp(1) != null, "and done");
                assertTrue(rs.getInt(2) >= 2, "the wrong sum before the reload and those after it count: " + rs.getInt(2));
                assertTrue(rs.getInt(3) <= rs.getInt(2) - 1, "the one before the reload was wrong");
                assertFalse(rs.next());
            }
        }
    }

    /**
     * On a portrait phone (touch): study, a 12 s break with a reload in it, then 2AFC with a 4-point scale and a reload
     * between a choice and its confidence. The break comes back (not skipped) and its Continue waits for the server's
     * minimum on the server; the choice is kept, the confidence asked again, the trial stored once and marked display.
     */
    @Test
    @Order(3)
    void breakAndTwoAfcSurviveReloadsOnAPhone() throws Exception {
        String slug = "task2afc";
        createOnce(slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":700},"
                + "{\"phase\":2,\"task\":\"break\",\"session\":1,\"minDurationS\":12},"
                + "{\"phase\":3,\"task\":\"2afc\",\"session\":1,\"confidenceLevels\":4}]", List.of(
                Row.study("pair06_high", 1), Row.study("pair07_high", 1), Row.study("pair08_high", 1),
                Row.choice("pair06_high", "pair06_low", "lure", "left", 3), Row.choice("pair07_high", "foil05", "foil", "right", 3),
                Row.choice("pair08_high", "pair08_low", "lure", "right", 3)));
        String pid = "PHASEAFC1";
        BrowserContext context = phone(false);
        Page page = context.newPage();
        page.navigate(link(slug, pid, "ST1", ""));
        List<String> afterBreakReload = new ArrayList<>();
        boolean[] reloadedInBreak = {false};
        PhasePageSteps.Walk walk = walk(page, (position, enabled) -> position == 4 ? "choice-right" : "choice-left",
                List.of(new Reload(4, "confidence")), true, (screen, p) -> {
                    if (screen.equals("break") && !reloadedInBreak[0]) {
                        reloadedInBreak[0] = true;
                        p.reload();
                        p.waitForFunction("() => ['break', 'phase-intro'].includes(document.body.dataset.screen)");
                        afterBreakReload.add((String) p.evaluate("() => document.body.dataset.screen"));
                    }
                });
        assertEquals("complete", walk.end, "screens: " + walk.screens);
        assertEquals(List.of("break"), afterBreakReload, "the break comes back after a reload (12 s, far longer than a reload)");
        context.close();

        Map<Integer, Stored> rows = exactlyOnce(storedOf(slug, pid), 0, 6);
        Stored cut = rows.get(4);
        assertEquals("display", cut.interrupted());
        assertEquals("right", cut.choiceSide());
        assertEquals("pair07_high", cut.chosenImageId(), "the right image of position 4 is the studied one");
        assertEquals(Integer.valueOf(3), cut.confidence());
        assertEquals("left", rows.get(3).choiceSide());
        assertEquals("pair06_high", rows.get(3).chosenImageId());
        assertEquals("left", rows.get(5).choiceSide());
        assertEquals("pair08_low", rows.get(5).chosenImageId(), "position 5: the left image is the lure");
        for (Stored row : rows.values()) {
            if (row.position() >= 3) {
                assertEquals("2afc", row.task());
                assertTrue(row.responded());
                assertNull(row.answer());
                assertEquals(Integer.valueOf(2 + row.position() % 3), row.confidence());
            }
            if (row.position() != 4) {
                assertNull(row.interrupted(), row.toString());
            }
        }
    }

    /**
     * Every new screen (instructions, each task's intro, study, old-new with its scale and box tool, old-similar-new,
     * 2AFC with its scale, break, sums) on a desktop (1280 x 800), a portrait phone (390 x 844) and a landscape phone
     * (844 x 390): no button or field outside the window, and axe-core finds no serious or critical WCAG 2.1 AA problem.
     */
    @Test
    @Order(4)
    void everyScreenFitsTheWindowOnADesktopAndPhones() throws Exception {
        String slug = "taskall";
        createOnce(slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":700," + QUESTION + "},"
                + "{\"phase\":2,\"task\":\"break\",\"session\":1,\"minDurationS\":2},"
                + "{\"phase\":3,\"task\":\"distractor\",\"session\":1,\"minDurationS\":3},"
                + "{\"phase\":4,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":6,\"boxes\":true},"
                + "{\"phase\":5,\"task\":\"old-similar-new\",\"session\":1},"
                + "{\"phase\":6,\"task\":\"2afc\",\"session\":1,\"confidenceLevels\":4}]", List.of(
                Row.study("pair09_high", 1), Row.study("pair10_high", 1), Row.study("pair11_high", 1),
                Row.test("pair09_high", "target", 4), Row.test("foil06", "foil", 4),
                Row.test("pair10_low", "lure", 5), Row.test("foil07", "foil", 5),
                Row.choice("pair11_high", "pair11_low", "lure", "left", 6)));
        Map<Integer, String> answers = Map.of(0, "answer-indoor", 1, "answer-outdoor", 2, "answer-indoor", 3, "answer-old", 4, "answer-new",
                5, "answer-similar", 6, "answer-new", 7, "choice-left");
        List<String> outside = new ArrayList<>();
        for (String viewport : List.of("desktop", "portrait", "landscape")) {
            BrowserContext context = viewport.equals("desktop") ? desktop() : phone(viewport.equals("landscape"));
            Page page = context.newPage();
            String pid = "PHASEALL" + viewport.toUpperCase();
            page.navigate(link(slug, pid, "ST1", ""));
            Set<String> done = new HashSet<>();
            PhasePageSteps.Walk walk = walk(page, (position, enabled) -> answers.get(position), List.of(), !viewport.equals("desktop"), (screen, p) -> {
                String name = screen.replace('+', '-');
                if (screen.equals("phase-intro")) {
                    p.locator("[data-testid=phase-instructions]").waitFor();
                    name = "intro-" + p.evaluate("() => document.querySelector('[data-testid=phase-instructions]').dataset.task");
                }
                if (screen.endsWith("+blank") || !done.add(name) || screen.equals("consent") || screen.equals("complete")) {
                    return;
                }
                controlsOutsideTheWindow(p).forEach(c -> outside.add(viewport + " " + screen + ": " + c));
                AXE.scan(p, viewport + " " + screen);
                shot(p, viewport + "-" + name);
            });
            assertEquals("complete", walk.end, viewport + " screens: " + walk.screens);
            assertTrue(walk.screens.containsAll(List.of("instructions", "phase-intro", "task-study", "break", "distractor", "task-old-new",
                    "task-old-new+confidence", "task-old-new+boxes", "task-old-similar-new", "task-2afc", "task-2afc+confidence")),
                    viewport + " saw every screen: " + walk.screens);
            context.close();
            exactlyOnce(storedOf(slug, pid), 0, 8);
        }
        assertEquals(List.of(), outside, "no control outside the window");
        assertEquals(List.of(), AXE.violations(), "axe-core on " + AXE.scanned());
    }

    /**
     * A two-session study: session 1 (study) ends on "Part 1 of 2 done" with its code and when to come back; the
     * session link opened too early shows when it opens and the too-early code; within the window (the server's clock
     * moved, never slept) part 2 (2AFC) runs and completes; another participant who comes back after the window sees the
     * too-late screen with its code. Each screen at 1280 x 800, 390 x 844 and 844 x 390.
     */
    @Test
    @Order(5)
    void twoSessionsTooEarlyWithinTheWindowAndTooLate() throws Exception {
        String slug = "tasktwo";
        createOnce(slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":700," + QUESTION + "},"
                + "{\"phase\":2,\"task\":\"2afc\",\"session\":2,\"delayMinS\":600,\"delayMaxS\":1200}]", List.of(
                Row.study("pair12_high", 1), Row.study("foil09", 1),
                Row.choice("pair12_high", "pair12_low", "lure", "right", 2), Row.choice("foil09", "foil10", "foil", "left", 2)));
        try {
            clockOffset(CLOCK, 0);
            String pid = "PHASETWO1";
            BrowserContext context = desktop();
            Page page = context.newPage();
            page.navigate(link(slug, pid, "ST1", ""));
            PhasePageSteps.Walk first = walk(page, (position, enabled) -> "answer-indoor", List.of(), false, null);
            assertEquals("session-done", first.end);
            assertEquals("SESSION1CODE", page.locator("[data-testid=completion-code]").textContent().trim());
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"));
            threeShots(page, "session-done");

            page.navigate(link(slug, pid, "ST2", "&session=2"));
            page.waitForFunction("() => document.body.dataset.screen === 'session-too-early'");
            assertEquals("TOOEARLY1", page.locator("[data-testid=completion-code]").textContent().trim());
            assertTrue(page.locator("[data-testid=session-opens]").textContent().contains("Part 2 opens"));
            threeShots(page, "session-too-early");

            clockOffset(CLOCK, 700);
            page.navigate(link(slug, pid, "ST2", "&session=2"));
            List<String> parts = new ArrayList<>();
            PhasePageSteps.Walk second = walk(page, (position, enabled) -> position == 2 ? "choice-right" : "choice-left", List.of(), false,
                    (screen, p) -> {
                        if (screen.equals("phase-intro")) {
                            p.locator("[data-testid=part-label]").waitFor();
                            parts.add(p.locator("[data-testid=part-label]").textContent());
                        }
                    });
            assertEquals("complete", second.end, "screens: " + second.screens);
            assertEquals(List.of("Part 2 of 2"), parts);
            context.close();
            Map<Integer, Stored> rows = exactlyOnce(storedOf(slug, pid), 0, 4);
            assertEquals("pair12_high", rows.get(2).chosenImageId());
            assertEquals("foil09", rows.get(3).chosenImageId());
            assertEquals("2afc", rows.get(3).task());

            String late = "PHASETWO2";
            BrowserContext lateContext = desktop();
            Page latePage = lateContext.newPage();
            latePage.navigate(link(slug, late, "ST1", ""));
            assertEquals("session-done", walk(latePage, (position, enabled) -> "answer-outdoor", List.of(), false, null).end);
            clockOffset(CLOCK, 700 + 1300);
            latePage.navigate(link(slug, late, "ST2", "&session=2"));
            latePage.waitForFunction("() => document.body.dataset.screen === 'session-too-late'");
            assertEquals("TOOLATE1", latePage.locator("[data-testid=completion-code]").textContent().trim());
            threeShots(latePage, "session-too-late");
            lateContext.close();
        } finally {
            clockOffset(CLOCK, 0);
        }
    }

    /** The same screen at the desktop size and as a portrait and a landscape phone (a static screen: only the size changes). */
    private static void threeShots(Page page, String name) {
        page.setViewportSize(1280, 800);
        shot(page, "desktop-" + name);
        page.setViewportSize(390, 844);
        shot(page, "portrait-" + name);
        page.setViewportSize(844, 390);
        shot(page, "landscape-" + name);
        page.setViewportSize(1280, 800);
    }
}
