package engram.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.StimulusZip;
import engram.testing.WorkspacePages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SelectOption;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Accounts and security on Payara Micro, in real headless Chromium and over HTTP: form login and logout, the users page,
 * API tokens, the authorization walk over routes.csv, CSRF (view state), the login rate limit and the OpenAPI document.
 * The tests run in order: the users created by the admin in test 2 are used by the later ones.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsIT extends ChromiumDeployment {

    static final String ADMIN_PASSWORD = Deployments.ADMIN_PASSWORD;
    static final String ERIN_PASSWORD = "erin's long password";
    static final String ANDY_PASSWORD = "andy's long password";
    static final String ANDY_NEW_PASSWORD = "andy's newer password";
    static final String LENA_PASSWORD = "lena's long password";
    static final String DORA_PASSWORD = "dora's long password";
    static final String ANDY_RESET_PASSWORD = "andy's password after the reset";
    static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("accounts");
    }

    @Test
    @Order(1)
    void pagesNeedALoginAWrongPasswordIsRefusedAndLogoutEndsTheSession() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(url("admin/tokens.xhtml"));
            assertTrue(page.url().contains("/admin/login.xhtml?next="), page.url());
            screenshot(page, "login");

            submitLogin(page, "admin", "not the password");
            assertTrue(text(page, "#login-messages").contains("Wrong username or password."));
            assertTrue(page.url().contains("/admin/login.xhtml"));

            submitLogin(page, "admin", ADMIN_PASSWORD);
            page.waitForURL("**/admin/tokens.xhtml");
            assertEquals("API tokens", text(page, "h1"));
            assertTrue(text(page, "#who").startsWith("admin"), "the header names who is logged in");

            submit(page, page.locator("[id='account:logout']"));
            page.waitForURL("**/admin/login.xhtml?loggedOut=true");
            assertEquals("You have logged out.", text(page, "#logged-out"));
            page.navigate(url("admin/tokens.xhtml"));
            assertTrue(page.url().contains("/admin/login.xhtml"), "the session ended: " + page.url());

            page.navigate(url("admin/login.xhtml"));
            submitLogin(page, "admin", ADMIN_PASSWORD);
            page.waitForURL("**/admin/index.xhtml");
        }
    }

    @Test
    @Order(2)
    void theAdminCreatesUsersWithRolesResetsAPasswordAndDisablesAnAccount() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            page.navigate(url("admin/users.xhtml"));

            createUser(page, "Erin Smith", null, "short");
            assertTrue(fieldError(page, "create", "username").contains("lower-case letters"));
            assertTrue(fieldError(page, "create", "role").contains("Choose a role."));
            assertTrue(fieldError(page, "create", "password").contains("at least 12 characters"));
            assertTrue(page.content().contains("Nothing was changed"));
            createUser(page, "erin", "EXPERIMENTER", "elevenchars");
            assertTrue(fieldError(page, "create", "password").contains("at least 12 characters"));
            assertEquals(0, row(page, "erin").count(), "nothing was stored");

            createUser(page, "erin", "EXPERIMENTER", ERIN_PASSWORD);
            assertTrue(page.content().contains("Created erin (experimenter)."));
            createUser(page, "andy", "ANALYST", ANDY_PASSWORD);
            createUser(page, "lena", "EXPERIMENTER", LENA_PASSWORD);
            createUser(page, "dora", "ANALYST", DORA_PASSWORD);
            assertEquals(1, row(page, "erin").count());
            assertTrue(row(page, "andy").textContent().contains("analyst"));
            createUser(page, "erin", "ANALYST", "another long password");
            assertTrue(fieldError(page, "create", "username").contains("is taken"));

            page.locator("[id='reset:account']").selectOption("andy");
            page.locator("[id='reset:password']").fill("too short");
            submit(page, page.locator("[id='reset:submit']"));
            assertTrue(fieldError(page, "reset", "password").contains("at least 12 characters"));
            assertEquals(200, api("api/experiments", basic("andy", ANDY_PASSWORD)).status(), "a refused reset changes nothing");
            page.locator("[id='reset:account']").selectOption("andy");
            page.locator("[id='reset:password']").fill(ANDY_NEW_PASSWORD);
            submit(page, page.locator("[id='reset:submit']"));
            assertTrue(text(page, ".messages").contains("The password of andy was reset."));
            assertEquals(401, api("api/experiments", basic("andy", ANDY_PASSWORD)).status());
            assertEquals(200, api("api/experiments", basic("andy", ANDY_NEW_PASSWORD)).status());

            try (BrowserContext doraContext = newContext()) {
                Page dora = loggedIn(doraContext, "dora", DORA_PASSWORD);
                submit(page, row(page, "dora").locator("input[value='Disable']"));
                assertTrue(row(page, "dora").textContent().contains("disabled"));
                assertEquals(401, api("api/experiments", basic("dora", DORA_PASSWORD)).status(), "a disabled account is refused");
                dora.navigate(url("admin/tokens.xhtml"));
                assertTrue(dora.url().contains("/admin/login.xhtml"), "a disabled account's open session ends: " + dora.url());
            }
            submit(page, row(page, "dora").locator("input[value='Enable']"));
            assertTrue(row(page, "dora").textContent().contains("active"));
            assertEquals(200, api("api/experiments", basic("dora", DORA_PASSWORD)).status());
            submit(page, row(page, "admin").locator("input[value='Disable']"));
            assertTrue(text(page, ".messages").contains("You cannot disable your own account."));
            screenshot(page, "users");

            // the demo belongs to the admin: share it with erin and andy for the tests below (dora and lena stay without it)
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            for (String user : List.of("erin", "andy")) {
                page.locator("[id='share:collaborator']").selectOption(user);
                submit(page, page.locator("[id='share:add']"));
                assertTrue(text(page, ".messages").contains("Shared 'demo' with " + user + "."));
            }
        }
    }

    @Test
    @Order(3)
    void anAnalystCannotReachTheUsersPage() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "andy", ANDY_NEW_PASSWORD);
            Response users = page.navigate(url("admin/users.xhtml"));
            assertEquals(403, users.status());
            assertEquals("Not allowed", text(page, "h1"));
            screenshot(page, "access-denied");
            assertEquals(200, page.navigate(url("admin/tokens.xhtml")).status());
        }
    }

    @Test
    @Order(4)
    void aPersonalTokenWorksForScriptsUntilItIsRevoked() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "andy", ANDY_NEW_PASSWORD);
            page.navigate(url("admin/tokens.xhtml"));
            submit(page, page.locator("[id='create:submit']"));
            assertTrue(fieldError(page, "create", "name").contains("Give the token a name"));

            page.locator("[id='create:name']").fill("nightly export");
            submit(page, page.locator("[id='create:submit']"));
            String secret = text(page, "#token-secret").trim();
            assertTrue(secret.startsWith("engram_"), secret);
            screenshot(page, "tokens");

            Http.Reply experiments = api("api/experiments", "Bearer " + secret);
            assertEquals(200, experiments.status(), experiments.body());
            assertTrue(experiments.body().contains("\"slug\":\"demo\""));
            assertEquals(200, api("api/experiments/demo/export?images=false", "Bearer " + secret).status(), "analysts may export");

            page.navigate(url("admin/tokens.xhtml"));
            assertEquals(0, page.locator("#token-secret").count(), "a token is shown once");
            Locator row = page.locator("tr:has(.token-name:text-is('nightly export'))");
            assertFalse(row.textContent().contains("never"), "last used is noted: " + row.textContent());
            submit(page, row.locator("input[value='Revoke']"));
            assertTrue(text(page, ".messages").contains("revoked"));
            Http.Reply revoked = api("api/experiments", "Bearer " + secret);
            assertEquals(401, revoked.status());
            assertEquals("bad_credentials", revoked.error());
        }
    }

    /** One route of routes.csv. */
    record Route(String path, String method, String minimumRole) {
        boolean isApi() {
            return path.startsWith("/api/");
        }

        /**
         * A read passes with 2xx. A change gets an empty JSON object from the walk (so the walk changes nothing): it
         * passes with 2xx, or with the 400 that refuses the missing input, which the resource answers only after
         * authorization (every resource checks the role first).
         */
        boolean passed(Http.Reply reply) {
            if (!method.equals("GET") && reply.status() == 400) {
                return true;
            }
            return reply.status() >= 200 && reply.status() <= 299;
        }
    }

    @Test
    @Order(5)
    void everyRouteRefusesAnonymousAndWeakerRolesAndServesTheOthers() throws IOException {
        List<Route> routes = withRunId(routes());
        assertTrue(routes.size() >= 7, "routes.csv was read");
        Map<String, String> passwords = Map.of("ADMIN", "admin:" + ADMIN_PASSWORD, "EXPERIMENTER", "erin:" + ERIN_PASSWORD,
                "ANALYST", "andy:" + ANDY_NEW_PASSWORD);
        List<String> roles = List.of("ANALYST", "EXPERIMENTER", "ADMIN");
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            Http.Reply anonymous = call(route, null);
            if (route.isApi()) {
                expect(failures, route, "anonymous", 401, anonymous.status());
            } else {
                String location = anonymous.raw().headers().firstValue("Location").orElse("");
                if (anonymous.status() != 302 || !location.contains("/admin/login.xhtml")) {
                    failures.add(route + " anonymous: expected a redirect to the login page, got " + anonymous.status() + " " + location);
                }
            }
        }
        for (String role : roles) {
            String[] user = passwords.get(role).split(":", 2);
            try (BrowserContext context = newContext()) {
                loggedIn(context, user[0], user[1]);
                for (Route route : routes) {
                    boolean allowed = roles.indexOf(role) >= roles.indexOf(route.minimumRole());
                    Http.Reply reply = route.isApi() ? call(route, basic(user[0], user[1])) : null;
                    int status = route.isApi() ? reply.status() : pageStatus(context, route);
                    boolean passed = route.isApi() ? route.passed(reply) : status >= 200 && status <= 299;
                    if (allowed ? !passed : status != 403) {
                        failures.add(route + " as " + role + ": expected " + (allowed ? "2xx" : "403") + ", got " + status);
                    }
                }
            }
        }
        // an account the experiment is not shared with: 403 on every route of that experiment, the rest as its role
        try (BrowserContext context = newContext()) {
            loggedIn(context, "dora", DORA_PASSWORD);
            for (Route route : routes) {
                boolean ofTheDemo = route.path().contains("demo");
                boolean allowed = route.minimumRole().equals("ANALYST") && !ofTheDemo;
                int status = route.isApi() ? call(route, basic("dora", DORA_PASSWORD)).status() : pageStatus(context, route);
                if (allowed ? status < 200 || status > 299 : status != 403) {
                    failures.add(route + " as ANALYST without the demo shared: expected " + (allowed ? "2xx" : "403") + ", got " + status);
                }
            }
            String list = context.request().get(url("api/experiments")).text();
            if (list.contains("\"demo\"")) {
                failures.add("api/experiments lists the demo to dora: " + list);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @Order(6)
    void theRunsRouteIsPagedCarriesNoProlificIdsAndRefusesBadInput() {
        Http http = new Http(base());
        String admin = basic("admin", ADMIN_PASSWORD);
        int before = api("api/experiments/demo/runs?page=0&size=10", admin).json().getInt("total"); // the walk may have opened one
        assertEquals(201, http.post("api/runs", Json.createObjectBuilder().add("experiment", "demo").add("prolificPid", "PIDSECRET42")
                .add("studyId", "IT").add("sessionId", "S1").build(), null).status());
        Http.Reply runs = api("api/experiments/demo/runs?page=0&size=10", admin);
        assertEquals(200, runs.status(), runs.body());
        JsonObject page = runs.json();
        assertEquals(before + 1, page.getInt("total"));
        JsonObject run = page.getJsonArray("runs").getJsonObject(0);
        assertEquals("STARTED", run.getString("state"));
        assertEquals(0, run.getInt("trialsSaved"));
        assertTrue(run.containsKey("sequence") && run.containsKey("startedAt") && run.containsKey("finishedAt"));
        assertFalse(runs.body().contains("PIDSECRET42"), "no Prolific IDs in the runs list");
        assertEquals(0, api("api/experiments/demo/runs?page=1&size=10", admin).json().getJsonArray("runs").size());

        assertEquals("bad_page", api("api/experiments/demo/runs?page=-1", admin).error());
        assertEquals("bad_page", api("api/experiments/demo/runs?page=first", admin).error());
        assertEquals("bad_page_size", api("api/experiments/demo/runs?size=0", admin).error());
        assertEquals("bad_page_size", api("api/experiments/demo/runs?size=501", admin).error());
        assertEquals(400, api("api/experiments/demo/runs?size=501", admin).status());
        assertEquals(404, api("api/experiments/nope/runs", admin).status());

        Http.Reply malformed = api("api/experiments", "Basic !!!");
        assertEquals(401, malformed.status());
        assertTrue(malformed.raw().headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Bearer")));
        assertEquals(401, api("api/experiments", "Token abc").status());
        assertEquals(401, api("api/experiments", "Bearer engram_not-a-real-token").status());
    }

    @Test
    @Order(7)
    void theApiTakesTheSessionCookieForReadsButNeverForChanges() {
        try (BrowserContext context = newContext()) {
            loggedIn(context, "admin", ADMIN_PASSWORD);
            assertEquals(200, context.request().get(url("api/experiments")).status());
            APIResponse post = context.request().post(url("api/experiments"), RequestOptions.create().setData("{}")
                    .setHeader("Content-Type", "application/json"));
            assertEquals(403, post.status(), post.text());
            assertTrue(post.text().contains("session_not_accepted"));
            for (String change : List.of("api/archives", "api/stimulus-sets?name=x", "api/experiments/demo/status?to=paused")) {
                APIResponse refused = context.request().post(url(change), RequestOptions.create().setData("{}")
                        .setHeader("Content-Type", "application/json"));
                assertEquals(403, refused.status(), change + ": " + refused.text());
                assertTrue(refused.text().contains("session_not_accepted"), change);
            }
            assertEquals(403, context.request().delete(url("api/experiments/demo")).status());
        }
        Http http = new Http(base());
        assertEquals(401, http.post("api/experiments", Json.createObjectBuilder().build(), null).status(), "anonymous");
    }

    @Test
    @Order(8)
    void aFormPostWithoutAValidViewStateIsRefused() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            page.navigate(url("admin/users.xhtml"));
            String viewState = page.locator("[id='create'] input[name='jakarta.faces.ViewState']").getAttribute("value");
            assertTrue(viewState != null && !viewState.isBlank());

            APIResponse noState = context.request().post(url("admin/users.xhtml"), RequestOptions.create()
                    .setForm(createForm("mallory", null)).setMaxRedirects(0));
            assertTrue(noState.status() < 300 || noState.status() >= 400, "status " + noState.status());
            APIResponse forged = context.request().post(url("admin/users.xhtml"), RequestOptions.create()
                    .setForm(createForm("mallory2", "-4711:-4711")).setMaxRedirects(0));
            assertTrue(forged.status() >= 400, "a forged view state is refused: " + forged.status());
            APIResponse genuine = context.request().post(url("admin/users.xhtml"), RequestOptions.create()
                    .setForm(createForm("trudy", viewState)).setMaxRedirects(0));
            assertEquals(200, genuine.status());

            page.navigate(url("admin/users.xhtml"));
            assertEquals(0, row(page, "mallory").count(), "no view state: nothing created");
            assertEquals(0, row(page, "mallory2").count(), "forged view state: nothing created");
            assertEquals(1, row(page, "trudy").count(), "the same post with the page's view state works, so the refusals are real");
        }
    }

    @Test
    @Order(9)
    void repeatedFailuresLockTheUsernameWithAClearMessage() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(url("admin/login.xhtml"));
            for (int attempt = 1; attempt <= 4; attempt++) {
                submitLogin(page, "lena", "wrong password " + attempt);
                assertEquals("Wrong username or password.", text(page, "#login-messages").trim());
            }
            submitLogin(page, "lena", "wrong password 5");
            assertTrue(text(page, "#login-messages").contains("Too many failed logins: try again in 5 minutes."));
            submitLogin(page, "lena", LENA_PASSWORD);
            assertEquals("Too many failed logins: try again in 5 minutes.", text(page, "#login-messages").trim(),
                    "even the right password is refused while locked");
            assertTrue(page.url().contains("/admin/login.xhtml"));
            screenshot(page, "rate-limited");

            Http.Reply locked = api("api/experiments", basic("lena", LENA_PASSWORD));
            assertEquals(429, locked.status());
            assertEquals("too_many_failures", locked.error());
            assertEquals(200, api("api/experiments", basic("erin", ERIN_PASSWORD)).status(), "other users are not locked");
        }
    }

    @Test
    @Order(10)
    void theOpenApiDocumentListsTheParticipantAndScriptsApis() {
        Http.Reply yaml = new Http(base()).get("/openapi");
        assertEquals(200, yaml.status());
        for (String path : List.of("/api/runs", "/api/runs/{runId}/trials/{position}", "/api/experiments",
                "/api/experiments/{slug}/runs", "/api/experiments/{slug}/export")) {
            assertTrue(yaml.body().contains(path + ":"), "the document lists " + path);
        }
        assertTrue(yaml.body().contains("bearer"), "the token scheme is documented");
    }

    @Test
    @Order(11)
    void everyWorkspacePageShowsTheAccountBoxAndOnlyAdminsSeeTheUsersLink() throws IOException {
        Map<String, String> passwords = Map.of("ADMIN", "admin:" + ADMIN_PASSWORD, "EXPERIMENTER", "erin:" + ERIN_PASSWORD,
                "ANALYST", "andy:" + ANDY_NEW_PASSWORD);
        List<String> roles = List.of("ANALYST", "EXPERIMENTER", "ADMIN");
        List<Route> pages = withRunId(routes()).stream().filter(r -> r.path().endsWith(".xhtml") || r.path().contains(".xhtml?")).toList();
        assertTrue(pages.size() >= 8, "routes.csv lists the workspace pages");
        List<String> failures = new ArrayList<>();
        for (String role : roles) {
            String[] user = passwords.get(role).split(":", 2);
            try (BrowserContext context = newContext()) {
                Page page = loggedIn(context, user[0], user[1]);
                for (Route route : pages) {
                    if (roles.indexOf(role) < roles.indexOf(route.minimumRole())) {
                        continue;
                    }
                    page.navigate(url(route.path().substring(1)));
                    // one evaluate: the header's state read in a single step
                    String header = (String) page.evaluate("() => { const who = document.getElementById('who');"
                            + " const logout = document.getElementById('account:logout');"
                            + " const users = [...document.querySelectorAll('header.top nav a')].filter(a => a.textContent.trim() === 'Users').length;"
                            + " const readOnly = document.getElementById('read-only-notice') ? 'read-only' : 'editable';"
                            + " return (who ? who.textContent.trim().split(/\\s+/)[0] : '-') + '|' + (logout ? 'logout' : '-') + '|' + users + '|' + readOnly; }");
                    String expected = user[0] + "|logout|" + (role.equals("ADMIN") ? 1 : 0) + "|" + (role.equals("ANALYST") ? "read-only" : "editable");
                    if (!expected.equals(header)) {
                        failures.add(route.path() + " as " + role + ": expected " + expected + ", got " + header);
                    }
                }
                if (role.equals("ANALYST")) {
                    page.navigate(url("admin/index.xhtml"));
                    screenshot(page, "header-analyst");
                } else if (role.equals("ADMIN")) {
                    page.navigate(url("admin/index.xhtml"));
                    screenshot(page, "header-admin");
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @Order(12)
    void anAnalystSeesNoControlsForChangesAndAnExperimenterUsesThem() {
        String controls = "() => ['[data-testid=to-paused]', '[data-testid=to-closed]', \"[id='settings:save']\", \"[id='display:save']\","
                + " \"[id='create:submit']\"].map(s => document.querySelectorAll(s).length).join(',')";
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "andy", ANDY_NEW_PASSWORD);
            assertEquals("0,0,0,0,0", page.evaluate(controls), "no create form for an analyst");
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            assertEquals("0,0,0,0,0", page.evaluate(controls), "no Pause, Close or Save for an analyst");
            screenshot(page, "analyst-experiment");
        }
        Http.Reply demo = api("api/experiments/demo", basic("admin", ADMIN_PASSWORD));
        assertEquals("LIVE", demo.json().getString("status").toUpperCase(), "the status did not change: " + demo.body());
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "erin", ERIN_PASSWORD);
            assertEquals("0,0,0,0,1", page.evaluate(controls), "the create form for an experimenter");
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            assertEquals("1,1,1,1,0", page.evaluate(controls), "Pause, Close and both Saves for an experimenter the demo is shared with");
            Response paused = WorkspacePages.press(page, "to-paused");
            assertEquals(200, paused.status(), "an experimenter may pause");
            assertEquals("paused", text(page, "[data-testid=status]").trim());
            WorkspacePages.press(page, "to-live");
            assertEquals("live", text(page, "[data-testid=status]").trim());
        }
    }

    // ------------------------------------------------ issue 9: one authentication path, tokens, headers, error pages

    @Test
    @Order(13)
    void theBackupGoesThroughTheOneLimiterAndALockoutNeverConfirmsAPassword() {
        String attacker = "10.13.0.1";
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, from(attacker, "POST", "api/admin/backup", basic("admin", "guess " + i)).status(), "guess " + i);
        }
        int tooMany = 0;
        for (int i = 6; i <= 30; i++) {
            tooMany += from(attacker, "POST", "api/admin/backup", basic("admin", "guess " + i)).status() == 429 ? 1 : 0;
        }
        assertEquals(25, tooMany, "25 more wrong guesses on the backup route are refused unchecked (was: 401 each)");
        Http.Reply right = from(attacker, "POST", "api/admin/backup", basic("admin", ADMIN_PASSWORD));
        assertEquals(429, right.status(), "the right password is refused too (was: 200): " + right.body());
        assertEquals("too_many_failures", right.error());
        assertEquals("300", right.raw().headers().firstValue("Retry-After").orElse(""));
        assertEquals(429, from(attacker, "GET", "api/experiments", basic("admin", ADMIN_PASSWORD)).status(), "the same lock on every route");

        String other = "10.13.0.2";
        for (int i = 1; i <= 5; i++) {
            from(other, "POST", "api/admin/backup", basic("erin", "guess " + i));
        }
        assertEquals(429, from(other, "POST", "api/admin/backup", basic("erin", ERIN_PASSWORD)).status(),
                "a locked non-admin's right password is not confirmed by a 403");

        String clean = "10.13.0.3";
        Http.Reply forbidden = from(clean, "POST", "api/admin/backup", basic("erin", ERIN_PASSWORD));
        assertEquals(403, forbidden.status(), forbidden.body());
        Http.Reply backup = from(clean, "POST", "api/admin/backup", basic("admin", ADMIN_PASSWORD));
        assertEquals(200, backup.status(), "admin from another address is not locked out: " + backup.body());
        assertTrue(backup.json().getString("file").endsWith(".zip"));
        assertEquals(401, from(clean, "POST", "api/admin/backup", null).status(), "anonymous");
    }

    @Test
    @Order(14)
    void fortyParallelWrongLoginsAreCheckedOnlyFiveTimes() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(40)).build();
        List<CompletableFuture<HttpResponse<Void>>> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // half on the scripts API, half on the backup: one limiter for both
            String path = i % 2 == 0 ? "api/experiments" : "api/admin/backup";
            HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", basic("dora", "parallel guess " + i)).header("X-Real-IP", "10.14.0.1");
            request = i % 2 == 0 ? request.GET() : request.POST(HttpRequest.BodyPublishers.noBody());
            replies.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()));
        }
        Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        for (CompletableFuture<HttpResponse<Void>> reply : replies) {
            byStatus.merge(reply.get(120, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of(401, 5, 429, 35), byStatus, "only the limit of 5 was checked (was: 31 of 40)");
        assertEquals(429, from("10.14.0.1", "GET", "api/experiments", basic("dora", DORA_PASSWORD)).status());
    }

    @Test
    @Order(15)
    void otherPeoplesFailuresNeitherRefuseATokenNorLockAnAccountOutFromElsewhere() {
        String token;
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "erin", ERIN_PASSWORD);
            token = createToken(page, "from a shared address", "READ", "30");
        }
        String shared = "10.15.0.1";
        for (int i = 1; i <= 20; i++) {
            from(shared, "GET", "api/experiments", basic("ghost" + i, "guess"));
        }
        assertEquals(429, from(shared, "GET", "api/experiments", basic("andy", ANDY_NEW_PASSWORD)).status(),
                "20 failures lock password logins from that address");
        Http.Reply withToken = from(shared, "GET", "api/experiments", "Bearer " + token);
        assertEquals(200, withToken.status(), "a valid token from the same address still works (was: 429): " + withToken.body());

        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= 5; i++) {
                from("10.15.1." + round, "GET", "api/experiments", basic("admin", "lockout " + i));
            }
        }
        assertEquals(429, from("10.15.1.0", "GET", "api/experiments", basic("admin", ADMIN_PASSWORD)).status());
        assertEquals(200, from("10.15.2.1", "GET", "api/experiments", basic("admin", ADMIN_PASSWORD)).status(),
                "the admin logs in from their own address whatever others send");
        try (BrowserContext context = newContext()) {
            loggedIn(context, "admin", ADMIN_PASSWORD); // and from loopback in the browser
        }
    }

    @Test
    @Order(16)
    void aTokenHasAScopeAndAnExpiryChosenOnTheTokensPage() throws IOException {
        String reader;
        String writer;
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            reader = createToken(page, "read only", "READ", "7");
            Locator row = page.locator("tr:has(.token-name:text-is('read only'))");
            assertEquals("read and export", row.locator(".token-scope").textContent().trim());
            assertTrue(row.locator(".token-expires").textContent().matches("\\d{4}-\\d{2}-\\d{2} .*"), row.textContent());
            writer = createToken(page, "writer", "WRITE", "never");
            assertEquals("never", page.locator("tr:has(.token-name:text-is('writer')) .token-expires").textContent().trim());
            screenshot(page, "tokens-scope");
        }
        assertEquals(200, api("api/experiments", "Bearer " + reader).status());
        assertEquals(200, api("api/experiments/demo/export?images=false", "Bearer " + reader).status(), "read/export may export");
        List<String> failures = new ArrayList<>();
        for (Route route : routes()) {
            if (route.isApi() && !route.method().equals("GET")) {
                Http.Reply refused = call(route, "Bearer " + reader);
                if (refused.status() != 403 || !refused.body().contains("token_scope")) {
                    failures.add(route + " with a read token: " + refused.status() + " " + refused.body());
                }
            }
        }
        assertEquals(List.of(), failures);
        Http.Reply backup = from("10.16.0.1", "POST", "api/admin/backup", "Bearer " + writer);
        assertEquals(200, backup.status(), "a write token may back up: " + backup.body());
    }

    @Test
    @Order(17)
    void aPasswordResetOrDisablingEndsTheAccountsSessionsAndTokens() {
        try (BrowserContext andyContext = newContext(); BrowserContext adminContext = newContext()) {
            Page andy = loggedIn(andyContext, "andy", ANDY_NEW_PASSWORD);
            String token = createToken(andy, "before the reset", "READ", "30");
            assertEquals(200, api("api/experiments", "Bearer " + token).status());

            Page admin = loggedIn(adminContext, "admin", ADMIN_PASSWORD);
            admin.navigate(url("admin/users.xhtml"));
            admin.locator("[id='reset:account']").selectOption("andy");
            admin.locator("[id='reset:password']").fill(ANDY_RESET_PASSWORD);
            submit(admin, admin.locator("[id='reset:submit']"));
            assertTrue(text(admin, ".messages").contains("The password of andy was reset."));

            andy.navigate(url("admin/tokens.xhtml"));
            assertTrue(andy.url().contains("/admin/login.xhtml"), "the session opened before the reset ended: " + andy.url());
            Http.Reply old = api("api/experiments", "Bearer " + token);
            assertEquals(401, old.status(), "the token made before the reset ended: " + old.body());
            assertEquals(200, api("api/experiments", basic("andy", ANDY_RESET_PASSWORD)).status());

            Page dora;
            try (BrowserContext doraContext = newContext()) {
                dora = loggedIn(doraContext, "dora", DORA_PASSWORD);
                String doraToken = createToken(dora, "before disabling", "READ", "30");
                admin.navigate(url("admin/users.xhtml"));
                submit(admin, row(admin, "dora").locator("input[value='Disable']"));
                assertEquals(401, api("api/experiments", "Bearer " + doraToken).status());
                submit(admin, row(admin, "dora").locator("input[value='Enable']"));
                assertEquals(401, api("api/experiments", "Bearer " + doraToken).status(), "enabling again does not revive the token");
                dora.navigate(url("admin/tokens.xhtml"));
                assertTrue(dora.url().contains("/admin/login.xhtml"), "nor the session: " + dora.url());
            }
        }
    }

    @Test
    @Order(18)
    void thePasswordRuleIsShownAndEnforced() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            page.navigate(url("admin/users.xhtml"));
            assertTrue(text(page, "#create-rule").contains("not the username and not a common password"), text(page, "#create-rule"));
            createUser(page, "mallory", "ANALYST", "P@ssw0rd 2024!");
            assertTrue(fieldError(page, "create", "password").contains("common password"), fieldError(page, "create", "password"));
            createUser(page, "mallory", "ANALYST", "Mallory2026!!");
            assertTrue(fieldError(page, "create", "password").contains("cannot be the username"));
            assertEquals(0, row(page, "mallory").count(), "nothing was stored");
            screenshot(page, "password-rule");
        }
    }

    @Test
    @Order(19)
    void cookiesAreSameSiteLaxAndSecureBehindTlsAndTheAppSendsItsOwnSecurityHeaders() {
        Http.Reply plain = from(null, "GET", "admin/login.xhtml", null);
        String cookie = plain.raw().headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith("JSESSIONID=") && cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag: " + cookie);
        HttpRequest.Builder viaNginx = HttpRequest.newBuilder(base().resolve("admin/login.xhtml")).header("X-Forwarded-Proto", "https");
        String tlsCookie = new Http(base()).send(viaNginx).raw().headers().firstValue("Set-Cookie").orElse("");
        assertTrue(tlsCookie.contains("SameSite=Lax") && tlsCookie.contains("Secure"), "behind TLS: " + tlsCookie);

        for (String path : List.of("admin/login.xhtml", "run/demo", "api/experiments", "admin/no-such-page.xhtml", "no-such-file.html", "run-app/main.js")) {
            HttpResponse<byte[]> raw = from(null, "GET", path, null).raw();
            String csp = raw.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), path + " (" + raw.statusCode() + "): " + csp);
            assertEquals("nosniff", raw.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            if (path.startsWith("run")) {
                assertFalse(csp.contains("unsafe-inline"), "the participant page gets the strict policy: " + csp);
            }
        }

        List<String> violations = new ArrayList<>();
        try (BrowserContext context = newContext()) {
            context.addInitScript("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                    + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    violations.add(page.url() + " console: " + m.text());
                }
            });
            List<String> paths = new ArrayList<>();
            for (Route route : withRunId(routes())) {
                if (!route.isApi() && route.method().equals("GET") && route.path().contains(".xhtml")) {
                    paths.add(route.path().substring(1));
                }
            }
            paths.addAll(List.of("admin/error.xhtml", "admin/access-denied.xhtml"));
            for (String path : paths) {
                page.navigate(url(path));
                page.waitForLoadState();
                collect(page, violations);
            }
            page.navigate(url("run/demo?PROLIFIC_PID=CSP0001&STUDY_ID=IT&SESSION_ID=S-CSP&engram_test=1"));
            page.locator("[data-testid=consent-accept]").click();
            page.locator("[data-testid=start-practice]").click();
            // a practice stimulus on screen: the trial's rendering has run under the policy (a fixed 1.5 s wait could
            // end before it on a loaded machine, and then the check would pass without having looked)
            page.waitForSelector("[data-testid=stimulus]", new Page.WaitForSelectorOptions().setTimeout(60_000));
            collect(page, violations);
            screenshot(page, "participant-under-csp");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(), violations, "no CSP violations on the workspace pages or the participant page");
    }

    @Test
    @Order(20)
    void unknownSlugsHugePagesAndForgedViewStatesGetFriendlyPagesNotStackTraces() {
        try (BrowserContext context = newContext()) {
            Page page = loggedIn(context, "admin", ADMIN_PASSWORD);
            List<String> failures = new ArrayList<>();
            for (String faces : List.of("experiment", "monitor", "design", "export", "audit")) {
                Response response = page.navigate(url("admin/" + faces + ".xhtml?slug=no-such-study"));
                String body = page.content();
                if (response.status() != 404 || !"Not found".equals(text(page, "h1"))
                        || !text(page, "#error-reason").contains("There is no experiment called 'no-such-study'")
                        || body.contains("Exception") || body.contains("at engram.")) {
                    failures.add(faces + ": " + response.status() + " " + text(page, "h1"));
                }
            }
            assertEquals(List.of(), failures);
            screenshot(page, "not-found");
            String longName = "no-such-study-" + "x".repeat(5_000);
            for (String faces : List.of("experiment", "monitor", "design", "export", "audit")) {
                for (String query : List.of("", "?slug=", "?slug=%20", "?page=2")) {
                    Response response = page.navigate(url("admin/" + faces + ".xhtml" + query));
                    String body = page.content();
                    if (faces.equals("experiment") && query.isEmpty()) {
                        screenshot(page, "no-slug");
                    }
                    if (response.status() != 404 || !"Not found".equals(text(page, "h1"))
                            || !text(page, "#error-reason").contains("The address names no experiment: it needs ?slug=")
                            || body.contains("'null'") || body.contains("Exception") || body.contains("at engram.")) {
                        failures.add(faces + query + ": " + response.status() + " " + text(page, "h1") + " " + text(page, "#error-reason"));
                    }
                }
                Response response = page.navigate(url("admin/" + faces + ".xhtml?slug=" + longName));
                String reason = text(page, "#error-reason");
                if (response.status() != 404 || !reason.contains("There is no experiment called 'no-such-study-xxx")
                        || reason.length() > 300) {
                    failures.add(faces + " with a 5,000-character slug: " + response.status() + " " + reason.length() + " characters");
                }
            }
            screenshot(page, "long-slug");
            assertEquals(List.of(), failures, "a page opened without a slug says so (was: \"There is no experiment called 'null'\")");
            for (String huge : List.of("monitor", "audit")) {
                Response response = page.navigate(url("admin/" + huge + ".xhtml?slug=demo&page=99999999"));
                assertEquals(200, response.status(), huge);
            }
            APIResponse forged = context.request().post(url("admin/users.xhtml"), RequestOptions.create()
                    .setForm(createForm("forger", "stateless")).setMaxRedirects(0));
            assertEquals(400, forged.status(), "a forged view state (was: 500 with a stack trace)");
            assertTrue(forged.text().contains("Form expired") && !forged.text().contains("Exception"), forged.text());
        }
        for (String path : List.of("api/experiments/no-such-study/runs", "api/experiments/no-such-study/export")) {
            Http.Reply unknown = api(path, basic("admin", ADMIN_PASSWORD));
            assertEquals(404, unknown.status(), path + ": " + unknown.body());
            assertEquals("unknown_experiment", unknown.error());
            assertTrue(unknown.json().getString("message").contains("'no-such-study'"), unknown.body());
        }
        for (String path : List.of("api/experiments//runs", "api/experiments/%20/export")) {
            Http.Reply missing = api(path, basic("admin", ADMIN_PASSWORD));
            assertEquals(404, missing.status(), path + ": " + missing.body());
            assertFalse(missing.body().contains("null") || missing.body().contains("Exception"), path + ": " + missing.body());
        }
        Http.Reply runs = api("api/experiments/demo/runs?page=99999999", basic("admin", ADMIN_PASSWORD));
        assertEquals(200, runs.status(), "was: 500 integer overflow: " + runs.body());
        assertEquals(0, runs.json().getJsonArray("runs").size());
    }

    // ---------------------------------------------------------------- helpers

    /** A request as if from {@code address} through the shipped nginx (X-Real-IP, believed from loopback only); null: loopback itself. */
    private Http.Reply from(String address, String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (address != null) {
            request.header("X-Real-IP", address);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Http(base()).send(request);
    }

    private Http.Reply withToken(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return new Http(base()).send(request);
    }

    private Http.Reply withToken(String method, String path, String token, JsonObject body) {
        return withToken(method, path, token, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(21)
    void anExperimenterRunsAStudysWholeLifecycleThroughTheApiWithAToken(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        String token;
        try (BrowserContext context = newContext()) {
            token = createToken(loggedIn(context, "erin", ERIN_PASSWORD), "lifecycle script", "WRITE", "7");
        }
        Path zip = StimulusZip.of(Path.of("..", "stimuli", "demo").toAbsolutePath().normalize(), temp.resolve("demo-set.zip"));
        Http.Reply set = withToken("POST", "api/stimulus-sets?name=api%20set", token, "application/zip", java.nio.file.Files.readAllBytes(zip));
        assertEquals(201, set.status(), set.body());
        long setId = set.json().getJsonNumber("id").longValue();
        assertEquals(48, set.json().getInt("images"));

        Http.Reply created = withToken("POST", "api/experiments", token,
                Json.createObjectBuilder().add("slug", "api-study").add("title", "Scripted study").add("stimulusSet", setId).build());
        assertEquals(201, created.status(), created.body());
        assertEquals("DRAFT", created.json().getString("status"));
        Http.Reply badSlug = withToken("POST", "api/experiments", token,
                Json.createObjectBuilder().add("slug", "Bad Slug").add("title", "x").add("stimulusSet", setId).build());
        assertEquals(400, badSlug.status(), badSlug.body());
        assertEquals("slug", badSlug.json().getString("field"));

        JsonObject settings = withToken("GET", "api/experiments/api-study/settings", token, null, null).json();
        JsonObject changed = Json.createObjectBuilder(settings).add("targetPerSequence", 5).add("consentMarkdown", "You agree to play.")
                .add("instructionsMarkdown", "Press space for a repeat.").add("debriefMarkdown", "Thank you.").build();
        Http.Reply saved = withToken("PUT", "api/experiments/api-study/settings", token, changed);
        assertEquals(200, saved.status(), saved.body());
        assertEquals(5, saved.json().getInt("targetPerSequence"));

        Http.Reply tooEarly = withToken("POST", "api/experiments/api-study/status?to=live", token, null, null);
        assertEquals(409, tooEarly.status(), tooEarly.body());
        assertEquals("no_sequences", tooEarly.error());
        JsonObject design = Json.createObjectBuilder().add("design", Json.createObjectBuilder().add("sequences", 2).add("length", 30)
                .add("repeats", 8).add("minLag", 4).add("maxLag", 12).add("vigilanceRepeats", 2).add("vigilanceMinLag", 1).add("vigilanceMaxLag", 4)
                .add("targetConditions", Json.createArrayBuilder().add("high").add("low")).add("fillerConditions", Json.createArrayBuilder().add("foil"))
                .add("allowRepeatedFillers", true).add("seed", 7))
                .add("displayMs", 500).add("isiMs", 200).add("practiceImageIds", Json.createArrayBuilder()).build();
        Http.Reply built = withToken("PUT", "api/experiments/api-study/design", token, design);
        assertEquals(200, built.status(), built.body());
        assertEquals(2, built.json().getInt("sequences"));
        assertEquals(0, built.json().getJsonArray("violations").size(), built.body());

        Http.Reply pilot = withToken("GET", "api/experiments/api-study/pilot-link", token, null, null);
        assertEquals(200, pilot.status(), pilot.body());
        assertTrue(pilot.json().getString("url").contains("/run/api-study?pilot="), pilot.body());
        Http.Reply noPilot = withToken("POST", "api/experiments/api-study/status?to=live", token, null, null);
        assertEquals(409, noPilot.status(), noPilot.body());
        assertEquals("checklist_incomplete", noPilot.error());
        assertEquals(200, withToken("POST", "api/experiments/api-study/status?to=pilot", token, null, null).status());
        var piloted = engram.simulate.Simulation.against(base()).experiment("api-study").participants(1).seed(2020).run();
        assertEquals(1, piloted.runsCompleted(), piloted.summary());
        Http.Reply live = withToken("POST", "api/experiments/api-study/status?to=live", token, null, null);
        assertEquals(200, live.status(), live.body());
        assertEquals("LIVE", live.json().getString("status"));
        String hash = live.json().getString("protocolHash");

        var report = engram.simulate.Simulation.against(base()).experiment("api-study").participants(3).concurrency(3).seed(2121).run();
        assertEquals(3, report.runsCompleted(), report.summary());
        JsonObject monitor = withToken("GET", "api/experiments/api-study/monitor", token, null, null).json();
        assertEquals(3, monitor.getInt("runs"), monitor.toString());
        assertEquals(3, monitor.getJsonObject("total").getInt("completed") + monitor.getJsonObject("total").getInt("failedAttention"),
                monitor.toString());
        assertEquals(1, monitor.getJsonArray("versions").getJsonObject(0).getInt("version"));
        assertEquals(3, monitor.getJsonArray("versions").getJsonObject(0).getInt("runs"));
        assertEquals(3, monitor.getJsonArray("versions").getJsonObject(0).getInt("completed"));
        assertEquals(hash, monitor.getJsonArray("versions").getJsonObject(0).getString("hash"));

        Http.Reply locked = withToken("PUT", "api/experiments/api-study/design", token, design);
        assertEquals(409, locked.status(), locked.body());
        assertEquals("locked", locked.error());
        Http.Reply back = withToken("POST", "api/experiments/api-study/status?to=draft", token, null, null);
        assertEquals(409, back.status(), back.body());

        Http.Reply export = withToken("GET", "api/experiments/api-study/export?images=false", token, null, null);
        assertEquals(200, export.status());
        Path exportZip = java.nio.file.Files.write(temp.resolve("export.zip"), export.raw().body());
        assertEquals(0, engram.analysis.cli.AnalyseMain.run("--export", exportZip.toString(), "--out", temp.resolve("analysis").toString()));
        assertTrue(java.nio.file.Files.exists(temp.resolve("analysis/images.csv")));
        Http.Reply archive = withToken("GET", "api/experiments/api-study/archive", token, null, null);
        assertEquals(hash, archive.raw().headers().firstValue("X-Engram-Protocol-Hash").orElse(""));
    }

    /** Creates a token on the tokens page and returns its secret (shown once). */
    private String createToken(Page page, String name, String scope, String expiry) {
        return WorkspacePages.createToken(page, base(), name, scope, expiry);
    }

    private static void collect(Page page, List<String> violations) {
        Object found = page.evaluate("() => (window.__csp || []).join('\\n')");
        if (found != null && !found.toString().isBlank()) {
            violations.add(page.url() + ": " + found);
        }
    }

    private BrowserContext newContext() {
        return CHROMIUM.context(1280, 860);
    }

    private Page loggedIn(BrowserContext context, String username, String password) {
        return WorkspacePages.loggedIn(context, base(), username, password);
    }

    private static void submitLogin(Page page, String username, String password) {
        page.locator("[id='login:username']").fill(username);
        page.locator("[id='login:password']").fill(password);
        submit(page, page.locator("[id='login:submit']"));
    }

    private static void createUser(Page page, String username, String role, String password) {
        page.locator("[id='create:username']").fill(username);
        Locator roles = page.locator("[id='create:role']");
        if (role == null) {
            roles.selectOption(new SelectOption().setIndex(0));
        } else {
            roles.selectOption(role);
        }
        page.locator("[id='create:password']").fill(password);
        submit(page, page.locator("[id='create:submit']"));
    }

    /** Clicks a submit button and waits for the page it leads to (Faces forms post and re-render or redirect). */
    private static void submit(Page page, Locator button) {
        page.waitForNavigation(button::click);
    }

    private static Locator row(Page page, String username) {
        return page.locator("tr:has(.username:text-is('" + username + "'))");
    }

    private static String fieldError(Page page, String form, String field) {
        return text(page, "[id='" + form + ":" + field + "'] ~ .field-error");
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent();
    }

    private static FormData createForm(String username, String viewState) {
        FormData form = FormData.create().set("create", "create").set("create:username", username).set("create:role", "ADMIN")
                .set("create:password", "a long enough password").set("create:submit", "Create user");
        return viewState == null ? form : form.set("jakarta.faces.ViewState", viewState);
    }

    private int pageStatus(BrowserContext context, Route route) {
        return context.request().fetch(url(route.path().substring(1)), RequestOptions.create().setMethod(route.method())
                .setMaxRedirects(0)).status();
    }

    private Http.Reply call(Route route, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(route.path().substring(1))).timeout(Duration.ofSeconds(60))
                .method(route.method(), route.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!route.method().equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Http(base()).send(request);
    }

    private Http.Reply api(String path, String authorization) {
        return call(new Route("/" + path, "GET", "ANALYST"), authorization);
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void expect(List<String> failures, Route route, String who, int expected, int actual) {
        if (expected != actual) {
            failures.add(route + " " + who + ": expected " + expected + ", got " + actual);
        }
    }

    /** The run that routes naming one run ({run}) use: a run of the demo study, opened once for the walk. */
    private static String walkRunId;

    private List<Route> withRunId(List<Route> routes) {
        if (routes.stream().noneMatch(r -> r.path().contains("{run}"))) {
            return routes;
        }
        if (walkRunId == null) {
            Http.Reply opened = new Http(base()).post("api/runs", Json.createObjectBuilder().add("experiment", "demo")
                    .add("prolificPid", "WALK").add("studyId", "WALK").add("sessionId", "WALK").build(), null);
            assertEquals(201, opened.status(), opened.body());
            walkRunId = opened.json().getString("runId");
        }
        return routes.stream().map(r -> new Route(r.path().replace("{run}", walkRunId), r.method(), r.minimumRole())).toList();
    }

    static List<Route> routes() throws IOException {
        List<Route> routes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                AccountsIT.class.getResourceAsStream("/routes.csv"), StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",");
                if (fields.length != 3 || !List.of("ANALYST", "EXPERIMENTER", "ADMIN").contains(fields[2].trim())) {
                    throw new IllegalStateException("routes.csv line " + lineNumber + ": expected path,method,ANALYST|EXPERIMENTER|ADMIN: " + line);
                }
                routes.add(new Route(fields[0].trim(), fields[1].trim(), fields[2].trim()));
            }
        }
        return routes;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("accounts-" + name + ".png")).setFullPage(true));
    }

}
