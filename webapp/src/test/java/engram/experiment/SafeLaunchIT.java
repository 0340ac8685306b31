package engram.experiment;

import static engram.testing.WorkspacePages.byId;
import static engram.testing.WorkspacePages.fillDesign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Axe;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.PilotRuns;
import engram.testing.WorkspacePages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * Issue 12, items 1-3 in Chromium: a new experiment starts from template texts, the pre-launch checklist blocks going
 * live (in the page and on the server) until every item passes, going live and closing ask for confirmation in an
 * accessible dialog, the Markdown preview is live with links that open a new tab, and forms report every error at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafeLaunchIT extends ChromiumDeployment {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
    private static final File DATA = new File("target/it-data/safe-launch-" + System.nanoTime()).getAbsoluteFile();
    private static final String SLUG = "safe";

    private static BrowserContext context;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", "jdbc:h2:file:" + DATA + "/engram",
                "engram.import.roots", REPO.resolve("stimuli").toString()));
    }

    @BeforeAll
    static void screenshotFolder() throws IOException {
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private Page page() {
        if (context == null) {
            context = CHROMIUM.admin(base());
        }
        return context.newPage();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static void viewportShot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    private static String text(Page page, String selector) {
        return (String) page.evaluate("s => { const e = document.querySelector(s); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null; }",
                selector);
    }

    /** The dialog a button opens first (its data-confirm), "" for none. */
    private static String confirmOf(Page page, String selector) {
        return (String) page.evaluate("s => document.querySelector(s).dataset.confirm || ''", selector);
    }

    /** The message shown beside a field of a form (the element after the input with class field-error). */
    private static String fieldError(Page page, String clientId) {
        return (String) page.evaluate("id => { const f = document.getElementById(id).closest('.field');"
                + " const e = f && f.querySelector('.field-error'); return e ? e.textContent.trim() : ''; }", clientId);
    }

    @Test
    @Order(1)
    void aNewExperimentStartsFromTemplateTextsAndTheChecklistSaysWhatIsMissing() {
        Page page = page();
        page.navigate(url("admin/index.xhtml"));
        byId(page, "create:slug").fill(SLUG);
        byId(page, "create:title").fill("Safe launch");
        byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo (48 images)"));
        page.waitForNavigation(() -> byId(page, "create:submit").click());
        page.waitForURL(Pattern.compile(".*/admin/design\\.xhtml\\?slug=" + SLUG + "$"));
        fillDesign(page, 2, 30, 8, 4, 2, 20221);
        byId(page, "designForm:maxLag").fill("12");
        byId(page, "designForm:vigilanceMinLag").fill("1");
        byId(page, "designForm:vigilanceMaxLag").fill("4");
        page.waitForNavigation(() -> byId(page, "designForm:generate").click());
        assertEquals(1, page.locator("[data-testid=valid]").count(), page.content());

        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        String consent = byId(page, "settings:consent").inputValue();
        assertTrue(consent.contains("## Information and consent") && consent.contains("[FILL IN: ethics committee and reference number]"), consent);
        assertTrue(byId(page, "settings:instructions").inputValue().contains("press **SPACE**"));
        assertTrue(byId(page, "settings:debrief").inputValue().contains("[FILL IN: contact e-mail]"));
        assertTrue(text(page, "[data-testid=consent-preview]").contains("Information and consent"));

        assertEquals(1, page.locator("[data-testid=checklist-not-ready]").count());
        assertEquals("true", page.locator("[data-testid=check-sequences]").getAttribute("data-passed"));
        assertEquals("true", page.locator("[data-testid=check-codes]").getAttribute("data-passed"));
        assertEquals("true", page.locator("[data-testid=check-prolificUrl]").getAttribute("data-passed"));
        assertEquals("false", page.locator("[data-testid=check-texts]").getAttribute("data-passed"));
        assertTrue(text(page, "[data-testid=check-texts]").contains("Consent still has 8 [FILL IN: …] parts"), text(page, "[data-testid=check-texts]"));
        assertTrue(text(page, "[data-testid=check-texts]").contains("Debrief still has 2"), text(page, "[data-testid=check-texts]"));
        assertEquals("false", page.locator("[data-testid=check-pilot]").getAttribute("data-passed"));
        assertTrue(text(page, "[data-testid=check-pilot]").contains("no pilot run yet"));
        page.locator("[data-testid=checklist]").scrollIntoViewIfNeeded();
        viewportShot(page, "checklist");
        page.close();
    }

    @Test
    @Order(2)
    void theChecklistBlocksAnEmptyConsentOnTheServerToo() throws Exception {
        Page page = page();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        page.waitForNavigation(() -> page.locator("[data-testid=to-pilot]").click());
        assertEquals("pilot", text(page, "[data-testid=status]"));
        WorkspacePages.fillInTemplates(page);
        byId(page, "settings:consent").fill("");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
        PilotRuns.complete(new Http(deployment.toURI()), SLUG, page.locator("[data-testid=try-participant]").getAttribute("href"));
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        assertEquals("true", page.locator("[data-testid=check-pilot]").getAttribute("data-passed"), "the pilot run counts");
        assertEquals("false", page.locator("[data-testid=check-texts]").getAttribute("data-passed"));
        assertTrue(text(page, "[data-testid=check-texts]").contains("Consent is empty"), text(page, "[data-testid=check-texts]"));

        // Not ready: Go live asks nothing, and the server refuses with every failing item.
        assertEquals("", confirmOf(page, "[data-testid=to-live]"));
        page.waitForNavigation(() -> page.locator("[data-testid=to-live]").click());
        String messages = text(page, "ul.messages");
        assertTrue(messages.contains("'" + SLUG + "' cannot go live yet: 1 item(s) of the pre-launch checklist fail. Nothing was changed."), messages);
        assertTrue(messages.contains("Participant texts written: Consent is empty."), messages);
        assertEquals("pilot", text(page, "[data-testid=status]"));
        shot(page, "checklist-refused");
        page.close();
    }

    @Test
    @Order(3)
    void goingLiveAsksForConfirmationInAKeyboardDialog() {
        Page page = page();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        byId(page, "settings:consent").fill("# Consent\n\nYou agree to take part in a study of the Example Lab.");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
        assertEquals(1, page.locator("[data-testid=checklist-ready]").count(), text(page, "[data-testid=checklist]"));
        assertEquals("confirm-live", confirmOf(page, "[data-testid=to-live]"));

        page.locator("[data-testid=to-live]").click();
        // waits for the state (a failed wait is the failure) rather than reading it once right after the click
        page.locator("[data-testid=confirm-live]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(30_000));
        assertTrue(page.locator("[data-testid=confirm-live]").isVisible(), "the dialog opens instead of going live");
        assertEquals("confirm-live-no", page.evaluate("() => document.activeElement.dataset.testid"), "the focus starts on Cancel");
        assertEquals(Boolean.TRUE, page.evaluate("() => document.querySelector('#confirm-live').matches(':modal')"), "a modal dialog");
        String said = text(page, "[data-testid=confirm-live]");
        assertTrue(said.contains("Go live with ‘Safe launch’?"), said);
        assertEquals("0", text(page, "[data-testid=confirm-live-real]"));
        assertEquals("1", text(page, "[data-testid=confirm-live-pilot]"), "the one completed pilot run");
        viewportShot(page, "confirm-live");
        assertEquals(List.of(), Axe.violationsIn(page, "#confirm-live"), "axe-core " + Axe.VERSION + " on the open dialog");

        page.keyboard().press("Escape");
        page.locator("[data-testid=confirm-live]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN).setTimeout(30_000));
        assertFalse(page.locator("[data-testid=confirm-live]").isVisible(), "Escape cancels");
        assertEquals("to-live", page.evaluate("() => document.activeElement.dataset.testid"), "the focus goes back to the button");
        assertEquals("pilot", text(page, "[data-testid=status]"), "nothing changed");

        page.locator("[data-testid=to-live]").click();
        page.keyboard().press("Tab");
        assertEquals("confirm-live-yes", page.evaluate("() => document.activeElement.dataset.testid"), "Tab moves to Go live");
        page.waitForNavigation(() -> page.keyboard().press("Enter"));
        assertEquals("live", text(page, "[data-testid=status]"));
        page.close();
    }

    @Test
    @Order(4)
    void closingSaysItIsFinalAndHowManyRunsItConcerns() throws Exception {
        Http http = new Http(deployment.toURI());
        Http.Reply real = http.post("api/runs", jakarta.json.Json.createObjectBuilder().add("experiment", SLUG).add("prolificPid", "SAFE0001")
                .add("studyId", "STUDY").add("sessionId", "S1").build(), null);
        assertEquals(201, real.status(), real.body());
        Page page = page();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        assertEquals("confirm-pause", confirmOf(page, "[data-testid=to-paused]"), "one participant is in progress");
        page.locator("[data-testid=to-closed]").click();
        String said = text(page, "[data-testid=confirm-close]");
        assertTrue(said.contains("Closing is final"), said);
        assertEquals("1", text(page, "[data-testid=confirm-close-in-progress]"));
        assertEquals("1", text(page, "[data-testid=confirm-close-real]"));
        viewportShot(page, "confirm-close");
        page.locator("[data-testid=confirm-close-no]").click();
        assertEquals("live", text(page, "[data-testid=status]"));

        page.locator("[data-testid=to-paused]").click();
        assertEquals("1", text(page, "[data-testid=confirm-pause-in-progress]"));
        page.waitForNavigation(() -> page.locator("[data-testid=confirm-pause-yes]").click());
        assertEquals("paused", text(page, "[data-testid=status]"));
        page.close();
    }

    @Test
    @Order(5)
    void theSettingsFormReportsEveryErrorBesideItsField() {
        Page page = page();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        String completed = byId(page, "settings:codeCompleted").inputValue();
        byId(page, "settings:title").fill("");
        byId(page, "settings:codeNoConsent").fill(completed);
        byId(page, "settings:resumeWindow").fill("0");
        byId(page, "settings:maxFalseAlarms").fill("1.5");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
        assertTrue(text(page, "ul.messages").contains("4 values need changing, each shown beside its field. Nothing was saved."), text(page, "ul.messages"));
        assertEquals("Give a title of 1–200 characters.", fieldError(page, "settings:title"));
        assertEquals("Same as the “Completed” code: each outcome needs its own code, or Prolific cannot tell them apart.",
                fieldError(page, "settings:codeNoConsent"));
        assertEquals("", fieldError(page, "settings:codeCompleted"), "the first of two equal codes is not the one to change");
        assertEquals("The resume window must be between 1 and 10080.", fieldError(page, "settings:resumeWindow"));
        assertEquals("The maximum false-alarm rate must be between 0 and 1.", fieldError(page, "settings:maxFalseAlarms"));
        page.locator("[id='settings:codeNoConsent']").scrollIntoViewIfNeeded();
        viewportShot(page, "settings-errors");
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        assertEquals("Safe launch", byId(page, "settings:title").inputValue(), "nothing was saved");
        page.close();
    }

    @Test
    @Order(6)
    void theMarkdownPreviewIsLiveAndItsLinksOpenANewTab() {
        Page page = page();
        page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
        byId(page, "settings:debrief").fill("## Thanks\n\nRead more on [our page](https://example.org/study). <b>raw</b>");
        page.waitForFunction("() => document.querySelector('[data-testid=debrief-preview] a') !== null");
        @SuppressWarnings("unchecked")
        Map<String, Object> link = (Map<String, Object>) page.evaluate("() => { const a = document.querySelector('[data-testid=debrief-preview] a');"
                + " return {href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'),"
                + " h2: document.querySelector('[data-testid=debrief-preview] h2').textContent,"
                + " bold: document.querySelectorAll('[data-testid=debrief-preview] b').length}; }");
        assertEquals(Map.of("href", "https://example.org/study", "target", "_blank", "rel", "noopener noreferrer", "h2", "Thanks", "bold", 0), link,
                "rendered before saving, by the server's renderer: raw HTML stays text");
        page.locator("[data-testid=debrief-preview]").scrollIntoViewIfNeeded();
        viewportShot(page, "live-preview");

        // On the participant page too: a link in the consent opens a new tab.
        byId(page, "settings:consent").fill("# Consent\n\nYou agree to take part. [Data policy](https://example.org/policy)");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
        Page participant = context.newPage();
        participant.navigate(page.locator("[data-testid=try-participant]").getAttribute("href"));
        participant.waitForFunction("() => document.querySelector('[data-testid=consent-text] a') !== null");
        assertEquals(List.of("https://example.org/policy", "_blank", "noopener noreferrer"), participant.evaluate(
                "() => { const a = document.querySelector('[data-testid=consent-text] a'); return [a.href, a.target, a.rel]; }"));
        participant.close();
        page.close();
    }

    @Test
    @Order(7)
    void aDesignFormWithThreeErrorsShowsAllThreeAndInfeasibilityInTheFormsWords() throws Exception {
        Page page = page();
        page.navigate(url("admin/index.xhtml"));
        byId(page, "create:slug").fill("safe-design");
        byId(page, "create:title").fill("Design errors");
        byId(page, "create:stimulusSet").selectOption(new SelectOption().setLabel("demo (48 images)"));
        page.waitForNavigation(() -> byId(page, "create:submit").click());
        page.waitForURL(Pattern.compile(".*/admin/design\\.xhtml\\?slug=safe-design$"));

        fillDesign(page, 0, 1, 8, 4, 2, 1);
        byId(page, "designForm:displayMs").fill("50");
        page.waitForNavigation(() -> byId(page, "designForm:generate").click());
        assertEquals("1 to 1000.", fieldError(page, "designForm:sequencesCount"));
        assertEquals("2 to 5000.", fieldError(page, "designForm:length"));
        assertEquals("100 to 60000 ms.", fieldError(page, "designForm:displayMs"));
        assertEquals(3, page.locator(".field-error").count(), "three errors, three messages");
        viewportShot(page, "design-three-errors");

        // The model study's design on the 48-image demo set: each reason beside its field, with what the set has.
        fillDesign(page, 10, 150, 40, 30, 0, 1);
        byId(page, "designForm:displayMs").fill("3000");
        byId(page, "designForm:allowRepeatedFillers").uncheck();
        page.waitForNavigation(() -> byId(page, "designForm:generate").click());
        assertTrue(text(page, "ul.messages").contains("This design cannot be built from the stimulus set: 3 reasons"), text(page, "ul.messages"));
        assertTrue(fieldError(page, "designForm:repeats").endsWith("Lower “Repeated targets per sequence” to at most 12, or import a set with more such pairs."),
                fieldError(page, "designForm:repeats"));
        assertTrue(fieldError(page, "designForm:length").contains("or use a set with more foils"), fieldError(page, "designForm:length"));
        assertTrue(fieldError(page, "designForm:allowRepeatedFillers").startsWith("“Fillers may recur across sequences” is not ticked, so 10 sequences"),
                fieldError(page, "designForm:allowRepeatedFillers"));
        String facts = text(page, "[data-testid=set-facts]");
        assertTrue(facts.contains("'foil' 24, 'high' 12, 'low' 12; 12 pairs, 12 of them with one 'high' and one 'low' member"), facts);
        String reasons = text(page, "[data-testid=infeasible]");
        for (String internal : List.of("minLag", "allowRepeatedFillers", "targetConditions")) {
            assertFalse(reasons.contains(internal), internal + " in " + reasons);
        }
        assertTrue(reasons.startsWith("Repeated targets per sequence: "), reasons);
        shot(page, "design-infeasible-explained");

        // Once pilot runs exist, new sequences (which void them) and another stimulus set ask first.
        fillDesign(page, 2, 30, 8, 4, 2, 20221);
        byId(page, "designForm:maxLag").fill("12");
        byId(page, "designForm:vigilanceMinLag").fill("1");
        byId(page, "designForm:vigilanceMaxLag").fill("4");
        assertEquals("", confirmOf(page, "[id='designForm:generate']"), "no pilot runs yet: nothing to ask");
        page.waitForNavigation(() -> byId(page, "designForm:generate").click());
        assertEquals(1, page.locator("[data-testid=valid]").count(), page.content());
        page.navigate(url("admin/experiment.xhtml?slug=safe-design"));
        PilotRuns.complete(new Http(deployment.toURI()), "safe-design", page.locator("[data-testid=try-participant]").getAttribute("href"));
        page.navigate(url("admin/experiment.xhtml?slug=safe-design"));
        assertEquals("confirm-set", confirmOf(page, "[id='stimulusSetForm:change']"));
        assertEquals("1", text(page, "[data-testid=confirm-set-pilot]"));
        page.navigate(url("admin/design.xhtml?slug=safe-design"));
        byId(page, "designForm:seed").fill("7");
        byId(page, "designForm:generate").click();
        assertEquals("1", text(page, "[data-testid=confirm-generate-pilot]"));
        viewportShot(page, "confirm-generate");
        page.waitForNavigation(() -> page.locator("[data-testid=confirm-generate-yes]").click());
        assertTrue(text(page, "ul.messages").contains("Generated 2 sequences"), text(page, "ul.messages"));
        assertEquals("", confirmOf(page, "[id='designForm:generate']"), "the pilot run was voided");
        page.close();
    }

    @Test
    @Order(8)
    void anImportWithManifestAndFileProblemsListsThemAllWithACount() throws IOException {
        Path demo = REPO.resolve("stimuli/demo");
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(demo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put("demo/" + demo.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        String manifest = new String(entries.get("demo/manifest.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("pair01_low,images/pair01_low.png,pair01,low,", "pair01_low,images/pair01_low.png,pair01,,")
                .replace("pair03_high,images/pair03_high.png,pair03,", "pair02_high,images/pair03_high.png,pair03,");
        entries.put("demo/manifest.csv", manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        entries.remove("demo/images/foil05.png");
        entries.put("demo/images/foil06.png", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3, 4, 5});
        Path zip = Files.createTempFile("mixed-problems", ".zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Page page = page();
        page.navigate(url("admin/stimuli.xhtml"));
        byId(page, "upload:name").fill("mixed problems");
        byId(page, "upload:zip").setInputFiles(zip);
        page.waitForNavigation(() -> byId(page, "upload:submit").click());
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) page.evaluate("() => [...document.querySelectorAll('[data-testid=problems] li')].map(li => li.textContent.trim())");
        assertTrue(problems.size() >= 4, "the manifest's two problems and both files': " + String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("manifest.csv line 3, column condition: condition is empty"), problems.get(0));
        assertTrue(problems.stream().anyMatch(p -> p.contains("'pair02_high'") && p.contains("duplicate")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.contains("'images/foil05.png' does not exist")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.contains("'images/foil06.png' does not start like a PNG file")), String.join("\n", problems));
        assertTrue(problems.stream().noneMatch(p -> p.contains("a image/")), "no 'a image/png'");
        assertEquals(problems.size() + " problems (nothing was imported)", text(page, "[data-testid=problem-count]"));
        assertTrue(text(page, "ul.messages").contains("The stimulus set was not imported: " + problems.size() + " problems, listed below. Nothing was stored."),
                text(page, "ul.messages"));
        assertFalse(page.content().contains("mixed problems ("), "no set was stored");
        shot(page, "import-all-problems");
        page.close();
    }
}
