package engram.experiment;

import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.WorkspacePages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.SelectOption;

/**
 * Owners and collaborators (issue 12, item 7) on Payara Micro with H2, in headless Chromium and over HTTP: an
 * experimenter's experiment is invisible to another experimenter (list, pages, downloads, scripts API), sharing makes it
 * visible and is in the audit log, a removed collaborator's open form is refused with 403, and an analyst sees no
 * controls for changes. The tests run in order and build on each other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingIT extends ChromiumDeployment {

    static final String OWEN = "owen's long password";
    static final String ELLA = "ella's long password";
    static final String ANA = "ana's long password";
    static final String SLUG = "owen-study";
    static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("sharing");
    }

    @Test
    @Order(1)
    void theAdminCreatesTwoExperimentersAndAnAnalyst() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", Deployments.ADMIN_PASSWORD);
            page.navigate(url("admin/users.xhtml"));
            createUser(page, "owen", "EXPERIMENTER", OWEN);
            createUser(page, "ella", "EXPERIMENTER", ELLA);
            createUser(page, "ana", "ANALYST", ANA);
            assertTrue(page.content().contains("Created ana (analyst)."));
        }
    }

    @Test
    @Order(2)
    void anExperimenterOwnsWhatTheyCreateAndNobodyElseButAdminsSeesIt() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "owen", OWEN);
            assertEquals(0, page.locator("[data-testid=experiment-demo]").count(), "the demo belongs to the admin and is not shared");
            byId(page, "create:slug").fill(SLUG);
            byId(page, "create:title").fill("Owen's study");
            byId(page, "create:stimulusSet").selectOption(new SelectOption().setIndex(1));
            page.waitForNavigation(() -> byId(page, "create:submit").click());
            assertTrue(page.url().contains("design.xhtml?slug=" + SLUG), page.url());
            assertEquals("owen", page.locator("[data-testid=owner]").textContent().trim());
            page.navigate(url("admin/index.xhtml"));
            assertEquals("owen", page.locator("[data-testid=owner-" + SLUG + "]").textContent().trim());
        }
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", Deployments.ADMIN_PASSWORD);
            assertEquals(1, page.locator("[data-testid=experiment-" + SLUG + "]").count(), "admins see every experiment");
            assertEquals(1, page.locator("[data-testid=experiment-demo]").count());
        }
    }

    @Test
    @Order(3)
    void anotherExperimenterCanNeitherListNorOpenNorDownloadNorExportIt() {
        List<String> failures = new ArrayList<>();
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "ella", ELLA);
            assertEquals(0, page.locator("[data-testid=experiment-" + SLUG + "]").count(), "not in ella's list");
            for (String path : pages(SLUG)) {
                Response response = page.navigate(url(path));
                String reason = page.locator("#denied-reason").count() == 0 ? "" : page.locator("#denied-reason").textContent();
                if (response.status() != 403 || !reason.contains("not shared with you")) {
                    failures.add(path + ": expected 403 'not shared with you', got " + response.status() + " " + reason.trim());
                }
            }
            for (String path : List.of("admin/files/" + SLUG + "/sequences.csv", "admin/files/" + SLUG + "/export.zip?images=false")) {
                int status = context.request().get(url(path)).status();
                if (status != 403) {
                    failures.add(path + ": expected 403, got " + status);
                }
            }
        }
        Http http = new Http(base());
        Http.Reply list = http.get("api/experiments", "ella", ELLA);
        assertEquals(200, list.status());
        assertFalse(list.body().contains(SLUG), "the API lists only what ella may see: " + list.body());
        for (String path : List.of("api/experiments/" + SLUG, "api/experiments/" + SLUG + "/runs", "api/experiments/" + SLUG + "/export?images=false")) {
            Http.Reply reply = http.get(path, "ella", ELLA);
            if (reply.status() != 403 || !reply.body().contains("not_shared")) {
                failures.add(path + ": expected 403 not_shared, got " + reply.status() + " " + reply.body());
            }
        }
        assertEquals(404, http.get("api/experiments/no-such-study", "ella", ELLA).status(), "an unknown name is still a 404");
        assertEquals(200, http.get("api/experiments/" + SLUG + "/export?images=false", "owen", OWEN).status(), "the owner may export");
        assertEquals(List.of(), failures);
    }

    @Test
    @Order(4)
    void sharingMakesItVisibleAndIsInTheAuditLog() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "owen", OWEN);
            page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
            page.waitForNavigation(() -> byId(page, "share:add").click()); // nothing chosen
            assertTrue(page.locator("[id='share:collaborator'] ~ .field-error").textContent().contains("Choose the account"));
            share(page, "ella");
            share(page, "ana");
            assertTrue(page.locator(".messages").textContent().contains("Shared '" + SLUG + "' with ana."));
            assertEquals("owen|ana|ella", members(page), "owner first, then the collaborators");
            assertEquals(0, page.locator("[id='share:collaborator'] option[value='admin']").count(), "admins are not offered");
            page.locator("#sharing").scrollIntoViewIfNeeded();
            page.locator("#sharing").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions().setPath(SHOTS.resolve("workspace-sharing.png")));
            page.navigate(url("admin/audit.xhtml?slug=" + SLUG));
            String audit = page.locator("[id='events']").textContent();
            assertTrue(audit.contains("shared") && audit.contains("with ella (experimenter)") && audit.contains("with ana (analyst)"), audit);
        }
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "ella", ELLA);
            assertEquals(1, page.locator("[data-testid=experiment-" + SLUG + "]").count(), "now in ella's list");
            assertEquals(200, page.navigate(url("admin/experiment.xhtml?slug=" + SLUG)).status());
            assertEquals(0, page.locator("[id='share:add']").count(), "only the owner and admins share");
        }
        Http http = new Http(base());
        assertTrue(http.get("api/experiments", "ella", ELLA).body().contains(SLUG));
        assertEquals(200, http.get("api/experiments/" + SLUG + "/export?images=false", "ella", ELLA).status());
    }

    @Test
    @Order(5)
    void aRemovedCollaboratorsOpenFormIsRefusedAndNothingChanges() {
        try (BrowserContext ellaContext = newContext(); BrowserContext owenContext = newContext()) {
            Page ella = loggedIn(ellaContext, "ella", ELLA);
            ella.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
            byId(ella, "settings:title").fill("Ella's title");

            Page owen = loggedIn(owenContext, "owen", OWEN);
            owen.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
            owen.waitForNavigation(() -> owen.locator("[data-testid=remove-ella]").click());
            assertEquals("owen|ana", members(owen));

            Response saved = ella.waitForNavigation(() -> byId(ella, "settings:save").click());
            assertEquals(403, saved.status(), "the form of an experiment no longer shared");
            assertTrue(ella.locator("#denied-reason").textContent().contains("not shared with you"));
            assertEquals(403, ellaContext.request().get(url("admin/design.xhtml?slug=" + SLUG)).status());

            owen.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
            assertEquals("Owen's study", byId(owen, "settings:title").inputValue(), "nothing changed");
            owen.navigate(url("admin/audit.xhtml?slug=" + SLUG));
            assertTrue(owen.locator("[id='events']").textContent().contains("ella removed"));
        }
        assertEquals(403, new Http(base()).get("api/experiments/" + SLUG, "ella", ELLA).status());
    }

    @Test
    @Order(6)
    void anAnalystSeesNoControlsForChangesWhereAnExperimenterDoes() {
        String controls = """
                () => ['[data-testid^=to-]', "[id='settings:save']", "[id='display:save']", "[id='webhooks:save']", "[id='stimulusSetForm:change']",
                       "[id='clone:submit']", "[id='share:add']", "[id='designForm:generate']", "[id='create:submit']", "[id='upload:submit']"]
                  .map(s => document.querySelectorAll(s).length).reduce((a, b) => a + b, 0)""";
        for (String[] who : new String[][] {{"ana", ANA}, {"owen", OWEN}}) {
            try (BrowserContext context = newContext()) {
                Page page = loggedIn(context, who[0], who[1]);
                int shown = 0;
                for (String path : List.of("admin/index.xhtml", "admin/stimuli.xhtml", "admin/experiment.xhtml?slug=" + SLUG,
                        "admin/design.xhtml?slug=" + SLUG)) {
                    assertEquals(200, page.navigate(url(path)).status(), path);
                    shown += ((Number) page.evaluate(controls)).intValue();
                }
                if (who[0].equals("ana")) {
                    assertEquals(0, shown, "an analyst sees no Pause/Close/Save, create, import, clone, share or generate");
                    page.navigate(url("admin/experiment.xhtml?slug=" + SLUG));
                    assertEquals(1, page.locator("#read-only-notice").count());
                    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workspace-analyst.png")));
                } else {
                    // draft: Start pilot and Go live, Save ×2, webhooks, set, clone, share, generate, create, upload
                    assertTrue(shown >= 11, "the experimenter sees the controls (so the selectors above are right): " + shown);
                }
            }
        }
    }

    private static List<String> pages(String slug) {
        return List.of("admin/experiment.xhtml?slug=" + slug, "admin/design.xhtml?slug=" + slug, "admin/monitor.xhtml?slug=" + slug,
                "admin/export.xhtml?slug=" + slug, "admin/audit.xhtml?slug=" + slug);
    }

    private static void share(Page page, String username) {
        byId(page, "share:collaborator").selectOption(username);
        page.waitForNavigation(() -> byId(page, "share:add").click());
    }

    private static String members(Page page) {
        return (String) page.evaluate("() => [...document.querySelectorAll('[data-member]')].map(r => r.dataset.member).join('|')");
    }

    private static void createUser(Page page, String username, String role, String password) {
        byId(page, "create:username").fill(username);
        byId(page, "create:role").selectOption(role);
        byId(page, "create:password").fill(password);
        page.waitForNavigation(() -> byId(page, "create:submit").click());
    }

    private BrowserContext newContext() {
        return CHROMIUM.context(1280, 900);
    }

    private Page loggedIn(BrowserContext context, String username, String password) {
        return WorkspacePages.loggedIn(context, base(), username, password);
    }

}
