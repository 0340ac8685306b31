package engram.run;

import static engram.testing.PhasePageSteps.clockOffset;
import static engram.testing.PhasePageSteps.exactlyOnce;
import static engram.testing.PhasePageSteps.stored;
import static engram.testing.PhasePageSteps.walk;
import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
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
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;

import engram.analysis.cli.AnalyseMain;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.PhasePageSteps;
import engram.testing.Screenshots;
import engram.testing.StimulusZip;
import engram.testing.WorkspacePages;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Issue 14's walk-throughs in real headless Chromium, with the server's clock moved by the test instead of waiting
 * (docs/walkthrough-two-session.md). First demo-recognition as a participant does it by hand: session 1, "Part 1 of 2
 * done" (its code and Return to Prolific inside a phone's window, sideways or upright), the session link too early, then
 * 2 minutes later the 2AFC test and the end; its export carries the demo set's lure_type. Then a two-session study from scratch: the
 * experimenter builds study + old-new with confidence one to two days later on the design page, pilots both sessions and
 * launches; a participant does session 1, comes back too early, the Sessions due view and the allowlist, the return within
 * the window, the export (responses.csv's phase columns, sessions.csv's delay_s) and {@code engram analyse}'s recognition/
 * files. With {@code -Dengram.screenshots=DIR} it writes the walk-through's screenshots (walkthrough-NAME.png).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoSessionWalkthroughIT extends ChromiumDeployment {

    static final String SLUG = "two-session";
    private static final File DATA = new File("target/it-data/walkthrough-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    private static final Path WORK = Path.of("target/walkthrough").toAbsolutePath();
    private static final Screenshots SHOTS = Screenshots.fromSystemProperty("walkthrough-");
    private static final long DAY = 86_400;
    /**
     * Seconds the server's clock is ahead of the real one. The participant page counts "in about …" from the browser's own
     * clock, so the clock goes back to the real time before each participant's first session.
     */
    private static long offset;
    /** The end-of-part-1 and too-early codes as the experiment page shows them. */
    private static String partOneCode;
    private static String tooEarlyCode;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @BeforeAll
    static void clockAtZero() throws IOException {
        clockOffset(CLOCK, 0);
        Files.createDirectories(WORK);
    }

    @AfterAll
    static void clockBack() {
        clockOffset(CLOCK, 0);
    }

    private static void advance(long seconds) {
        offset += seconds;
        clockOffset(CLOCK, offset);
    }

    private static void realTime() {
        offset = 0;
        clockOffset(CLOCK, 0);
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }

    private String link(String slug, String pid, String study, boolean session2) {
        return url("run/" + slug + "?PROLIFIC_PID=" + pid + "&STUDY_ID=" + study + "&SESSION_ID=S-" + pid + "-" + study
                + "&engram_test=1" + (session2 ? "&session=2" : ""));
    }

    private Http http() {
        return new Http(base());
    }

    private BrowserContext desktop() {
        return CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /** The designed trials of a participant's list: position → {kind, target_side}. */
    private static Map<Integer, String[]> design(String slug, String pid) throws SQLException {
        Map<Integer, String[]> rows = new HashMap<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement("SELECT si.trial_index, si.kind, si.target_side FROM sequence_item si"
                + " JOIN experiment e ON si.experiment_id = e.id JOIN run r ON r.experiment_id = e.id AND r.sequence_id = si.sequence_id"
                + " WHERE e.slug = ? AND r.prolific_pid = ?")) {
            q.setString(1, slug);
            q.setString(2, pid);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return rows;
    }

    /** Whether the element lies wholly inside the window now (one evaluate, no waiting). */
    private static boolean inWindow(Page page, String testId) {
        return Boolean.TRUE.equals(page.evaluate("(id) => { const e = document.querySelector('[data-testid=' + id + ']'); if (!e) return false;"
                + " const r = e.getBoundingClientRect(); return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }", testId));
    }

    /**
     * On a phone, sideways (844 x 390), upright (390 x 844) and a small Android (360 x 640), the screen's code and its
     * Return to Prolific button are in the window, unscrolled.
     */
    private static void codeAndReturnInPhoneWindows(Page page, String name) {
        for (int[] window : List.of(new int[] {844, 390}, new int[] {390, 844}, new int[] {360, 640})) {
            page.setViewportSize(window[0], window[1]);
            page.evaluate("() => window.scrollTo(0, 0)");
            String where = window[0] + " x " + window[1];
            assertTrue(inWindow(page, "completion-code"), name + ": the code is in the " + where + " window");
            assertTrue(inWindow(page, "redirect-link"), name + ": Return to Prolific is in the " + where + " window");
            if (window[0] != 360) {
                PhasePageSteps.shot(page, (window[0] > window[1] ? "landscape-" : "portrait-") + name);
            }
        }
        page.setViewportSize(1280, 800);
        PhasePageSteps.shot(page, "desktop-" + name);
    }

    /**
     * demo-recognition as a participant does it: consent, instructions, 8 images of 2 s, "Part 1 of 2 done"; the session
     * link at once is too early; 2 minutes later (the clock moved) the 8 forced choices and the end screen. The wall time
     * of each session is printed (the 2-minute wait is not slept). Another participant who comes back after the 2-day
     * window gets the too-late screen. On a phone (sideways, upright, small) each of the three screens keeps its code and
     * Return to Prolific in the window. The export's 2AFC rows against a lure carry the demo set's lure_type, and the analysis
     * reports it.
     */
    @Test
    @Order(1)
    void demoRecognitionByHand() throws Exception {
        String slug = "demo-recognition";
        String pid = "WALKDEMO1";
        try (BrowserContext context = desktop()) {
            Page page = context.newPage();
            long t0 = System.nanoTime();
            page.navigate(link(slug, pid, "DEMOPART1", false));
            PhasePageSteps.Walk first = walk(page, (position, enabled) -> null, List.of(), false, null);
            long t1 = System.nanoTime();
            assertEquals("session-done", first.end, "screens: " + first.screens);
            assertTrue(page.locator("[data-testid=next-session]").textContent().contains("Part 2"));
            codeAndReturnInPhoneWindows(page, "session-done");

            page.navigate(link(slug, pid, "DEMOPART2", true));
            page.waitForFunction("() => document.body.dataset.screen === 'session-too-early'");
            codeAndReturnInPhoneWindows(page, "session-too-early");

            advance(130);
            Map<Integer, String[]> design = design(slug, pid);
            long t2 = System.nanoTime();
            page.navigate(link(slug, pid, "DEMOPART2", true));
            // the studied image, except on the first trial against a lure (fooled by the pair's other member)
            int fooled = design.entrySet().stream().filter(e -> e.getKey() >= 8 && "lure".equals(e.getValue()[0]))
                    .mapToInt(Map.Entry::getKey).min().orElseThrow();
            PhasePageSteps.Walk second = walk(page, (position, enabled) ->
                    "choice-" + (design.get(position)[1].equals("left") != (position == fooled) ? "left" : "right"), List.of(), false, null);
            long t3 = System.nanoTime();
            assertEquals("complete", second.end, "screens: " + second.screens);
            System.out.printf("walk-through: demo-recognition session 1 took %.1f s, session 2 %.1f s in Chromium (plus the 120 s wait, moved on the clock)%n",
                    (t1 - t0) / 1e9, (t3 - t2) / 1e9);
            Map<Integer, PhasePageSteps.Stored> rows;
            try (Connection db = db()) {
                rows = exactlyOnce(stored(db, slug, pid), 0, 16);
            }
            rows.values().stream().filter(r -> r.position() >= 8).forEach(r -> assertEquals("2afc", r.task(), r.toString()));

            // another participant does part 1 (over the API) and comes back after the 2-day window: too late
            JsonObject waiting = play(Json.createObjectBuilder().add("experiment", slug).add("prolificPid", "WALKDEMO2").add("studyId", "DEMOPART1")
                    .add("sessionId", "S-WALKDEMO2-DEMOPART1"), null);
            assertEquals("WAITING", waiting.getString("state"), waiting.toString());
            advance(2 * DAY + 300);
            page.navigate(link(slug, "WALKDEMO2", "DEMOPART2", true));
            page.waitForFunction("() => document.body.dataset.screen === 'session-too-late'");
            codeAndReturnInPhoneWindows(page, "session-too-late");
        }

        Http.Reply export = http().get("api/experiments/" + slug + "/export?images=false", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, export.status());
        Path zip = WORK.resolve("demo-recognition-export.zip");
        Files.write(zip, export.raw().body());
        Map<String, byte[]> files = StimulusZip.read(zip);
        List<Map<String, String>> responses = csv(files.get("responses.csv"));
        List<Map<String, String>> test = responses.stream().filter(r -> r.get("task").equals("2afc")).toList();
        assertEquals(8, test.size());
        for (Map<String, String> r : test) {
            assertEquals(r.get("kind").equals("lure") ? "same_scene" : "", r.get("lure_type"), "lure_type of " + r);
        }
        Path out = WORK.resolve("demo-recognition-analysis");
        analyse(zip, out);
        String images = Files.readString(out.resolve("recognition/images.csv"));
        assertTrue(images.contains(",same_scene,"), "the analysis reports the lure type: " + images);
        System.out.println("walk-through: demo-recognition recognition/images.csv\n" + images);
        System.out.println("walk-through: demo-recognition recognition/summary.csv\n" + Files.readString(out.resolve("recognition/summary.csv")));
    }

    /**
     * The experimenter creates the study from the demo set and builds its phases on the design page: study (1.5 s per
     * image) in session 1, old-new with a 6-point confidence scale in session 2, 1 to 2 days after session 1 ends; 2
     * lists of 6 studied pairs and 4 new images per test. A pilot takes both sessions (the clock moved a day), then the
     * study goes live.
     */
    @Test
    @Order(2)
    void theExperimenterBuildsTheTwoSessionsAndLaunches() {
        realTime();
        try (BrowserContext context = CHROMIUM.admin(base())) {
            Page page = context.newPage();
            page.navigate(url("admin/index.xhtml"));
            byId(page, "create:slug").fill(SLUG);
            byId(page, "create:title").fill("Two-session recognition");
            byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo (48 images)"));
            page.waitForNavigation(() -> byId(page, "create:submit").click());
            assertTrue(page.url().endsWith("/admin/design.xhtml?slug=" + SLUG), page.url());

            assertEquals(List.of("study", "old-new"), page.evaluate("() => [...document.querySelectorAll('select[id$=\":task\"]')].map(s => s.value)"),
                    "a study phase and an old-new test to start from");
            byId(page, "phasesForm:phaseList:0:displayMs").fill("1500");
            byId(page, "phasesForm:phaseList:1:newSession").check();
            byId(page, "phasesForm:phaseList:1:delayMin").fill("1");
            var second = page.locator("[data-testid=phases] tbody tr").nth(1);
            second.locator("select[aria-label=Unit]").first().selectOption("days");
            byId(page, "phasesForm:phaseList:1:delayMax").fill("2");
            second.locator("select[aria-label=Unit]").nth(1).selectOption("days");
            byId(page, "phasesForm:phaseList:1:confidenceLevels").fill("6");
            byId(page, "phasesForm:lists").fill("2");
            byId(page, "phasesForm:studyPairs").fill("6");
            byId(page, "phasesForm:foilsPerTest").fill("4");
            byId(page, "phasesForm:phaseSeed").fill("14");
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String messages = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(messages.contains("Built 2 lists"), messages + "\n" + page.locator("[data-testid=phase-problems]").textContent());
            SHOTS.region(page, "design-phases", "[data-testid=phases-card]");

            String pilotUrl = (String) page.evaluate("() => [...document.querySelectorAll('a')].find(a => a.textContent.includes('Try as participant')).href");
            String key = java.net.URLDecoder.decode(pilotUrl.substring(pilotUrl.indexOf("pilot=") + 6).split("&")[0], StandardCharsets.UTF_8);
            JsonObject waiting = play(Json.createObjectBuilder().add("experiment", SLUG).add("pilotKey", key).add("prolificPid", "PILOTWALK1")
                    .add("studyId", "PILOT1").add("sessionId", "PILOT1"), null);
            assertEquals("WAITING", waiting.getString("state"), waiting.toString());
            advance(DAY + 300);
            JsonObject done = play(Json.createObjectBuilder().add("experiment", SLUG).add("pilotKey", key).add("prolificPid", "PILOTWALK1")
                    .add("studyId", "PILOT2").add("sessionId", "PILOT2").add("session", 2), null);
            assertEquals("COMPLETED", done.getString("state"), done.toString());
            realTime();

            page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
            partOneCode = page.locator("[data-testid=session-code]").textContent().trim();
            tooEarlyCode = page.locator("[data-testid=too-early-code]").textContent().trim();
            assertFalse(page.locator("[data-testid=too-late-code]").textContent().isBlank());
            SHOTS.region(page, "session-codes", ".card:has([data-testid=session-codes])");
            WorkspacePages.fillInTemplates(page);
            page.waitForNavigation(() -> page.locator("[data-testid=to-pilot]").click());
            WorkspacePages.press(page, "to-live");
            assertEquals("live", page.locator("[data-testid=status]").first().textContent().trim(), page.locator("main").textContent());
            SHOTS.region(page, "live", ".page-head", ".card:has([id='lifecycle'])", ".card:has([data-testid=prolific-url])");
        }
    }

    /**
     * Plays a run over the participant API (the pilot and the second participant): consent on a new run, then every trial
     * of the session: nothing to press in the study phase; in the test "old" for a studied image, "new" for the rest,
     * except one lure taken for old, confidence 5 or 2. Returns the answer of POST …/complete.
     */
    private JsonObject play(JsonObjectBuilder start, Map<Integer, String[]> design) {
        Http http = http();
        Http.Reply opened = http.post("api/runs", start.build(), null);
        assertTrue(opened.status() == 201 || opened.status() == 200, "201 for a new run, 200 for the next session: " + opened.body());
        JsonObject run = opened.json();
        String path = "api/runs/" + run.getString("runId");
        String token = run.getString("token");
        if (run.getInt("session") == 1) {
            assertEquals(200, http.post(path + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).status());
        }
        boolean fooled = false;
        for (JsonObject t : run.getJsonArray("trials").getValuesAs(JsonObject.class)) {
            JsonObjectBuilder body = Json.createObjectBuilder().add("imageId", t.getString("imageId")).add("onsetMs", 10.0).add("offsetMs", 1510.0)
                    .add("durationMs", 1500.0).add("phase", t.getInt("phase")).add("boxes", Json.createArrayBuilder());
            if (t.getString("task").equals("study")) {
                body.add("responded", false).add("rtMs", JsonValue.NULL);
            } else {
                String kind = design == null ? "target" : design.get(t.getInt("position"))[0];
                boolean old = kind.equals("target") || kind.equals("lure") && !fooled;
                fooled |= kind.equals("lure");
                body.add("responded", true).add("rtMs", 640.0 + 10 * t.getInt("position")).add("answer", old ? "old" : "new")
                        .add("confidence", old == kind.equals("target") ? 5 : 2);
            }
            Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), body.build(), token);
            assertEquals(200, saved.status(), saved.body());
        }
        Http.Reply complete = http.post(path + "/complete", null, token);
        assertEquals(200, complete.status(), complete.body());
        return complete.json();
    }

    /**
     * A participant comes from Prolific, does session 1 (6 images) and gets "Part 1 of 2 done" with the session code;
     * opening the part 2 link at once shows when it opens and the too-early code. A second participant does session 1
     * over the API.
     */
    @Test
    @Order(3)
    void aParticipantDoesSessionOneAndComesBackTooEarly() throws Exception {
        try (BrowserContext context = desktop()) {
            Page page = context.newPage();
            page.navigate(link(SLUG, "WALK0001", "PART1", false));
            List<String> screens = new ArrayList<>();
            PhasePageSteps.Walk first = walk(page, (position, enabled) -> null, List.of(), false, (screen, p) -> {
                screens.add(screen);
                if (screen.equals("instructions")) {
                    // the phase-study templates replaced the game's untouched ones when the lists were built (issue 14)
                    String text = (String) p.evaluate("() => document.querySelector('main')?.innerText || document.body.innerText");
                    assertTrue(text.contains("Part 2") && text.contains("opens 1 day and closes 2 days after you finish part 1")
                            && text.contains("Old") && !text.contains("SPACE"), text);
                    SHOTS.page(p, "instructions");
                }
                if (screen.equals("task-study")) {
                    SHOTS.page(p, "participant-study");
                }
            });
            assertEquals("session-done", first.end, "screens: " + first.screens);
            String code = page.locator("[data-testid=completion-code]").textContent().trim();
            assertEquals(partOneCode, code, "the end-of-part-1 code the experiment page shows");
            SHOTS.page(page, "participant-session-done");
            System.out.println("walk-through: session 1 screens " + screens + ", code " + code);

            page.navigate(link(SLUG, "WALK0001", "PART2", true));
            page.waitForFunction("() => document.body.dataset.screen === 'session-too-early'");
            SHOTS.page(page, "participant-too-early");
            assertEquals(tooEarlyCode, page.locator("[data-testid=completion-code]").textContent().trim());
            System.out.println("walk-through: too early: " + page.locator("[data-testid=session-opens]").textContent().trim()
                    + " code " + page.locator("[data-testid=completion-code]").textContent().trim());
        }
        JsonObject waiting = play(Json.createObjectBuilder().add("experiment", SLUG).add("prolificPid", "WALK0002").add("studyId", "PART1")
                .add("sessionId", "S-WALK0002-PART1"), null);
        assertEquals("WAITING", waiting.getString("state"));
    }

    /**
     * The monitor's Sessions due: both participants "too early"; a day and 10 minutes later (the clock moved) both "open
     * now", and the allowlist lists them.
     */
    @Test
    @Order(4)
    void sessionsDueAndTheAllowlist() {
        try (BrowserContext context = CHROMIUM.admin(base())) {
            Page page = context.newPage();
            page.navigate(url("admin/monitor.xhtml?slug=" + SLUG));
            assertEquals(List.of("too early", "too early"), page.locator("[data-testid=due-state]").allTextContents().stream().map(String::trim).toList());
            SHOTS.region(page, "due-too-early", ".card:has([data-testid=due])");
            assertEquals(List.of("participant_id"), http().get("admin/files/" + SLUG + "/allowlist.csv", "admin", Deployments.ADMIN_PASSWORD)
                    .body().lines().toList(), "nobody is due yet");

            advance(DAY + 600);
            page.reload();
            assertEquals(List.of("open now", "open now"), page.locator("[data-testid=due-state]").allTextContents().stream().map(String::trim).toList());
            SHOTS.region(page, "due-open", ".card:has([data-testid=due])");
            String allowlist = http().get("admin/files/" + SLUG + "/allowlist.csv", "admin", Deployments.ADMIN_PASSWORD).body();
            List<String> lines = allowlist.lines().toList();
            assertEquals("participant_id", lines.get(0), allowlist);
            assertEquals(List.of("WALK0001", "WALK0002"), lines.subList(1, lines.size()).stream().sorted().toList(), allowlist);
            System.out.println("walk-through: allowlist.csv\n" + allowlist);
        }
    }

    /** The participant returns within the window: part 2's intro, old-new with the confidence scale, the end screen. */
    @Test
    @Order(5)
    void theParticipantReturnsWithinTheWindow() throws Exception {
        Map<Integer, String[]> design = design(SLUG, "WALK0001");
        try (BrowserContext context = desktop()) {
            Page page = context.newPage();
            page.navigate(link(SLUG, "WALK0001", "PART2", true));
            boolean[] shot = {false, false, false};
            PhasePageSteps.Walk second = walk(page, (position, enabled) -> "target".equals(design.get(position)[0]) ? "answer-old" : "answer-new",
                    List.of(), false, (screen, p) -> {
                        if (screen.equals("phase-intro") && !shot[0]) {
                            p.locator("[data-testid=part-label]").waitFor();
                            SHOTS.page(p, "participant-part2");
                            shot[0] = true;
                        } else if (screen.equals("task-old-new") && !shot[1]) {
                            SHOTS.page(p, "participant-old-new");
                            shot[1] = true;
                        } else if (screen.equals("task-old-new+confidence") && !shot[2]) {
                            SHOTS.page(p, "participant-confidence");
                            shot[2] = true;
                        }
                    });
            assertEquals("complete", second.end, "screens: " + second.screens);
            SHOTS.page(page, "participant-complete");
        }
        JsonObject done = play(Json.createObjectBuilder().add("experiment", SLUG).add("prolificPid", "WALK0002").add("studyId", "PART2")
                .add("sessionId", "S-WALK0002-PART2").add("session", 2), design(SLUG, "WALK0002"));
        assertEquals("COMPLETED", done.getString("state"));
    }

    /**
     * The export from the export page: responses.csv with the phase columns, sessions.csv with each session's delay;
     * {@code engram analyse} on it writes recognition/ with old/new d′ per phase.
     */
    @Test
    @Order(6)
    void theExportAndTheAnalysis() throws Exception {
        Path zip = WORK.resolve("two-session-export.zip");
        try (BrowserContext context = CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD,
                new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate(url("admin/export.xhtml?slug=" + SLUG));
            SHOTS.region(page, "export", ".card:has([data-testid=download-export])");
            Download download = page.waitForDownload(() -> page.locator("[data-testid=download-export]").click());
            download.saveAs(zip);
        }
        Map<String, byte[]> files = StimulusZip.read(zip);
        assertTrue(files.containsKey("sessions.csv"), files.keySet().toString());
        List<Map<String, String>> responses = csv(files.get("responses.csv"));
        List<Map<String, String>> sessions = csv(files.get("sessions.csv"));
        assertEquals(4, sessions.size(), "two participants, two sessions each: " + sessions);
        for (Map<String, String> s : sessions) {
            assertEquals("COMPLETED", s.get("state"), s.toString());
            if (s.get("session").equals("2")) {
                long delay = Long.parseLong(s.get("delay_s"));
                assertTrue(delay >= DAY && delay <= 2 * DAY, "the delay lies in the window: " + s);
                assertEquals(String.valueOf(DAY), s.get("delay_min_s"));
                assertEquals(String.valueOf(2 * DAY), s.get("delay_max_s"));
            } else {
                assertEquals("", s.get("delay_s"));
            }
        }
        for (Map<String, String> r : responses) {
            assertEquals(r.get("task").equals("study") ? "1" : "2", r.get("session"), r.toString());
            if (r.get("task").equals("old-new")) {
                assertTrue(r.get("answer").equals("old") || r.get("answer").equals("new"), r.toString());
                assertEquals("6", r.get("confidence_levels"));
                assertEquals(r.get("kind").equals("foil") ? "" : "same_scene", r.get("lure_type"), r.toString());
            }
        }
        String[] lines = new String(files.get("responses.csv"), StandardCharsets.UTF_8).split("\n");
        System.out.println("walk-through: responses.csv (" + (lines.length - 1) + " rows), first lines\n" + String.join("\n", List.of(lines).subList(0, 3))
                + "\n…\n" + lines[lines.length - 1]);
        System.out.println("walk-through: sessions.csv\n" + new String(files.get("sessions.csv"), StandardCharsets.UTF_8));

        Path out = WORK.resolve("two-session-analysis");
        analyse(zip, out);
        try (Stream<Path> list = Files.list(out.resolve("recognition"))) {
            List<String> names = list.map(p -> p.getFileName().toString()).sorted().toList();
            System.out.println("walk-through: recognition/ " + names);
            assertTrue(names.containsAll(List.of("phases.csv", "participants.csv", "summary.csv")), names.toString());
        }
        for (String name : List.of("phases.csv", "summary.csv", "participants.csv")) {
            System.out.println("walk-through: recognition/" + name + "\n" + Files.readString(out.resolve("recognition").resolve(name)));
        }
    }

    private static void analyse(Path zip, Path out) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AnalyseMain.run(new String[] {"--export", zip.toString(), "--out", out.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    }

    /** The rows of a CSV export file as column → value (the export's cells hold no commas or quotes here). */
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
