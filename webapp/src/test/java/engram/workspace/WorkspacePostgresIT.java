package engram.workspace;

import static engram.testing.WorkspacePages.byId;
import static engram.testing.WorkspacePages.fillDesign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.EmbeddedPostgresExtension;
import engram.testing.Http;
import engram.testing.PilotRuns;
import engram.testing.WorkspacePages;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;

import jakarta.json.Json;

/**
 * The workspace's main flow in real headless Chromium against PostgreSQL 17 (embedded, random loopback port), in one
 * Payara boot: login, import the demo zip, create an experiment, generate its sequences, a target per sequence that
 * fills up (and the participant page's "study is full" screen), a Prolific webhook secret and a signed event that frees a
 * place, the monitor and the export download.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkspacePostgresIT extends ChromiumDeployment {

    private static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
    private static final File DATA = new File("target/it-data/workspace-pg-" + System.nanoTime()).getAbsoluteFile();
    private static final String HOOK_SECRET = "pg-hook-secret-0123456789abcdef";
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(POSTGRES.deploymentSettings());
        settings.put("engram.data", DATA.getPath());
        return Deployments.engram(settings);
    }

    @Test
    void anExperimenterSetsUpRunsMonitorsAndExportsAStudyOnPostgres() throws Exception {
        Files.createDirectories(SHOTS);
        Path zip = WorkspaceIT.zip("demo-set.zip", WorkspaceIT.demoEntries());
        try (BrowserContext context = CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD,
                new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate(url("admin/stimuli.xhtml"));
            byId(page, "upload:name").fill("demo on postgres");
            byId(page, "upload:zip").setInputFiles(zip);
            page.waitForNavigation(() -> byId(page, "upload:submit").click());
            assertTrue(page.locator("ul.messages").textContent().contains("Imported the stimulus set 'demo on postgres'"), page.content());

            page.navigate(url("admin/index.xhtml"));
            byId(page, "create:slug").fill("pg-study");
            byId(page, "create:title").fill("Study on PostgreSQL");
            byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo on postgres (48 images)"));
            page.waitForNavigation(() -> byId(page, "create:submit").click());
            page.waitForURL(Pattern.compile(".*/admin/design\\.xhtml\\?slug=pg-study$"));

            fillDesign(page, 2, 30, 8, 4, 2, 20221);
            byId(page, "designForm:maxLag").fill("12");
            byId(page, "designForm:vigilanceMinLag").fill("1");
            byId(page, "designForm:vigilanceMaxLag").fill("4");
            page.waitForNavigation(() -> byId(page, "designForm:generate").click());
            assertTrue(page.locator("ul.messages").textContent().contains("Generated 2 sequences"), page.content());
            assertEquals(1, page.locator("[data-testid=valid]").count());
            assertEquals(2, page.locator("svg.timeline").count());
            shot(page, "pg-design");

            page.navigate(url("admin/experiment.xhtml?slug=pg-study"));
            byId(page, "settings:targetPerSequence").fill("1");
            page.waitForNavigation(() -> byId(page, "settings:save").click());
            assertTrue(page.locator("ul.messages").textContent().contains("Saved the settings"), page.content());
            page.waitForNavigation(() -> page.locator("[data-testid=to-pilot]").click());
            WorkspacePages.fillInTemplates(page);
            PilotRuns.complete(new Http(base()), "pg-study", page.locator("[data-testid=try-participant]").getAttribute("href"));
            page.navigate(url("admin/experiment.xhtml?slug=pg-study"));
            WorkspacePages.press(page, "to-live");
            assertEquals("live", page.locator("[data-testid=status]").textContent().trim());

            // Target 1 per sequence, 2 sequences: two participants get places, the third is refused.
            Http http = new Http(base());
            for (String pid : List.of("PGREAL1", "PGREAL2")) {
                Http.Reply started = http.post("api/runs", startBody(pid), null);
                assertEquals(201, started.status(), started.body());
            }
            Http.Reply full = http.post("api/runs", startBody("PGREAL3"), null);
            assertEquals(409, full.status(), full.body());
            assertEquals("experiment_full", full.error());

            Page participant = context.newPage();
            participant.navigate(url("run/pg-study?PROLIFIC_PID=PGREAL4&STUDY_ID=STUDY&SESSION_ID=S4"));
            participant.locator("[data-testid=full-message]").waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE).setTimeout(30_000));
            String screen = (String) participant.evaluate("() => document.body.dataset.screen + '|' + document.querySelector('h1').textContent");
            assertEquals("full|This study is full", screen);
            assertTrue(participant.locator("[data-testid=full-message]").textContent().replaceAll("\\s+", " ").contains("return the study on Prolific"),
                    "the built-in full-study text (a soft line break reads as a space)");
            assertTrue(participant.url().contains("/run/pg-study"), "no redirect: " + participant.url());
            participant.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("participant-study-full.png")));
            participant.close();

            // Prolific webhooks: the secret goes in on the experiment page; a signed RETURNED event then frees PGREAL1's place.
            page.navigate(url("admin/experiment.xhtml?slug=pg-study"));
            byId(page, "webhooks:webhookSecret").fill("too short");
            page.waitForNavigation(() -> byId(page, "webhooks:save").click());
            assertTrue(page.locator("[id='webhooks:webhookSecret'] ~ .field-error").textContent().contains("16-200 characters"), page.content());
            assertEquals(1, page.locator("[data-testid=webhooks-off]").count(), "nothing changed on error");
            byId(page, "webhooks:webhookSecret").fill(HOOK_SECRET);
            page.waitForNavigation(() -> byId(page, "webhooks:save").click());
            assertEquals(1, page.locator("[data-testid=webhooks-on]").count(), page.content());
            assertTrue(byId(page, "webhookUrl").inputValue().endsWith("/api/prolific/pg-study/webhook"));
            page.locator("[id='webhooks']").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("pg-webhooks.png")));
            byte[] event = "{\"event_type\":\"submission.status.change\",\"resource_id\":\"S-PGREAL1\",\"status\":\"TIMED-OUT\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
            Http.Reply released = http.send(java.net.http.HttpRequest.newBuilder(base().resolve("api/prolific/pg-study/webhook"))
                    .header("X-Event-ID", "pg-evt-1").header("X-Prolific-Request-Timestamp", timestamp)
                    .header("X-Prolific-Request-Signature", engram.run.control.ProlificWebhooks.signature(HOOK_SECRET, timestamp, event))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(event)));
            assertEquals(200, released.status(), released.body());
            assertEquals("released", released.json().getString("outcome"));
            Http.Reply admitted = http.post("api/runs", startBody("PGREAL5"), null);
            assertEquals(201, admitted.status(), "the timed-out participant's place was given to the next one: " + admitted.body());

            page.navigate(url("admin/monitor.xhtml?slug=pg-study"));
            assertEquals("3", page.locator("[data-testid=runs-total]").textContent().trim());
            assertEquals(3, page.locator("[data-testid=runs] tbody tr").count());
            assertEquals(1, page.locator("[id='study-full']").count(), "the monitor says the study is full");
            assertEquals(2, page.locator("[data-testid=per-sequence] .badge.full").count());
            shot(page, "pg-monitor");

            page.navigate(url("admin/export.xhtml?slug=pg-study"));
            page.locator("#images").selectOption("false");
            Download download = page.waitForDownload(() -> page.locator("[data-testid=download-export]").click());
            Map<String, String> files = WorkspaceIT.unzip(Files.readAllBytes(download.path()));
            assertTrue(files.keySet().containsAll(List.of("responses.csv", "boxes.csv", "participants.csv", "sequences.csv", "manifest.csv",
                    "experiment.json")), files.keySet().toString());
            assertTrue(files.get("participants.csv").contains("PGREAL1") && files.get("participants.csv").contains("PGREAL2"));
            assertFalse(files.get("participants.csv").contains("PGREAL3"), "the refused arrival has no run");
            assertTrue(files.get("participants.csv").contains("PGREAL5"));
            assertEquals(61, files.get("sequences.csv").lines().count());
            shot(page, "pg-export");
        }
        try (Connection db = POSTGRES.connection();
             PreparedStatement q = db.prepareStatement("SELECT e.target_per_sequence, COUNT(r.id) FROM experiment e LEFT JOIN run r"
                     + " ON r.experiment_id = e.id AND r.pilot = FALSE WHERE e.slug = 'pg-study' GROUP BY e.target_per_sequence");
             ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next(), "the experiment is in PostgreSQL");
            assertEquals(1, rs.getInt(1));
            assertEquals(3, rs.getLong(2), "three real runs (the completed pilot run the checklist needs is not counted)");
        }
    }

    private static jakarta.json.JsonObject startBody(String pid) {
        return Json.createObjectBuilder().add("experiment", "pg-study").add("prolificPid", pid).add("studyId", "STUDY")
                .add("sessionId", "S-" + pid).build();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
