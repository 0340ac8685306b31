package engram.it;

import static engram.it.PhasePageSteps.clockOffset;
import static engram.it.PhasePageSteps.exactlyOnce;
import static engram.it.PhasePageSteps.stored;
import static engram.it.PhasePageSteps.walk;
import static engram.it.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;

/**
 * Issue 14's game-then-test design in real headless Chromium (docs/sequences.md, "The game, then a test of its
 * images"): the experimenter builds [continuous game with boxes in session 1, old-new with confidence 1 to 2 days later]
 * on the design page (continuous chosen in row 1 of the Phases card); a pilot participant plays the small game (Space
 * on repeats, a box after each, one reload mid-game), gets "Part 1 of 2 done", the server's clock moves a day on, and
 * session 2's old-new test of the game's images runs to its end. The export holds each game and test trial once with
 * its phase and session, sequences.csv its phase columns, sessions.csv the delay. With {@code -Dengram.screenshots=DIR}
 * it writes game-then-test-design.png and game-then-test-session2.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GameThenTestIT extends ChromiumDeployment {

    private static final String SLUG = "game-test";
    private static final String PID = "GAMEPILOT1";
    private static final long DAY = 86_400;
    private static final File DATA = new File("target/it-data/game-test-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    private static final Screenshots SHOTS = Screenshots.fromSystemProperty("game-then-test-");
    private static final List<String> BUTTONS = List.of("consent-accept", "start-practice", "practice-continue", "practice-repeat", "start-stream",
            "phase-start", "break-continue");

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
    void theGameInSessionOneThenAnOldNewTestOfItsImagesADayLater() throws Exception {
        String pilotUrl = buildOnTheDesignPage();
        Map<Integer, String> kinds;
        String link = pilotUrl + "&PROLIFIC_PID=" + PID + "&STUDY_ID=PART1&SESSION_ID=S1&engram_test=1";
        try (BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(link);
            playTheGame(page);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"), page.locator("main").textContent());

            clockOffset(CLOCK, DAY + 600);
            kinds = kinds();
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
     * Plays session 1 to its end screen: the buttons between screens, Space on each repeat (in the practice too), a box
     * whenever the box tool opens, one reload at the game's 9th trial.
     */
    private static void playTheGame(Page page) {
        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        boolean reloaded = false;
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String screen = (String) page.evaluate("() => document.body.dataset.screen || ''");
            if (PhasePageSteps.ENDINGS.contains(screen)) {
                assertEquals("session-done", screen, page.locator("main").textContent());
                assertTrue(reloaded, "the page was reloaded mid-game");
                return;
            }
            if (ParticipantSteps.boxToolOpen(page)) {
                ParticipantSteps.drawBox(page);
                continue;
            }
            String button = BUTTONS.stream().filter(b -> ParticipantSteps.visible(page, b)).findFirst().orElse(null);
            if (button != null) {
                page.locator("[data-testid=" + button + "]").first().click();
                continue;
            }
            Map<String, Object> shown = ParticipantSteps.stimulus(page);
            if (!reloaded && shown != null && ((Number) shown.get("position")).intValue() >= 8) {
                reloaded = true;
                page.reload();
                continue;
            }
            repeats.pressSpaceOnRepeat(page);
            page.waitForTimeout(40);
        }
        throw new AssertionError("session 1 did not end within 180 s; screen " + page.evaluate("() => document.body.dataset.screen"));
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }

    /** The designed kind of each position of the pilot's list (target, filler, lure, foil). */
    private static Map<Integer, String> kinds() throws SQLException {
        Map<Integer, String> kinds = new HashMap<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT si.trial_index, si.kind FROM sequence_item si"
                + " JOIN experiment e ON si.experiment_id = e.id JOIN run r ON r.experiment_id = e.id AND r.sequence_id = si.sequence_id"
                + " WHERE e.slug = ? AND r.prolific_pid = ?")) {
            q.setString(1, SLUG);
            q.setString(2, PID);
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
