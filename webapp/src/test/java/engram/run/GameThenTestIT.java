package engram.run;

import static engram.testing.PhasePageSteps.clockOffset;
import static engram.testing.PhasePageSteps.exactlyOnce;
import static engram.testing.PhasePageSteps.stored;
import static engram.testing.PhasePageSteps.walk;
import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.ParticipantSteps;
import engram.testing.PhasePageSteps;
import engram.testing.Screenshots;
import engram.testing.StimulusZip;
import engram.testing.WorkspacePages;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.SelectOption;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Issue 14's game-then-test design in real headless Chromium (docs/sequences.md, "The game, then a test of its
 * images"): the experimenter builds [continuous game with boxes in session 1, old-new with confidence 1 to 2 days later]
 * on the design page (continuous chosen in row 1 of the Phases card); a pilot participant plays the small game (Space
 * on repeats, a box after each, one reload mid-game), gets "Part 1 of 2 done", the server's clock moves a day on, and
 * session 2's old-new test of the game's images runs to its end. The export holds each game and test trial once with
 * its phase and session, sequences.csv its phase columns, sessions.csv the delay. With {@code -Dengram.screenshots=DIR}
 * it writes game-then-test-design.png and game-then-test-session2.png; the phone walk (test 2) its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameThenTestIT extends ChromiumDeployment {

    private static final String SLUG = "game-test";
    private static final String PID = "GAMEPILOT1";
    private static final String PHONE_PID = "GAMEPHONE1";
    /** The participant page's screens that run against the clock: on a phone their buttons must be on screen. */
    private static final Set<String> TIMED = Set.of("practice", "stream");
    private static final long DAY = 86_400;
    private static final File DATA = new File("target/it-data/game-test-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    private static final Screenshots SHOTS = Screenshots.fromSystemProperty("game-then-test-");
    private static final List<String> BUTTONS = List.of("consent-accept", "start-practice", "practice-continue", "practice-repeat", "start-stream",
            "phase-start", "break-continue");

    private static String pilotUrl;
    private static boolean tappedShot;

    @Deployment(testable = false)
    static WebArchive deployment() {
        clockOffset(CLOCK, 0);
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @AfterAll
    static void clockBack() {
        clockOffset(CLOCK, 0);
    }

    @Test
    @Order(1)
    void theGameInSessionOneThenAnOldNewTestOfItsImagesADayLater() throws Exception {
        String pilotUrl = pilotUrl();
        Map<Integer, String> kinds;
        clockOffset(CLOCK, 0);
        String link = pilotUrl + "&PROLIFIC_PID=" + PID + "&STUDY_ID=PART1&SESSION_ID=S1&engram_test=1";
        try (BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(link);
            playTheGame(page, false, null);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"), page.locator("main").textContent());

            clockOffset(CLOCK, DAY + 600);
            kinds = kinds(PID);
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PID + "&STUDY_ID=PART2&SESSION_ID=S2&engram_test=1&session=2");
            boolean[] shot = {false};
            PhasePageSteps.Walk test = walk(page, (position, enabled) -> "target".equals(kinds.get(position)) ? "answer-old" : "answer-new", List.of(),
                    false, (screen, p) -> {
                        if (screen.startsWith("task-old-new") && !screen.contains("+") && !shot[0]) {
                            // the image painted (the key's screen only says its element is there)
                            p.waitForFunction("() => { const s = document.querySelector('[data-testid=stimulus]');"
                                    + " return !s || (s.complete && s.naturalWidth > 0); }");
                            SHOTS.page(p, "session2");
                            shot[0] = true;
                        }
                    });
            assertEquals("complete", test.end, "screens: " + test.screens);
            assertTrue(shot[0], "the old-new test was seen: " + test.screens);
        }

        int total;
        try (Connection db = db()) {
            total = kinds.size();
            Map<Integer, PhasePageSteps.Stored> rows = exactlyOnce(stored(db, SLUG, PID), 0, total);
            for (PhasePageSteps.Stored r : rows.values()) {
                assertEquals(r.position() < 20 ? "continuous" : "old-new", r.task(), r.toString());
                assertEquals(r.position() < 20 ? 1 : 2, r.phase(), r.toString());
            }
            long answered = rows.values().stream().filter(r -> r.position() < 20 && r.responded() && "target".equals(kinds.get(r.position()))).count();
            assertTrue(answered >= 3, "Space on most of the game's 4 repeats: " + answered);
            assertTrue(rows.values().stream().anyMatch(r -> r.boxes() > 0), "a box was drawn after a repeat in the game");
        }

        Http http = new Http(base());
        Http.Reply export = http.get("api/experiments/" + SLUG + "/export?images=false&pilot=true", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, export.status(), export.body());
        Path zip = DATA.toPath().resolve("export.zip");
        Files.write(zip, export.raw().body());
        Map<String, byte[]> files = StimulusZip.read(zip);
        List<Map<String, String>> responses = csv(files.get("responses.csv"));
        assertEquals(total, responses.size(), "each trial once: " + responses.size());
        assertEquals(total, responses.stream().map(r -> r.get("trial_index")).distinct().count());
        List<Map<String, String>> game = responses.stream().filter(r -> r.get("phase").equals("1")).toList();
        List<Map<String, String>> oldNew = responses.stream().filter(r -> r.get("phase").equals("2")).toList();
        assertEquals(20, game.size(), "the game's 20 trials");
        assertEquals(total - 20, oldNew.size());
        for (Map<String, String> r : game) {
            assertEquals("continuous", r.get("task"), r.toString());
            assertEquals("1", r.get("session"), r.toString());
            assertEquals("", r.get("lure_type"), r.toString());
        }
        for (Map<String, String> r : oldNew) {
            assertEquals("old-new", r.get("task"), r.toString());
            assertEquals("2", r.get("session"), r.toString());
            assertEquals("6", r.get("confidence_levels"), r.toString());
            assertEquals(kinds.get(Integer.parseInt(r.get("trial_index"))), r.get("kind"), r.toString());
            assertEquals("target".equals(r.get("kind")) ? "old" : "new", r.get("answer"), r.toString());
        }
        List<Map<String, String>> sessions = csv(files.get("sessions.csv"));
        assertEquals(2, sessions.size(), sessions.toString());
        for (Map<String, String> s : sessions) {
            assertEquals("COMPLETED", s.get("state"), s.toString());
            if (s.get("session").equals("2")) {
                long delay = Long.parseLong(s.get("delay_s"));
                assertTrue(delay >= DAY && delay <= 2 * DAY, "the delay lies in the window: " + s);
            } else {
                assertEquals("", s.get("delay_s"), s.toString());
            }
        }
        String sequences = http.get("admin/files/" + SLUG + "/sequences.csv", "admin", Deployments.ADMIN_PASSWORD).body();
        List<Map<String, String>> lists = csv(sequences.getBytes(StandardCharsets.UTF_8));
        assertTrue(sequences.lines().findFirst().orElseThrow().contains(",phase,"), sequences.lines().findFirst().orElseThrow());
        assertEquals(List.of("1", "2"), lists.stream().map(r -> r.get("phase")).distinct().sorted().toList());
        System.out.println("game-then-test: " + game.size() + " game rows, " + oldNew.size() + " test rows, sessions.csv\n"
                + new String(files.get("sessions.csv"), StandardCharsets.UTF_8));
    }

    /**
     * The same study on a phone (390 x 844 CSS px, DPR 2, touch): session 1's game is played by taps on Repeat! and the
     * box is drawn with a finger (touch events through Chromium's input pipeline, not a mouse), "Part 1 of 2 done", then
     * session 2's old-new test with its confidence scale answered by taps. On the practice, the stream, the box tool, "Part
     * 1 of 2 done" and every test screen each visible button lies inside the window (nothing to scroll to; consent,
     * instructions and the debrief are text that may scroll). Each trial is stored once, the game's with its box. With
     * {@code -Dengram.screenshots=DIR} it writes game-then-test-phone-*.png.
     */
    @Test
    @Order(2)
    void onAPhoneTheGameByTouchThenTheTestByTaps() throws Exception {
        String pilotUrl = pilotUrl();
        clockOffset(CLOCK, 3 * DAY);
        List<String> outside = new ArrayList<>();
        Map<Integer, String> kinds;
        try (BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true))) {
            Page page = context.newPage();
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PHONE_PID + "&STUDY_ID=PART1&SESSION_ID=P1&engram_test=1");
            playTheGame(page, true, outside);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"), page.locator("main").textContent());
            outside.addAll(PhasePageSteps.controlsOutsideTheWindow(page));
            SHOTS.page(page, "phone-part1-done");

            clockOffset(CLOCK, 4 * DAY + 600);
            kinds = kinds(PHONE_PID);
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PHONE_PID + "&STUDY_ID=PART2&SESSION_ID=P2&engram_test=1&session=2");
            Set<String> shots = new HashSet<>();
            PhasePageSteps.Walk test = walk(page, (position, enabled) -> "target".equals(kinds.get(position)) ? "answer-old" : "answer-new", List.of(),
                    true, (screen, p) -> {
                        if (screen.startsWith("task-")) {
                            outside.addAll(PhasePageSteps.controlsOutsideTheWindow(p).stream().map(c -> screen + ": " + c).toList());
                        }
                        String name = screen.startsWith("task-old-new") ? (screen.contains("+confidence") ? "confidence" : screen.contains("+") ? "" : "test") : "";
                        if (!name.isEmpty() && shots.add(name)) {
                            p.waitForFunction("() => { const s = document.querySelector('[data-testid=stimulus]');"
                                    + " return !s || (s.complete && s.naturalWidth > 0); }");
                            SHOTS.page(p, "phone-session2-" + name);
                        }
                    });
            assertEquals("complete", test.end, "screens: " + test.screens);
            assertTrue(shots.contains("test") && shots.contains("confidence"), "the old-new test and its scale were seen: " + test.screens);
        }
        assertEquals(List.of(), outside, "every button of the game, the box tool, the test and 'Part 1 of 2 done' lies inside the phone's window");
        try (Connection db = db()) {
            Map<Integer, PhasePageSteps.Stored> rows = exactlyOnce(stored(db, SLUG, PHONE_PID), 0, kinds.size());
            long tapped = rows.values().stream().filter(r -> r.position() < 20 && r.responded() && "target".equals(kinds.get(r.position()))).count();
            assertTrue(tapped >= 2, "Repeat! tapped on most of the game's 4 repeats: " + tapped);
            assertTrue(rows.values().stream().anyMatch(r -> r.position() < 20 && r.boxes() > 0), "a box drawn by touch was stored with its game trial");
            for (PhasePageSteps.Stored r : rows.values()) {
                if (r.position() >= 20) {
                    assertEquals("old-new", r.task(), r.toString());
                    assertEquals("target".equals(kinds.get(r.position())) ? "old" : "new", r.answer(), r.toString());
                    assertTrue(r.confidence() != null, "a confidence tapped: " + r);
                }
            }
        }
    }

    /** The pilot link of the study that the first test to run builds on the design page. */
    private synchronized String pilotUrl() {
        if (pilotUrl == null) {
            pilotUrl = buildOnTheDesignPage();
        }
        return pilotUrl;
    }

    /** Creates the experiment, sets a small game on the sequence design card and builds the two phases; the pilot link. */
    private String buildOnTheDesignPage() {
        try (BrowserContext context = CHROMIUM.admin(base())) {
            Page page = context.newPage();
            page.navigate(url("admin/index.xhtml"));
            byId(page, "create:slug").fill(SLUG);
            byId(page, "create:title").fill("The game, then a test");
            byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo (48 images)"));
            page.waitForNavigation(() -> byId(page, "create:submit").click());

            WorkspacePages.fillDesign(page, 2, 20, 4, 2, 0, 14);
            byId(page, "designForm:maxLag").fill("10");
            byId(page, "designForm:displayMs").fill("700");
            byId(page, "designForm:isiMs").fill("300");
            page.waitForNavigation(() -> byId(page, "designForm:generate").click());
            assertTrue(page.locator("ul.messages").textContent().contains("Generated 2 sequences"), page.locator("main").textContent());

            byId(page, "phasesForm:phaseList:0:task").selectOption("continuous");
            byId(page, "phasesForm:phaseList:0:boxes").check();
            byId(page, "phasesForm:phaseList:1:newSession").check();
            byId(page, "phasesForm:phaseList:1:delayMin").fill("1");
            var second = page.locator("[data-testid=phases] tbody tr").nth(1);
            second.locator("select[aria-label=Unit]").first().selectOption("days");
            byId(page, "phasesForm:phaseList:1:delayMax").fill("2");
            second.locator("select[aria-label=Unit]").nth(1).selectOption("days");
            byId(page, "phasesForm:phaseList:1:confidenceLevels").fill("6");
            byId(page, "phasesForm:lists").fill("2");
            byId(page, "phasesForm:studyPairs").fill("4");
            byId(page, "phasesForm:foilsPerTest").fill("3");
            byId(page, "phasesForm:phaseSeed").fill("14");
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String messages = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(messages.contains("Built 2 lists"), messages + "\n" + page.locator("[data-testid=phase-problems]").textContent());
            assertEquals(List.of("continuous", "old-new"), page.evaluate("() => [...document.querySelectorAll('select[id$=\":task\"]')].map(s => s.value)"));
            assertTrue(byId(page, "phasesForm:phaseList:0:boxes").isChecked(), "the game keeps its boxes");
            SHOTS.region(page, "design", "[data-testid=phases-card]");
            return (String) page.evaluate("() => [...document.querySelectorAll('a')].find(a => a.textContent.includes('Try as participant')).href");
        }
    }

    /**
     * Plays session 1 to its end screen: the buttons between screens, a repeat answered on each repeat (in the practice
     * too), a box whenever the box tool opens. At a desk: Space, a mouse drag, and one reload at the game's 9th trial. On
     * a phone: taps on the buttons and on Repeat!, the box dragged with a finger, and the visible buttons outside the window
     * on the practice, the stream and in the box tool added to {@code outside} (consent and instructions are text pages
     * that may scroll to their button).
     */
    private static void playTheGame(Page page, boolean touch, List<String> outside) {
        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        Set<String> screens = new HashSet<>();
        boolean reloaded = touch;
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String screen = (String) page.evaluate("() => document.body.dataset.screen || ''");
            if (touch && TIMED.contains(screen) && screens.add(screen)) {
                outside.addAll(PhasePageSteps.controlsOutsideTheWindow(page).stream().map(c -> screen + ": " + c).toList());
            }
            if (PhasePageSteps.ENDINGS.contains(screen)) {
                assertEquals("session-done", screen, page.locator("main").textContent());
                assertTrue(reloaded, "the page was reloaded mid-game");
                return;
            }
            if (ParticipantSteps.boxToolOpen(page)) {
                if (touch) {
                    drawBoxByTouch(page, outside);
                } else {
                    ParticipantSteps.drawBox(page);
                }
                continue;
            }
            String button = BUTTONS.stream().filter(b -> ParticipantSteps.visible(page, b)).findFirst().orElse(null);
            if (button != null) {
                var locator = page.locator("[data-testid=" + button + "]").first();
                if (touch) {
                    locator.tap();
                } else {
                    locator.click();
                }
                continue;
            }
            Map<String, Object> shown = ParticipantSteps.stimulus(page);
            if (!reloaded && shown != null && ((Number) shown.get("position")).intValue() >= 8) {
                reloaded = true;
                page.reload();
                continue;
            }
            if (touch) {
                tapRepeatOnRepeat(page, repeats);
            } else {
                repeats.pressSpaceOnRepeat(page);
            }
            page.waitForTimeout(40);
        }
        throw new AssertionError("session 1 did not end within 180 s; screen " + page.evaluate("() => document.body.dataset.screen"));
    }

    /** On a repeat not yet answered, a finger taps Repeat!; the first tap in the game is photographed. */
    private static void tapRepeatOnRepeat(Page page, ParticipantSteps.Repeats repeats) {
        ParticipantSteps.Look look = repeats.tapRepeatOnRepeat(page);
        if (look != null && look.pressed() && look.showing().startsWith("position") && !tappedShot) {
            tappedShot = true;
            SHOTS.page(page, "phone-game");
            assertEquals("rgba(0, 0, 0, 0)", page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=respond-button]'))"
                    + ".webkitTapHighlightColor"), "no tinted rectangle over the round Repeat! button when it is tapped");
        }
    }

    /** Drags one box on the box tool's image with a finger (CDP touch events), checks it is there, and taps Done. */
    private static void drawBoxByTouch(Page page, List<String> outside) {
        BoundingBox area = page.locator(".annotate [data-testid=box-canvas]").first().boundingBox();
        int before = ((Number) page.evaluate("() => document.querySelectorAll('.annotate [data-testid=box]').length")).intValue();
        CDPSession cdp = page.context().newCDPSession(page);
        try {
            // at a finger's pace (a move per frame, a short hold before lifting): moves sent all at once are a flick at
            // infinite speed, and the browser then takes the next tap (on Done) as the one that stops the flick, not a click
            touch(cdp, "touchStart", area.x + area.width * 0.2, area.y + area.height * 0.25);
            for (int step = 1; step <= 5; step++) {
                touch(cdp, "touchMove", area.x + area.width * (0.2 + 0.06 * step), area.y + area.height * (0.25 + 0.04 * step));
                page.waitForTimeout(20);
            }
            page.waitForTimeout(100);
            touch(cdp, "touchEnd", -1, -1);
        } finally {
            cdp.detach();
        }
        int after = ((Number) page.evaluate("() => document.querySelectorAll('.annotate [data-testid=box]').length")).intValue();
        assertEquals(before + 1, after, "the finger drew one box");
        outside.addAll(PhasePageSteps.controlsOutsideTheWindow(page).stream().map(c -> "box tool: " + c).toList());
        SHOTS.page(page, "phone-box");
        page.locator("[data-testid=box-done]").first().tap();
        page.waitForFunction("() => !document.querySelector('.annotate [data-testid=box-canvas]')");
    }

    private static void touch(CDPSession cdp, String type, double x, double y) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        JsonArray points = new JsonArray();
        if (x >= 0) {
            JsonObject point = new JsonObject();
            point.addProperty("x", x);
            point.addProperty("y", y);
            points.add(point);
        }
        event.add("touchPoints", points);
        cdp.send("Input.dispatchTouchEvent", event);
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }

    /** The designed kind of each position of the pilot's list (target, filler, lure, foil). */
    private static Map<Integer, String> kinds(String pid) throws SQLException {
        Map<Integer, String> kinds = new HashMap<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT si.trial_index, si.kind FROM sequence_item si"
                + " JOIN experiment e ON si.experiment_id = e.id JOIN run r ON r.experiment_id = e.id AND r.sequence_id = si.sequence_id"
                + " WHERE e.slug = ? AND r.prolific_pid = ?")) {
            q.setString(1, SLUG);
            q.setString(2, pid);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return kinds;
    }

    /** The rows of a CSV file as column → value (these files' cells hold no commas or quotes). */
    private static List<Map<String, String>> csv(byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
