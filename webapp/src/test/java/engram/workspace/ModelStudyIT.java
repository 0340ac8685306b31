package engram.workspace;

import static engram.testing.WorkspacePages.byId;
import static engram.testing.WorkspacePages.fillDesign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;

import engram.generator.cli.GenerateMain;
import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.PilotRuns;
import engram.testing.Screenshots;
import engram.testing.StimulusZip;
import engram.testing.WorkspacePages;

/**
 * Issue 5's "done when", end to end in real headless Chromium: an experimenter who has never seen engram sets up the
 * model study (10 sequences × 150, 40 repeats, lag ≥ 30, high/low pairs as targets, foils as fillers) from a zip of the
 * generator's output, pilots it, takes it live, watches synthetic participants on the monitor and downloads the export,
 * whose sequences.csv is then checked here independently of the server's own validator.
 * With {@code -Dengram.screenshots=DIR} it also writes the walk-through's screenshots (docs/model-study.md).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelStudyIT extends ChromiumDeployment {

    static final int SEQUENCES = 10;
    static final int LENGTH = 150;
    static final int REPEATS = 40;
    static final int MIN_LAG = 30;
    static final int PAIRS = 200;
    static final int FOILS = 300;
    static final String SLUG = "model-study";
    static final String EXPERIMENTER = "rosa";
    static final String EXPERIMENTER_PASSWORD = "model-study-secret";

    private static final Path WORK = Path.of("target/model-study").toAbsolutePath();
    private static Path stimulusZip;
    private static BrowserContext experimenter;
    private static final Screenshots SHOTS = Screenshots.fromSystemProperty();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("model-study");
    }

    /** Makes the stimulus set with the generator's CLI, exactly as the walk-through does, and zips the folder. */
    @BeforeAll
    static void generateTheStimulusSetAndOpenTheExperimentersBrowser() throws IOException {
        Path set = WORK.resolve("model-study-set");
        Files.createDirectories(WORK);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int exit = GenerateMain.run(new String[] {"pairs", "--demo", "--pairs", String.valueOf(PAIRS), "--foils", String.valueOf(FOILS),
                "--seed", "1", "--out", set.toString(), "--overwrite"}, new PrintStream(log, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, log.toString(StandardCharsets.UTF_8));
        System.out.printf("model study: generated %d pairs + %d foils in %.1f s%n", PAIRS, FOILS, (System.nanoTime() - t0) / 1e9);
        stimulusZip = StimulusZip.of(set, WORK.resolve("model-study-set.zip"));
        experimenter = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(Screenshots.WIDTH, Screenshots.HEIGHT).setAcceptDownloads(true));
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent().trim();
    }

    private static void submit(Page page, String buttonId) {
        page.waitForNavigation(() -> byId(page, buttonId).click());
    }

    @Test
    @Order(1)
    void theAdminCreatesAnExperimenterWhoLogsIn() {
        try (BrowserContext admin = CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD,
                new Browser.NewContextOptions().setViewportSize(Screenshots.WIDTH, Screenshots.HEIGHT))) {
            Page page = admin.newPage();
            page.navigate(url("admin/users.xhtml"));
            byId(page, "create:username").fill(EXPERIMENTER);
            byId(page, "create:role").selectOption("EXPERIMENTER");
            byId(page, "create:password").fill(EXPERIMENTER_PASSWORD);
            submit(page, "create:submit");
            assertTrue(page.locator("[id='list:accounts']").textContent().contains(EXPERIMENTER), page.content());
        }
        Page page = experimenter.newPage();
        page.navigate(url("admin/login.xhtml"));
        byId(page, "login:username").fill(EXPERIMENTER);
        byId(page, "login:password").fill(EXPERIMENTER_PASSWORD);
        SHOTS.region(page, "login", ".login-card");
        page.waitForNavigation(() -> byId(page, "login:submit").click());
        assertTrue(page.url().endsWith("/admin/index.xhtml"), page.url());
        page.close();
    }

    @Test
    @Order(2)
    void theGeneratorZipIsUploadedAndEveryImageImported() {
        Page page = experimenter.newPage();
        page.navigate(url("admin/stimuli.xhtml"));
        byId(page, "upload:name").fill("model study set");
        byId(page, "upload:zip").setInputFiles(stimulusZip);
        long t0 = System.nanoTime();
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(120_000), () -> byId(page, "upload:submit").click());
        System.out.printf("model study: upload and import of %d images took %.1f s%n", 2 * PAIRS + FOILS, (System.nanoTime() - t0) / 1e9);
        assertTrue(text(page, "ul.messages").contains("Imported the stimulus set 'model study set'"), page.content());
        String sets = page.locator("[id='sets']").textContent();
        assertTrue(sets.contains("high " + PAIRS) && sets.contains("low " + PAIRS) && sets.contains("foil " + FOILS), sets);
        SHOTS.region(page, "import", "ul.messages", "[id='sets']");
        page.close();
    }

    @Test
    @Order(3)
    void theModelStudyIsCreatedDesignedAndEveryRuleHoldsInEverySequence() {
        Page page = experimenter.newPage();
        page.navigate(url("admin/index.xhtml"));
        byId(page, "create:slug").fill(SLUG);
        byId(page, "create:title").fill("Model study: memorability of generated scenes");
        byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("model study set (" + (2 * PAIRS + FOILS) + " images)"));
        page.waitForNavigation(() -> byId(page, "create:submit").click());
        assertTrue(page.url().endsWith("/admin/design.xhtml?slug=" + SLUG), page.url());

        fillDesign(page, SEQUENCES, LENGTH, REPEATS, MIN_LAG, 0, 2022);
        byId(page, "designForm:targetConditions").fill("high, low");
        byId(page, "designForm:fillerConditions").fill("foil");
        byId(page, "designForm:displayMs").fill("3000");
        byId(page, "designForm:isiMs").fill("500");
        SHOTS.region(page, "design-form", "[id='designForm']");
        long t0 = System.nanoTime();
        page.waitForNavigation(() -> byId(page, "designForm:generate").click());
        System.out.printf("model study: generate and show the design took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(text(page, "ul.messages").contains("Generated " + SEQUENCES + " sequences"), page.content());

        assertEquals(1, page.locator("[data-testid=valid]").count(), "every rule holds");
        Locator rows = page.locator("[data-testid=validation] tbody tr");
        assertEquals(SEQUENCES, rows.count());
        for (int i = 0; i < SEQUENCES; i++) {
            List<String> cells = rows.nth(i).locator("td").allTextContents().stream().map(String::trim).toList();
            assertEquals(String.valueOf(i + 1), cells.get(0));
            assertEquals(String.valueOf(REPEATS), cells.get(1), "targets of sequence " + (i + 1));
            assertEquals("0", cells.get(2), "vigilance repeats of sequence " + (i + 1));
            assertEquals(String.valueOf(LENGTH - 2 * REPEATS), cells.get(3), "fillers of sequence " + (i + 1));
            int minLag = Integer.parseInt(cells.get(4).split("/")[0].trim());
            assertTrue(minLag >= MIN_LAG, "sequence " + (i + 1) + ": smallest lag " + minLag);
            for (String rule : cells.subList(5, cells.size())) {
                assertEquals("✓", rule, "sequence " + (i + 1) + ": " + cells);
            }
        }
        assertTrue(rows.first().locator("td").count() > 10, "the table has a column per rule");
        assertEquals(0, page.locator("table.matrix td.bad").count(), "the rules across sequences hold too");
        assertEquals(SEQUENCES, page.locator("svg.timeline").count());
        assertEquals(SEQUENCES * REPEATS, page.locator("svg.timeline path.arc").count(), "one arc per repeated target");
        SHOTS.region(page, "validation", ".card:has([data-testid=validation])");
        SHOTS.region(page, "timeline", ".card:has(svg.timeline) > h2", ".card:has(svg.timeline) > .legend", "svg.timeline:nth-of-type(-n+2)");
        page.close();
    }

    @Test
    @Order(4)
    void itIsPilotedInTheParticipantPageForAFewTrials() {
        Page page = experimenter.newPage();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        byId(page, "settings:targetPerSequence").fill("20");
        submit(page, "settings:save");
        assertTrue(text(page, "ul.messages").toLowerCase().contains("saved"), page.content());
        page.waitForNavigation(() -> page.locator("[data-testid=to-pilot]").click());
        assertEquals("pilot", text(page, "[data-testid=status]"));

        String pilotLink = (String) page.evaluate("() => document.querySelector('[data-testid=try-participant]').href");
        assertTrue(pilotLink.contains("/run/" + SLUG + "?pilot="), pilotLink);
        Page participant = experimenter.newPage();
        participant.navigate(pilotLink + "&engram_test=1");
        click(participant, "consent-accept");
        click(participant, "start-practice");
        click(participant, "start-stream");
        long deadline = System.currentTimeMillis() + 90_000;
        boolean shot = false;
        int sent = 0;
        while (System.currentTimeMillis() < deadline && sent < 3) {
            if (!shot && participant.evaluate("() => document.querySelector('[data-testid=stimulus]') !== null").equals(Boolean.TRUE)) {
                SHOTS.page(participant, "pilot");
                shot = true;
            }
            sent = ((Number) participant.evaluate("() => window.engramTest.sentCount()")).intValue();
            participant.waitForTimeout(200);
        }
        assertTrue(sent >= 3, "three pilot trials reached the server, got " + sent);
        Object total = participant.evaluate("() => window.engramTest.state().total");
        assertEquals(LENGTH, ((Number) total).intValue(), "the pilot run plays a whole sequence");
        participant.close();

        page.navigate(url("admin/monitor.xhtml?slug=" + SLUG + "&pilot=true"));
        assertEquals("1", text(page, "[data-testid=runs-total]"), "one pilot run");
        int trials = Integer.parseInt(page.locator("[data-testid=runs] tbody tr td").nth(3).textContent().trim());
        assertTrue(trials >= 3, "the monitor shows the pilot's saved trials: " + trials);
        page.close();
    }

    private static void click(Page page, String testId) {
        Locator button = page.locator("[data-testid=" + testId + "]").first();
        button.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
        button.click();
    }

    @Test
    @Order(5)
    void itGoesLiveAndTheMonitorShowsTheParticipants() throws Exception {
        Page page = experimenter.newPage();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        WorkspacePages.fillInTemplates(page);
        PilotRuns.complete(new Http(base()), SLUG, page.locator("[data-testid=try-participant]").getAttribute("href"));
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        WorkspacePages.press(page, "to-live");
        assertEquals("live", text(page, "[data-testid=status]"));
        String prolificUrl = page.locator("[data-testid=prolific-url]").inputValue();
        assertTrue(prolificUrl.contains("/run/" + SLUG + "?PROLIFIC_PID={{%PROLIFIC_PID%}}"), prolificUrl);
        SHOTS.region(page, "live", ".page-head", ".card:has([id='lifecycle'])", ".card:has([data-testid=prolific-url])");

        URI base = base();
        SimulationReport finishing = Simulation.against(base).experiment(SLUG).participants(SEQUENCES).concurrency(2).seed(501)
                .hitRate(0.7).falseAlarmRate(0.05).run();
        assertEquals(SEQUENCES, finishing.runsCompleted(), finishing.summary());
        SimulationReport leaving = Simulation.against(base).experiment(SLUG).participants(2).concurrency(2).seed(502)
                .dropout(1.0).run();
        assertEquals(0, leaving.runsCompleted(), leaving.summary());
        assertEquals(0, leaving.runsFailed(), leaving.summary());
        System.out.println("model study: " + finishing.summary().lines().findFirst().orElse(""));

        page.navigate(url("admin/monitor.xhtml?slug=" + SLUG));
        assertEquals(String.valueOf(SEQUENCES + 2), text(page, "[data-testid=runs-total]"));
        assertEquals(String.valueOf(SEQUENCES), text(page, "[data-testid=completed-total]"));
        Locator perSequence = page.locator("[data-testid=per-sequence] tbody tr");
        assertEquals(SEQUENCES, perSequence.count());
        int completed = 0;
        int inProgress = 0;
        for (int i = 0; i < SEQUENCES; i++) {
            List<String> cells = perSequence.nth(i).locator("td").allTextContents().stream().map(String::trim).toList();
            inProgress += Integer.parseInt(cells.get(1));
            completed += Integer.parseInt(cells.get(2));
            assertTrue(cells.get(6).contains("/ 20"), "progress towards the target of 20: " + cells);
        }
        assertEquals(SEQUENCES, completed);
        assertEquals(2, inProgress, "the two who left mid-stream still hold their reservations");
        double savesPerSecond = Double.parseDouble(text(page, "[data-testid=saves-per-second]").replace(',', '.'));
        assertTrue(savesPerSecond > 0, "trial saves in the last minute");
        assertFalse(page.locator("[data-testid=runs]").textContent().contains("PILOT-"), "pilot runs are kept apart");
        SHOTS.region(page, "monitor", "[data-testid=stats]", "[data-testid=per-sequence]");
        SHOTS.region(page, "monitor-runs", ".card:has([data-testid=runs])");
        page.close();
    }

    @Test
    @Order(6)
    void theExportIsDownloadedAndItsSequencesKeepTheModelStudysRules() throws Exception {
        Page page = experimenter.newPage();
        page.navigate(url("admin/export.xhtml?slug=" + SLUG));
        SHOTS.region(page, "export", ".card");
        Download download = page.waitForDownload(() -> page.locator("[data-testid=download-export]").click());
        Path zip = WORK.resolve("model-study-export.zip");
        download.saveAs(zip);
        page.close();
        Map<String, byte[]> files = StimulusZip.read(zip);
        assertTrue(files.keySet().containsAll(List.of("responses.csv", "boxes.csv", "participants.csv", "sequences.csv", "manifest.csv", "experiment.json")),
                files.keySet().toString());
        String participants = new String(files.get("participants.csv"), StandardCharsets.UTF_8);
        assertEquals(SEQUENCES + 2, participants.lines().count() - 1, participants);
        assertFalse(participants.contains("PILOT-"), "the pilot run is left out");
        long responses = new String(files.get("responses.csv"), StandardCharsets.UTF_8).lines().count() - 1;
        assertTrue(responses >= (long) SEQUENCES * LENGTH, "every completed run's 150 trials: " + responses);

        ModelStudyDesignCheck check = ModelStudyDesignCheck.of(new String(files.get("sequences.csv"), StandardCharsets.UTF_8),
                new String(files.get("manifest.csv"), StandardCharsets.UTF_8));
        assertEquals(SEQUENCES, check.sequenceCount());
        check.assertModelStudy(LENGTH, REPEATS, MIN_LAG);
        System.out.println("model study export: " + check.summary());
        assertTrue(Pattern.compile("\"displayMs\"\\s*:\\s*3000").matcher(new String(files.get("experiment.json"), StandardCharsets.UTF_8)).find(),
                "experiment.json keeps the display duration");
    }
}
