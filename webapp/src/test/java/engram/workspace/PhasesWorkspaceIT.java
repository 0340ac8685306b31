package engram.workspace;

import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Chromium;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.PhasePageSteps;
import engram.testing.WorkspacePages;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The design page's Phases card and the monitor's Sessions due in real headless Chromium: a plan built from the form
 * (study, old-new with a scale, 2AFC in a second session 2 minutes to 1 day later), a plan that breaks a rule refused
 * with the phase and field named, and a pilot participant waiting for session 2 listed with its window. Once the
 * experimenter has written their own consent, rebuilding the plan and going back to the continuous game each say that
 * the texts were kept, and they were.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PhasesWorkspaceIT {

    private static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
    private static final File DATA = new File("target/it-data/phases-workspace-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path CLOCK = DATA.toPath().resolve("clock-offset-s");
    /** The start of the design page's notice (DesignTextsNotice) when a design change kept the experimenter's texts. */
    private static final String TEXTS_KEPT = "Your edited consent and instructions were kept:";
    private static final String OWN_CONSENT = "# Consent\n\nYou agree to take part in a recognition study of the Example Lab.";

    private static Chromium chromium;
    private static Browser browser;

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @BeforeAll
    static void launchChromium() throws IOException {
        Files.createDirectories(SHOTS);
        PhasePageSteps.clockOffset(CLOCK, 0);
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private URI base() {
        return URI.create(deployment.toString());
    }

    private Http.Reply admin(String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        return new Http(base()).send(request);
    }

    /** The option labels of each phase row, joined with '|' (a row shows only the options of its task). */
    @SuppressWarnings("unchecked")
    private static List<String> optionLabels(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('[data-testid=phase-options]')].map(cell =>"
                + " [...cell.querySelectorAll('label')].map(l => l.textContent.replace(/\\s+/g, ' ').trim()).join('|'))");
    }

    /** The consent as the experiment page's form holds it (Markdown). */
    private String consentOnTheExperimentPage(Page page) {
        page.navigate(base().resolve("admin/experiment.xhtml?slug=recog").toString());
        return byId(page, "settings:consent").inputValue();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void aPhasePlanIsBuiltOnTheDesignPageAndAWaitingParticipantIsDue() {
        int set = admin("GET", "api/stimulus-sets", null).body().contains("\"id\"")
                ? Json.createReader(new java.io.StringReader(admin("GET", "api/stimulus-sets", null).body())).readArray().getJsonObject(0).getInt("id") : -1;
        Http.Reply created = admin("POST", "api/experiments", Json.createObjectBuilder().add("slug", "recog").add("title", "Recognition")
                .add("stimulusSet", set).build());
        assertEquals(201, created.status(), created.body());

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = WorkspacePages.loggedIn(context, base(), "admin", Deployments.ADMIN_PASSWORD);
            page.navigate(base().resolve("admin/design.xhtml?slug=recog").toString());
            assertEquals(2, page.locator("[data-testid=phases] tbody tr").count(), "a study phase and an old-new test to start from");
            page.waitForNavigation(() -> byId(page, "phasesForm:addPhase").click());
            assertEquals(3, page.locator("[data-testid=phases] tbody tr").count());
            assertEquals(List.of("continuous", "study", "old-new", "old-similar-new", "2afc", "distractor", "break"), page.evaluate("() => [...document"
                    + ".querySelector('select[id$=\":task\"]').options].map(o => o.value)"), "every task, the continuous game too (as phase 1)");
            assertEquals(List.of("display ms|question|answers", "confidence points|boxes after “old”", "confidence points|boxes after “old”"),
                    optionLabels(page), "each row shows only the options of its task");
            var third = page.locator("[data-testid=phases] tbody tr").nth(2);
            third.locator("select").first().selectOption("break");
            page.waitForFunction("() => document.querySelectorAll('[data-testid=phase-options]')[2].textContent.includes('at least s')");
            assertEquals("at least s", optionLabels(page).get(2), "a new task brings its own options, without a page load");
            third.locator("select").first().selectOption("2afc");
            page.waitForFunction("() => !document.querySelectorAll('[data-testid=phase-options]')[2].textContent.includes('at least s')");
            assertEquals("confidence points", optionLabels(page).get(2));
            third.locator("input[type=checkbox]").first().check();
            third.locator("input[aria-label^='Opens after']").fill("2");
            third.locator("select[aria-label=Unit]").first().selectOption("minutes");
            third.locator("input[aria-label^='Closes after']").fill("1");
            third.locator("select[aria-label=Unit]").nth(1).selectOption("days");
            byId(page, "phasesForm:lists").fill("2");
            byId(page, "phasesForm:studyPairs").fill("4");
            byId(page, "phasesForm:foilsPerTest").fill("2");
            byId(page, "phasesForm:phaseSeed").fill("7");
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String messages = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(messages.contains("Built 2 lists"), page.content());
            assertFalse(messages.contains(TEXTS_KEPT), "the texts were the templates, so the phase study's replaced them silently: " + messages);
            assertTrue(page.locator("[data-testid=phases-built]").textContent().contains("2 lists"));
            shot(page, "design-phases");

            page.navigate(base().resolve("admin/experiment.xhtml?slug=recog").toString());
            assertTrue(byId(page, "settings:consent").inputValue().contains("[FILL IN"), "the phase study's consent template");
            byId(page, "settings:consent").fill(OWN_CONSENT);
            page.waitForNavigation(() -> byId(page, "settings:save").click());
            page.navigate(base().resolve("admin/design.xhtml?slug=recog").toString());
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String rebuilt = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(rebuilt.contains("Built 2 lists") && rebuilt.contains(TEXTS_KEPT + " they may still describe the continuous game"), rebuilt);
            assertEquals(TEXTS_KEPT, page.evaluate("() => document.querySelector('ul.messages .warn')?.textContent.trim().substring(0, " + TEXTS_KEPT.length() + ")"),
                    "the notice is a warning (amber), not a success");
            shot(page, "design-phases-texts-kept");
            assertEquals(OWN_CONSENT, consentOnTheExperimentPage(page), "the rebuilt plan kept the experimenter's consent");
            page.navigate(base().resolve("admin/design.xhtml?slug=recog").toString());

            page.evaluate("() => { const row = document.querySelectorAll('[data-testid=phases] tbody tr')[1];"
                    + " [...row.querySelectorAll('label')].find(l => l.textContent.includes('confidence points')).querySelector('input').value = '12'; }");
            page.waitForNavigation(() -> byId(page, "phasesForm:buildPhases").click());
            String problems = page.locator("[data-testid=phase-problems]").textContent();
            assertTrue(problems.contains("phase 2") && problems.contains("confidenceLevels"), problems);
            shot(page, "design-phases-refused");
            assertEquals("“confidence points” must be 2..10, was 12.", page.evaluate("() => document.getElementById("
                    + "'phasesForm:phaseList:1:confidenceLevels').closest('td').querySelector('.field-error')?.textContent || ''"),
                    "the problem also stands beside its field, in the card's words");
            page.setViewportSize(1280, 800);
            byId(page, "phasesForm:phaseList:1:confidenceLevels").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("design-phases-field-error.png")));

            page.waitForNavigation(() -> byId(page, "phasesForm:phaseList:2:up").click());
            assertEquals(List.of("study", "2afc", "old-new"), page.evaluate("() => [...document.querySelectorAll('select[id$=\":task\"]')]"
                    + ".map(s => s.value)"), "moved up");
            page.waitForNavigation(() -> byId(page, "phasesForm:phaseList:1:down").click());
            assertEquals(List.of("study", "old-new", "2afc"), page.evaluate("() => [...document.querySelectorAll('select[id$=\":task\"]')]"
                    + ".map(s => s.value)"), "and back down");

            assertEquals(List.of("display ms|question|answers", "confidence points|boxes after “old”", "confidence points"), optionLabels(page),
                    "after a refusal and the moves, each row still shows its own task's options");
            shot(page, "design-phases-options");

            String pilotUrl = admin("GET", "api/experiments/recog/pilot-link", null).json().getString("url");
            String key = URLDecoder.decode(pilotUrl.substring(pilotUrl.indexOf("pilot=") + 6).split("&")[0], StandardCharsets.UTF_8);
            Http http = new Http(base());
            Http.Reply opened = http.post("api/runs", Json.createObjectBuilder().add("experiment", "recog").add("pilotKey", key).build(), null);
            assertEquals(201, opened.status(), opened.body());
            JsonObject run = opened.json();
            String path = "api/runs/" + run.getString("runId");
            String token = run.getString("token");
            for (JsonObject t : run.getJsonArray("trials").getValuesAs(JsonObject.class)) {
                JsonObjectBuilder body = Json.createObjectBuilder().add("imageId", t.getString("imageId")).add("onsetMs", 10.0).add("offsetMs", 1510.0)
                        .add("durationMs", 1500.0).add("phase", t.getInt("phase"));
                if (t.getString("task").equals("study")) {
                    body.add("responded", false).add("rtMs", JsonValue.NULL);
                } else {
                    body.add("responded", true).add("rtMs", 640.0).add("answer", "old").add("confidence", 5);
                }
                Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), body.build(), token);
                assertEquals(200, saved.status(), saved.body());
            }
            Http.Reply waiting = http.post(path + "/complete", null, token);
            assertEquals("WAITING", waiting.json().getString("state"), waiting.body());

            page.navigate(base().resolve("admin/monitor.xhtml?slug=recog&pilot=true").toString());
            List<String> due = page.locator("[data-testid=due-state]").allTextContents().stream().map(String::strip).toList();
            assertEquals(List.of("too early"), due);
            shot(page, "monitor-sessions-due");

            page.navigate(base().resolve("admin/design.xhtml?slug=recog").toString());
            assertEquals(0, byId(page, "designForm:generate").count(), "while the phases are in use, the way back is its own button");
            WorkspacePages.fillDesign(page, 2, 30, 8, 4, 2, 20221);
            byId(page, "designForm:backToContinuous").click();
            assertEquals(true, page.evaluate("() => document.getElementById('confirm-continuous').open"), "it asks first");
            String plan = (String) page.evaluate("() => document.getElementById('confirm-continuous').textContent.replace(/\\s+/g, ' ')");
            assertTrue(plan.contains("The phase plan (3 phases in 2 session(s)) and its 2 study and test lists are dropped"), plan);
            assertTrue(plan.contains("1 pilot run(s) made with the lists are voided"), plan);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("design-phases-back-to-continuous.png")));
            page.locator("[data-testid=confirm-continuous-no]").click();
            assertEquals(true, page.evaluate("() => !document.getElementById('confirm-continuous').open"
                    + " && document.querySelector('[data-testid=phases-built]') !== null"), "cancelled: nothing changed");
            page.waitForNavigation(() -> {
                byId(page, "designForm:backToContinuous").click();
                page.locator("[data-testid=confirm-continuous-yes]").click();
            });
            String after = (String) page.evaluate("() => document.querySelector('ul.messages')?.textContent || ''");
            assertTrue(after.contains("Back to the continuous game"), after);
            assertTrue(after.contains(TEXTS_KEPT + " they may still describe the phase study"), after);
            assertEquals(List.of(0, 1, 2), List.of(page.locator("[data-testid=phases-built]").count(), byId(page, "designForm:generate").count(),
                    page.locator("[data-testid=phases] tbody tr").count()), "the plan is gone: Generate is back and the card starts from its example");
            JsonObject summary = admin("GET", "api/experiments/recog", null).json();
            assertEquals(List.of(2, 30), List.of(summary.getInt("sequences"), summary.getInt("sequenceLength")), "2 sequences of the game × 30");
            assertEquals(OWN_CONSENT, consentOnTheExperimentPage(page), "back to the game, the experimenter's consent stays");
        }
        Http.Reply allowlist = admin("GET", "admin/files/recog/allowlist.csv", null);
        assertEquals(200, allowlist.status());
        assertEquals(List.of("participant_id"), allowlist.body().lines().toList(), "pilot runs are not on the allowlist, and nobody is due yet");
    }

    /**
     * The Sessions due view of a two-session study (PhasePageSteps.createTwoSessionStudy: session 2 opens 1 to 2 hours after session 1 ends)
     * with four participants driven over the API and the server's clock moved (never slept): one who missed the window,
     * one whose window is open now, one waiting and too early, one still in session 1. The view lists all four,
     * soonest window first; the monitor's and the results page's counts show waiting and missed runs; the allowlist
     * downloaded from the page holds exactly the one open now.
     */
    @Test
    void theDueViewListsEveryUnfinishedParticipantAndTheAllowlistHoldsTheOneOpenNow() throws Exception {
        String slug = "twodue";
        try (Connection db = DriverManager.getConnection(JDBC, "sa", "")) {
            PhasePageSteps.createTwoSessionStudy(db, slug);
        }
        Http http = new Http(base());
        try {
            finishSessionOne(http, slug, "PIDMISSED", 0);        // ends at +31 s: window +3631..+7231
            finishSessionOne(http, slug, "PIDOPEN", 3700);       // ends at +3731 s: window +7331..+10931
            finishSessionOne(http, slug, "PIDEARLY", 7300);      // ends at +7331 s: window +10931..+14531
            Http.Reply busy = start(http, slug, "PIDBUSY");      // stays in session 1
            assertEquals(201, busy.status(), busy.body());
            PhasePageSteps.clockOffset(CLOCK, 7400);

            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true))) {
                Page page = WorkspacePages.loggedIn(context, base(), "admin", Deployments.ADMIN_PASSWORD);
                page.navigate(base().resolve("admin/monitor.xhtml?slug=" + slug).toString());
                @SuppressWarnings("unchecked")
                List<List<String>> rows = (List<List<String>>) page.evaluate("() => [...document.querySelectorAll('[data-testid=due-row]')].map(r =>"
                        + " [r.dataset.participant, r.querySelector('[data-testid=due-session]').textContent.trim(),"
                        + " r.querySelector('[data-testid=due-state]').textContent.trim(), r.querySelector('[data-testid=due-opens]').textContent.trim()])");
                assertEquals(List.of("PIDMISSED", "PIDOPEN", "PIDEARLY", "PIDBUSY"), rows.stream().map(r -> r.get(0)).toList(),
                        "soonest window first, the one in session 1 last: " + rows);
                assertEquals(List.of("missed session 2", "waiting for session 2", "waiting for session 2", "in session 1"),
                        rows.stream().map(r -> r.get(1)).toList());
                assertEquals(List.of("missed", "open now", "too early", "–"), rows.stream().map(r -> r.get(2)).toList());
                assertTrue(rows.get(0).get(3).endsWith(" UTC") && rows.get(3).get(3).equals("–"), "times with their zone: " + rows);
                assertEquals(List.of("2", "1"), List.of(page.locator("[data-testid=waiting-total]").textContent().strip(),
                        page.locator("[data-testid=missed-total]").textContent().strip()), "the monitor counts waiting and missed runs");
                page.locator("#sessions-due").scrollIntoViewIfNeeded();
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workspace-due.png")));
                page.locator("#sessions-due").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("workspace-due-card.png")));

                com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("[data-testid=allowlist]").click());
                assertEquals(List.of("participant_id", "PIDOPEN"), Files.readAllLines(download.path(), StandardCharsets.UTF_8),
                        "exactly the participant whose window is open now");

                page.navigate(base().resolve("admin/results.xhtml?slug=" + slug).toString());
                assertEquals(List.of("2", "1"), page.evaluate("() => ['waiting', 'missed'].map(c => document.querySelector("
                        + "'[data-testid=attrition] tr[data-sequence=all] [data-col=' + c + ']').textContent.trim().split(' ')[0])"),
                        "the attrition view counts waiting and missed runs");

                page.setViewportSize(390, 844);
                page.navigate(base().resolve("admin/monitor.xhtml?slug=" + slug).toString());
                assertEquals("Window opens (UTC)", page.evaluate("() => getComputedStyle(document.querySelector("
                        + "'[data-testid=due-opens]'), '::before').content.replace(/\"/g, '')"), "on a phone each cell stands under its column's name");
                page.locator("#sessions-due").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("workspace-due-phone.png")));
                page.navigate(base().resolve("admin/design.xhtml?slug=demo-recognition").toString());
                assertEquals(true, page.evaluate("() => { const t = document.querySelector('[data-testid=phases]');"
                        + " return t.scrollWidth <= t.parentElement.clientWidth + 1; }"),
                        "the Phases card fits a phone's width: one block per phase");
                page.locator("[data-testid=phases-card]").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("design-phases-phone.png")));
            }
        } finally {
            PhasePageSteps.clockOffset(CLOCK, 0);
        }
    }

    private static Http.Reply start(Http http, String slug, String pid) {
        return http.post("api/runs", Json.createObjectBuilder().add("experiment", slug).add("prolificPid", pid).add("studyId", "STUDY1")
                .add("sessionId", "S-" + pid).build(), null);
    }

    /** A participant who takes session 1 at the clock offset {@code at} (s) and ends it 31 s later, after the 30 s break. */
    private static void finishSessionOne(Http http, String slug, String pid, long at) {
        PhasePageSteps.clockOffset(CLOCK, at);
        Http.Reply started = start(http, slug, pid);
        assertEquals(201, started.status(), started.body());
        JsonObject run = started.json();
        String path = "api/runs/" + run.getString("runId");
        String token = run.getString("token");
        assertEquals(200, http.post(path + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).status());
        for (JsonObject t : run.getJsonArray("trials").getValuesAs(JsonObject.class)) {
            Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), PhasePageSteps.good(t), token);
            assertEquals(200, saved.status(), saved.body());
        }
        assertEquals(200, http.post(path + "/phases/2/open", null, token).status());
        PhasePageSteps.clockOffset(CLOCK, at + 31);
        assertEquals(200, http.post(path + "/phases/2/done", Json.createObjectBuilder().add("startedAtMs", 5.0).build(), token).status());
        Http.Reply waiting = http.post(path + "/complete", null, token);
        assertEquals("WAITING", waiting.json().getString("state"), waiting.body());
    }
}
