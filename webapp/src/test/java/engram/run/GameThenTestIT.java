package engram.run;

import static engram.testing.PhasePageSteps.clockOffset;
import static engram.testing.PhasePageSteps.exactlyOnce;
import static engram.testing.PhasePageSteps.stored;
import static engram.testing.PhasePageSteps.walk;
import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 14's game-then-test designs in real headless Chromium (docs/sequences.md, "The game, then a test of its
 * images"). At a desk: the experimenter builds [continuous game with boxes in session 1; old-new with confidence, then
 * old-similar-new, 1 to 2 days later] on the design page (continuous chosen in row 1 of the Phases card, which then
 * names the Sequence design values the game takes); a pilot participant plays the small game (Space on repeats, a box
 * after each, one reload mid-game), gets "Part 1 of 2 done", the server's clock moves a day on, and session 2's tests of
 * the game's images run to their end with a reload during an old-similar-new image. On a phone (test 2): the design page
 * at 390 x 844 builds [game; 2AFC with confidence a day later], the game is played by touch and the 2AFC test by taps,
 * with a reload between a choice and its confidence. Each export is read as an analyst would (every trial once with
 * its phase, session and task; targets, lures, foils and 2AFC alternatives in their roles against the game's own
 * showings and the manifest's pairs; sessions.csv the delay) and analysed by {@code engram analyse}. With
 * {@code -Dengram.screenshots=DIR} it writes game-then-test-*.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameThenTestIT extends ChromiumDeployment {

    private static final String SLUG = "game-test";
    private static final String PHONE_SLUG = "game-2afc";
    private static final String PID = "GAMEPILOT1";
    private static final String PHONE_PID = "GAMEPHONE1";
    /** What the Phases card says the game takes from the Sequence design card that the test fills in. */
    private static final String GAME = "20 positions, 4 repeated targets at a lag of 2 to 10, no vigilance repeats, fillers from foil,"
            + " images 700 ms with 300 ms gaps";
    /** The participant page's screens that run against the clock: on a phone their buttons must be on screen. */
    private static final Set<String> TIMED = Set.of("practice", "stream");
    private static final long DAY = 86_400;
    private static final File DATA = new File("target/it-data/game-test-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    private static final Screenshots SHOTS = Screenshots.fromSystemProperty("game-then-test-");
    private static final List<String> BUTTONS = List.of("consent-accept", "start-practice", "practice-continue", "practice-repeat", "start-stream",
            "phase-start", "break-continue");

    private static final Map<String, String> PILOT_URLS = new HashMap<>();
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
    void theGameInSessionOneThenOldNewAndOldSimilarNewTestsOfItsImagesADayLater() throws Exception {
        String pilotUrl = pilotUrl(SLUG);
        Map<Integer, Designed> design;
        clockOffset(CLOCK, 0);
        String link = pilotUrl + "&PROLIFIC_PID=" + PID + "&STUDY_ID=PART1&SESSION_ID=S1&engram_test=1";
        PhasePageSteps.Walk test;
        int reloadAt;
        try (BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(link);
            playTheGame(page, false, null);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"), page.locator("main").textContent());

            clockOffset(CLOCK, DAY + 600);
            design = designed(SLUG, PID);
            // a reload while an old-similar-new image is up, after the test's first trial: a foil, so that targets and
            // lures keep every answer
            List<Integer> similarTest = positions(design, 3);
            reloadAt = similarTest.stream().skip(1).filter(p -> "foil".equals(design.get(p).kind())).findFirst().orElseThrow();
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PID + "&STUDY_ID=PART2&SESSION_ID=S2&engram_test=1&session=2");
            Set<String> shots = new HashSet<>();
            test = walk(page, (position, enabled) -> answerOf(design.get(position)), List.of(new PhasePageSteps.Reload(reloadAt, "display")),
                    false, (screen, p) -> {
                        String name = screen.equals("task-old-new") ? "session2" : screen.equals("task-old-similar-new") ? "session2-similar" : "";
                        if (!name.isEmpty() && shots.add(name)) {
                            // the image painted (the key's screen only says its element is there)
                            p.waitForFunction("() => { const s = document.querySelector('[data-testid=stimulus]');"
                                    + " return !s || (s.complete && s.naturalWidth > 0); }");
                            SHOTS.page(p, name);
                        }
                    });
            assertEquals("complete", test.end, "screens: " + test.screens);
            assertEquals(Set.of("session2", "session2-similar"), shots, "both tests were seen: " + test.screens);
            assertEquals(1, test.reloaded.size(), "reloaded once, during the old-similar-new test");
        }

        int total = design.size();
        try (Connection db = db()) {
            Map<Integer, PhasePageSteps.Stored> rows = exactlyOnce(stored(db, SLUG, PID), 0, total);
            for (PhasePageSteps.Stored r : rows.values()) {
                Designed d = design.get(r.position());
                assertEquals(d.phase(), r.phase(), r.toString());
                assertEquals(List.of("continuous", "old-new", "old-similar-new").get(d.phase() - 1), r.task(), r.toString());
                if (r.position() == reloadAt) {
                    assertEquals("display", r.interrupted(), "the reload cut this image: " + r);
                    assertEquals(null, r.answer(), r.toString());
                } else if (d.phase() > 1) {
                    assertEquals(null, r.interrupted(), r.toString());
                    assertEquals(expectedAnswer(d), r.answer(), r.toString());
                }
            }
            long answered = rows.values().stream().filter(r -> r.phase() == 1 && r.responded() && "target".equals(design.get(r.position()).kind())).count();
            assertTrue(answered >= 3, "Space on most of the game's 4 repeats: " + answered);
            assertTrue(rows.values().stream().anyMatch(r -> r.boxes() > 0), "a box was drawn after a repeat in the game");
        }

        Map<String, byte[]> files = export(SLUG, "desktop");
        List<Map<String, String>> responses = csv(files.get("responses.csv"));
        Roles roles = roles(files, responses);
        assertEquals(List.of(20, 7, 7), List.of(roles.phase(1).size(), roles.phase(2).size(), roles.phase(3).size()),
                "20 game trials, then 2 targets, 2 lures and 3 foils in each test");
        for (Map<String, String> r : roles.phase(2)) {
            assertEquals(List.of("old-new", "2", "6"), List.of(r.get("task"), r.get("session"), r.get("confidence_levels")), r.toString());
            roles.assertTestRole(r);
            assertEquals("target".equals(r.get("kind")) ? "old" : "new", r.get("answer"), r.toString());
        }
        for (Map<String, String> r : roles.phase(3)) {
            assertEquals(List.of("old-similar-new", "2", ""), List.of(r.get("task"), r.get("session"), r.get("confidence_levels")), r.toString());
            roles.assertTestRole(r);
            boolean cut = r.get("trial_index").equals(Integer.toString(reloadAt));
            assertEquals(cut ? "display" : "", r.get("interrupted"), r.toString());
            assertEquals(cut ? "" : expectedAnswer(design.get(Integer.parseInt(r.get("trial_index")))), r.get("answer"), r.toString());
        }
        assertEquals(Map.of("target", 2L, "lure", 2L, "foil", 3L), kindCounts(roles.phase(3)), "the old-similar-new test's roles");
        assertSessions(files);
        String sequences = new Http(base()).get("admin/files/" + SLUG + "/sequences.csv", "admin", Deployments.ADMIN_PASSWORD).body();
        List<Map<String, String>> lists = csv(sequences.getBytes(StandardCharsets.UTF_8));
        assertTrue(sequences.lines().findFirst().orElseThrow().contains(",phase,"), sequences.lines().findFirst().orElseThrow());
        assertEquals(List.of("1", "2", "3"), lists.stream().map(r -> r.get("phase")).distinct().sorted().toList());

        Map<Integer, Map<String, String>> scores = analyse("desktop");
        Map<String, String> oldNew = scores.get(2);
        assertEquals(List.of("old-new", "2", "2", "3"), List.of(oldNew.get("task"), oldNew.get("targets"), oldNew.get("lures"), oldNew.get("foils")), oldNew.toString());
        assertEquals(1.0, Double.parseDouble(oldNew.get("hit_rate")), 1e-12, oldNew.toString());
        assertEquals(0.0, Double.parseDouble(oldNew.get("false_alarm_rate")), 1e-12, oldNew.toString());
        Map<String, String> similar = scores.get(3);
        assertEquals(List.of("old-similar-new", "2", "2", "2"), List.of(similar.get("task"), similar.get("targets"), similar.get("lures"),
                similar.get("foils")), "the foil cut by the reload is left out: " + similar);
        // every lure called similar and no foil: LDI = p(similar | lure) - p(similar | foil) = 1; every target old and
        // no foil: REC = p(old | target) - p(old | foil) = 1 (Stark et al. 2013)
        assertEquals(1.0, Double.parseDouble(similar.get("ldi")), 1e-12, similar.toString());
        assertEquals(1.0, Double.parseDouble(similar.get("rec")), 1e-12, similar.toString());
        System.out.println("game-then-test (desk): " + roles.phase(1).size() + " game rows, " + roles.phase(2).size() + " old-new rows, "
                + roles.phase(3).size() + " old-similar-new rows (reload at " + reloadAt + ")");
    }

    /**
     * A second study on a phone (390 x 844 CSS px, DPR 2, touch): the design page at that size builds [game with boxes;
     * 2AFC with 6 confidence points a day later]; session 1's game is played by taps on Repeat! and the box is drawn with a
     * finger (touch events through Chromium's input pipeline, not a mouse), "Part 1 of 2 done", then session 2's 2AFC
     * choices and confidence are tapped, with a reload between a choice and its confidence. On the practice, the stream,
     * the box tool, "Part 1 of 2 done" and every test screen each visible button lies inside the window (nothing to
     * scroll to; consent, instructions and the debrief are text that may scroll). Each trial is stored once, the game's
     * with its box; the export's 2AFC rows pair each game target with its unseen partner or a new image.
     */
    @Test
    @Order(2)
    void onAPhoneTheGameByTouchThenATwoAfcTestByTaps() throws Exception {
        String pilotUrl = pilotUrl(PHONE_SLUG);
        clockOffset(CLOCK, 3 * DAY);
        List<String> outside = new ArrayList<>();
        Map<Integer, Designed> design;
        int reloadAt;
        try (BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true))) {
            Page page = context.newPage();
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PHONE_PID + "&STUDY_ID=PART1&SESSION_ID=P1&engram_test=1");
            playTheGame(page, true, outside);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"), page.locator("main").textContent());
            outside.addAll(PhasePageSteps.controlsOutsideTheWindow(page));
            SHOTS.page(page, "phone-part1-done");

            clockOffset(CLOCK, 4 * DAY + 600);
            design = designed(PHONE_SLUG, PHONE_PID);
            reloadAt = positions(design, 2).get(1);
            page.navigate(pilotUrl + "&PROLIFIC_PID=" + PHONE_PID + "&STUDY_ID=PART2&SESSION_ID=P2&engram_test=1&session=2");
            Set<String> shots = new HashSet<>();
            PhasePageSteps.Walk test = walk(page, (position, enabled) -> answerOf(design.get(position)),
                    List.of(new PhasePageSteps.Reload(reloadAt, "confidence")), true, (screen, p) -> {
                        if (screen.startsWith("task-")) {
                            outside.addAll(PhasePageSteps.controlsOutsideTheWindow(p).stream().map(c -> screen + ": " + c).toList());
                        }
                        String name = screen.startsWith("task-2afc") ? (screen.contains("+confidence") ? "confidence" : screen.contains("+") ? "" : "test") : "";
                        if (!name.isEmpty() && shots.add(name)) {
                            p.waitForFunction("() => [...document.querySelectorAll('[data-testid^=stimulus]')]"
                                    + ".every((s) => !(s instanceof HTMLImageElement) || (s.complete && s.naturalWidth > 0))");
                            SHOTS.page(p, "phone-session2-" + name);
                        }
                    });
            assertEquals("complete", test.end, "screens: " + test.screens);
            assertTrue(shots.contains("test") && shots.contains("confidence"), "the 2AFC test and its scale were seen: " + test.screens);
            assertEquals(1, test.reloaded.size(), "reloaded once, between a choice and its confidence");
        }
        assertEquals(List.of(), outside, "every button of the game, the box tool, the test and 'Part 1 of 2 done' lies inside the phone's window");
        try (Connection db = db()) {
            Map<Integer, PhasePageSteps.Stored> rows = exactlyOnce(stored(db, PHONE_SLUG, PHONE_PID), 0, design.size());
            long tapped = rows.values().stream().filter(r -> r.phase() == 1 && r.responded() && "target".equals(design.get(r.position()).kind())).count();
            assertTrue(tapped >= 2, "Repeat! tapped on most of the game's 4 repeats: " + tapped);
            assertTrue(rows.values().stream().anyMatch(r -> r.phase() == 1 && r.boxes() > 0), "a box drawn by touch was stored with its game trial");
            for (PhasePageSteps.Stored r : rows.values()) {
                Designed d = design.get(r.position());
                if (d.phase() == 2) {
                    assertEquals("2afc", r.task(), r.toString());
                    assertEquals(d.side(), r.choiceSide(), "the studied image's side was tapped: " + r);
                    assertEquals(d.image(), r.chosenImageId(), r.toString());
                    assertTrue(r.confidence() != null, "a confidence tapped: " + r);
                    assertEquals(r.position() == reloadAt ? "display" : null, r.interrupted(), "the choice kept over the reload: " + r);
                }
            }
        }

        Map<String, byte[]> files = export(PHONE_SLUG, "phone");
        List<Map<String, String>> responses = csv(files.get("responses.csv"));
        Roles roles = roles(files, responses);
        assertEquals(List.of(20, 4), List.of(roles.phase(1).size(), roles.phase(2).size()), "20 game trials, then 4 2AFC trials");
        for (Map<String, String> r : roles.phase(2)) {
            assertEquals(List.of("2afc", "2", "6", ""), List.of(r.get("task"), r.get("session"), r.get("confidence_levels"), r.get("answer")), r.toString());
            roles.assertChoiceRole(r);
            Designed d = design.get(Integer.parseInt(r.get("trial_index")));
            assertEquals(List.of(d.kind(), d.image(), d.alternative(), d.side()),
                    List.of(r.get("kind"), r.get("image_id"), r.get("alternative_image_id"), r.get("target_side")), "as designed: " + r);
            assertEquals(List.of(r.get("target_side"), r.get("image_id"), "1"), List.of(r.get("choice_side"), r.get("chosen_image_id"), r.get("responded")),
                    "the studied image chosen: " + r);
            assertEquals(r.get("trial_index").equals(Integer.toString(reloadAt)) ? "display" : "", r.get("interrupted"), r.toString());
        }
        assertEquals(Map.of("lure", 3L, "foil", 1L), kindCounts(roles.phase(2)), "3 game targets beside their unseen partner, 1 beside a new image");
        assertSessions(files);

        Map<String, String> choice = analyse("phone").get(2);
        assertEquals(List.of("2afc", "3", "3"), List.of(choice.get("task"), choice.get("choices"), choice.get("correct")),
                "the choice cut by the reload is left out: " + choice);
        assertEquals(1.0, Double.parseDouble(choice.get("proportion_correct")), 1e-12, choice.toString());
    }

    /** The answer's data-testid for a designed trial: the right one for its role (2AFC: the studied image's side). */
    private static String answerOf(Designed d) {
        return switch (d.phase()) {
            case 1 -> null;
            default -> d.side() != null ? "choice-" + d.side() : "answer-" + expectedAnswer(d);
        };
    }

    /** The right answer of an old-new (phase 2 at the desk) or old-similar-new (phase 3) trial. */
    private static String expectedAnswer(Designed d) {
        return switch (d.kind()) {
            case "target" -> "old";
            case "lure" -> d.phase() == 3 ? "similar" : "new";
            default -> "new";
        };
    }

    /** The pilot link of a study, built on the design page the first time a test asks for it. */
    private synchronized String pilotUrl(String slug) {
        return PILOT_URLS.computeIfAbsent(slug, s -> buildOnTheDesignPage(s, PHONE_SLUG.equals(s)));
    }

    /**
     * Creates the experiment, sets a small game on the sequence design card and builds the phases with the continuous
     * game in row 1: at a desk old-new (6 points) and old-similar-new 1 to 2 days later; at a phone's size (390 x 844) a
     * 2AFC test (6 points) 1 to 2 days later. Checks that the Phases card names the game's Sequence design values before and
     * after building, and that the Sequence design card shows the built game; the pilot link.
     */
    private String buildOnTheDesignPage(String slug, boolean phone) {
        try (BrowserContext context = phone
                ? CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD, new Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2))
                : CHROMIUM.admin(base())) {
            Page page = context.newPage();
            page.navigate(url("admin/index.xhtml"));
            byId(page, "create:slug").fill(slug);
            byId(page, "create:title").fill(phone ? "The game, then a 2AFC test" : "The game, then two tests");
            byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo (48 images)"));
            page.waitForNavigation(() -> byId(page, "create:submit").click());

            WorkspacePages.fillDesign(page, 2, 20, 4, 2, 0, 14);
            byId(page, "designForm:maxLag").fill("10");
            byId(page, "designForm:displayMs").fill("700");
            byId(page, "designForm:isiMs").fill("300");
            page.waitForNavigation(() -> byId(page, "designForm:generate").click());
            assertTrue(page.locator("ul.messages").textContent().contains("Generated 2 sequences"), page.locator("main").textContent());

            // the task menus re-render their row's options by ajax, queued in order: the last one's game line is the sign
            // that every one has come back (a field filled before its row came back would be replaced)
            if (phone) {
                byId(page, "phasesForm:phaseList:1:task").selectOption("2afc");
            } else {
                page.waitForNavigation(() -> byId(page, "phasesForm:addPhase").click());
                byId(page, "phasesForm:phaseList:2:task").selectOption("old-similar-new");
            }
            assertEquals(0, page.locator("[data-testid=phases-game]").count(), "no game line while row 1 is a study phase");
            byId(page, "phasesForm:phaseList:0:task").selectOption("continuous");
            page.locator("[data-testid=phases-game]").waitFor();
            String line = (String) page.evaluate("() => document.querySelector('[data-testid=phases-game]').textContent.replace(/\\s+/g, ' ')");
            assertTrue(line.contains("uses the Sequence design card: " + GAME + ". Its number of lists and its seed are this card's")
                    && line.contains("last generated there"), line);
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
            byId(page, "phasesForm:foilsPerTest").fill(phone ? "1" : "3");
            byId(page, "phasesForm:phaseSeed").fill("14");
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String messages = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(messages.contains("Built 2 lists"), messages + "\n" + page.locator("[data-testid=phase-problems]").textContent());
            assertEquals(phone ? List.of("continuous", "2afc") : List.of("continuous", "old-new", "old-similar-new"),
                    page.evaluate("() => [...document.querySelectorAll('select[id$=\":task\"]')].map(s => s.value)"));
            assertTrue(byId(page, "phasesForm:phaseList:0:boxes").isChecked(), "the game keeps its boxes");
            @SuppressWarnings("unchecked")
            Map<String, Object> built = (Map<String, Object>) page.evaluate("""
                    () => ({ line: document.querySelector('[data-testid=phases-game]')?.textContent.replace(/\\s+/g, ' ') || '',
                             card: ['length', 'repeats', 'minLag', 'maxLag', 'vigilanceRepeats', 'displayMs', 'isiMs']
                                 .map((id) => document.getElementById('designForm:' + id).value).join(' '),
                             target: document.querySelector('[data-testid=phases-game-link]')?.getAttribute('href') || '',
                             gameOptions: document.getElementById('phasesForm:phaseList:0:options').textContent.replace(/\s+/g, ' ').trim() })""");
            assertTrue(((String) built.get("line")).contains(GAME) && ((String) built.get("line")).contains("go back to the continuous game"), built.toString());
            assertEquals("20 4 2 10 0 700 300", built.get("card"), "the Sequence design card shows the game the phases were built with");
            assertEquals("#sequence-design", built.get("target"));
            assertEquals("boxes after a spotted repeat", built.get("gameOptions"), "the game's box option in the game's words");
            // the practice picker above fills its thumbnail grid (at most 17rem high) after the page has loaded, which
            // moves the Phases card down: the region is measured once the grid is there
            page.waitForFunction("() => /shown|No image|Could not/.test(document.querySelector('.pick-status')?.textContent ?? 'shown')");
            if (phone) {
                SHOTS.region(page, "phone-design", "[data-testid=phases]", "[data-testid=phases-game]");
            } else {
                SHOTS.region(page, "design", "[data-testid=phases-card]");
            }
            page.locator("[data-testid=phases-game-link]").click();
            page.waitForFunction("() => { const top = document.getElementById('sequence-design').getBoundingClientRect().top;"
                    + " return location.hash === '#sequence-design' && top > -2 && top < innerHeight / 2; }");
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
        long deadline = System.currentTimeMillis() + 600_000;
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

    /** One position of a run's list as designed: phase, image, kind, and on 2AFC trials the alternative and the studied side. */
    private record Designed(int phase, String image, String kind, String alternative, String side) {
    }

    /** The designed positions of the pilot's list. */
    private static Map<Integer, Designed> designed(String slug, String pid) throws SQLException {
        Map<Integer, Designed> design = new HashMap<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT si.trial_index, si.phase, si.image_id, si.kind,"
                + " si.alternative_image_id, si.target_side FROM sequence_item si"
                + " JOIN experiment e ON si.experiment_id = e.id JOIN run r ON r.experiment_id = e.id AND r.sequence_id = si.sequence_id"
                + " WHERE e.slug = ? AND r.prolific_pid = ?")) {
            q.setString(1, slug);
            q.setString(2, pid);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    design.put(rs.getInt(1), new Designed(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return design;
    }

    /** The positions of a phase, in order. */
    private static List<Integer> positions(Map<Integer, Designed> design, int phase) {
        return design.entrySet().stream().filter(e -> e.getValue().phase() == phase).map(Map.Entry::getKey).sorted().toList();
    }

    /** The export of a study's pilot runs, saved as target/it-data/…/export-NAME.zip; its files by name. */
    private Map<String, byte[]> export(String slug, String name) throws Exception {
        Http.Reply export = new Http(base()).get("api/experiments/" + slug + "/export?images=false&pilot=true", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, export.status(), export.body());
        Path zip = DATA.toPath().resolve("export-" + name + ".zip");
        Files.write(zip, export.raw().body());
        return StimulusZip.read(zip);
    }

    /**
     * {@code engram analyse} on the saved export (exit 0) and its recognition/participants.csv: the one participant's
     * row of each test phase over all its trials, by phase.
     */
    private static Map<Integer, Map<String, String>> analyse(String name) throws Exception {
        Path out = DATA.toPath().resolve("analysis-" + name);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int exit = engram.analysis.cli.AnalyseMain.run(new String[] {"--export", DATA.toPath().resolve("export-" + name + ".zip").toString(),
            "--out", out.toString(), "--splits", "10", "--threads", "1"}, new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, log.toString(StandardCharsets.UTF_8));
        Map<Integer, Map<String, String>> byPhase = new HashMap<>();
        for (Map<String, String> row : csv(Files.readAllBytes(out.resolve("recognition/participants.csv")))) {
            if (row.get("group_by").equals("all")) {
                assertTrue(byPhase.put(Integer.parseInt(row.get("phase")), row) == null, "one participant: " + row);
            }
        }
        return byPhase;
    }

    /** How many rows of each kind. */
    private static Map<String, Long> kindCounts(List<Map<String, String>> rows) {
        return rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.get("kind"), java.util.stream.Collectors.counting()));
    }

    /** sessions.csv: both sessions completed, session 2's delay inside its window of 1 to 2 days. */
    private static void assertSessions(Map<String, byte[]> files) {
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
    }

    /** The export's rows of one run read as an analyst would: by phase, with the game's showings and the manifest's pairs. */
    private static Roles roles(Map<String, byte[]> files, List<Map<String, String>> responses) {
        assertEquals(responses.size(), responses.stream().map(r -> r.get("trial_index")).distinct().count(), "each trial once");
        assertEquals(1, responses.stream().map(r -> r.get("participant_id")).distinct().count(), "one run");
        Map<String, String> pairs = new HashMap<>();
        for (Map<String, String> m : csv(files.get("manifest.csv"))) {
            pairs.put(m.get("image_id"), m.get("pair_id"));
        }
        Roles roles = new Roles(responses, pairs);
        for (Map<String, String> r : roles.phase(1)) {
            assertEquals(List.of("continuous", "1", "", ""), List.of(r.get("task"), r.get("session"), r.get("lure_type"), r.get("answer")), r.toString());
        }
        return roles;
    }

    /** A run's export rows with what the game showed: the lure, target and foil rules of docs/sequences.md. */
    private record Roles(List<Map<String, String>> responses, Map<String, String> pairs) {

        List<Map<String, String>> phase(int phase) {
            return responses.stream().filter(r -> r.get("phase").equals(Integer.toString(phase))).toList();
        }

        /** The game's target images, each with the trial index of its second showing. */
        Map<String, Integer> gameTargets() {
            Map<String, Integer> targets = new HashMap<>();
            for (Map<String, String> r : phase(1)) {
                if (r.get("kind").equals("target") && r.get("presentation").equals("2")) {
                    targets.put(r.get("image_id"), Integer.parseInt(r.get("trial_index")));
                }
            }
            assertEquals(4, targets.size(), "the game's 4 repeated targets");
            return targets;
        }

        boolean shownInTheGame(String image) {
            return phase(1).stream().anyMatch(r -> r.get("image_id").equals(image));
        }

        /** The other member of a pair. */
        String partner(String image) {
            String pair = pairs.get(image);
            assertTrue(pair != null && !pair.isEmpty(), image + " is paired");
            List<String> other = pairs.entrySet().stream().filter(e -> pair.equals(e.getValue()) && !e.getKey().equals(image)).map(Map.Entry::getKey).toList();
            assertEquals(1, other.size(), "pair " + pair);
            return other.get(0);
        }

        /** An old-new or old-similar-new row: a target is a game target (lag back to its second showing), a lure its partner the game never showed, a foil an unpaired image it never showed. */
        void assertTestRole(Map<String, String> r) {
            String image = r.get("image_id");
            Map<String, Integer> targets = gameTargets();
            switch (r.get("kind")) {
                case "target" -> {
                    assertTrue(targets.containsKey(image), "a target is one of the game's targets: " + r);
                    assertEquals(List.of("2", Integer.toString(Integer.parseInt(r.get("trial_index")) - targets.get(image)), "same_scene"),
                            List.of(r.get("presentation"), r.get("lag"), r.get("lure_type")), r.toString());
                }
                case "lure" -> {
                    assertTrue(targets.containsKey(partner(image)), "a lure is the partner of a game target: " + r);
                    assertFalse(shownInTheGame(image), "the game never showed the lure: " + r);
                    assertEquals(List.of("1", "", "same_scene"), List.of(r.get("presentation"), r.get("lag"), r.get("lure_type")), r.toString());
                }
                case "foil" -> {
                    assertEquals("", pairs.get(image), "a foil is unpaired: " + r);
                    assertFalse(shownInTheGame(image), "the game never showed the foil: " + r);
                    assertEquals(List.of("1", ""), List.of(r.get("presentation"), r.get("lure_type")), r.toString());
                }
                default -> throw new AssertionError("kind " + r);
            }
        }

        /** A 2AFC row: the studied image a game target (lag back to its second showing), beside its unseen partner (lure) or an unseen unpaired image (foil). */
        void assertChoiceRole(Map<String, String> r) {
            String image = r.get("image_id");
            String alternative = r.get("alternative_image_id");
            Map<String, Integer> targets = gameTargets();
            assertTrue(targets.containsKey(image), "the studied image is one of the game's targets: " + r);
            assertEquals(List.of("2", Integer.toString(Integer.parseInt(r.get("trial_index")) - targets.get(image))),
                    List.of(r.get("presentation"), r.get("lag")), r.toString());
            assertFalse(shownInTheGame(alternative), "the game never showed the alternative: " + r);
            switch (r.get("kind")) {
                case "lure" -> assertEquals(List.of(partner(image), "same_scene"), List.of(alternative, r.get("lure_type")), r.toString());
                case "foil" -> assertEquals(List.of("", ""), List.of(pairs.get(alternative), r.get("lure_type")), "an unpaired new image: " + r);
                default -> throw new AssertionError("kind " + r);
            }
        }
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
