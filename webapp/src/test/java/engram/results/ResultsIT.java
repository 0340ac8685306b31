package engram.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.APIResponse;

import engram.analysis.cli.AnalyseMain;
import engram.analysis.report.Apa;
import engram.core.csv.CsvReader;
import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.WorkspacePages;

/**
 * The results page in headless Chromium against {@code ./engram analyse} on the same export: simulated participants
 * take the demo study, the export is downloaded and analysed by the analyse command in-process, and the page must
 * print the same HR, FAR, d′, test values and data-quality figures; a run's drill-down draws its boxes over the image;
 * an analyst reads it all and sees no control that changes anything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultsIT extends ChromiumDeployment {

    private static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
    private static final File DATA = new File("target/it-data/results-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final Path WORK = DATA.toPath().resolve("analyse");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC));
    }

    @BeforeAll
    static void screenshotFolder() throws Exception {
        Files.createDirectories(SHOTS);
    }

    private static BrowserContext desktop() {
        return CHROMIUM.context(1280, 900);
    }

    private Http http() throws Exception {
        return new Http(deployment.toURI());
    }

    /** A CSV file of the analyse output (or the export) as rows of column → value. */
    private static List<Map<String, String>> csv(Path file) throws Exception {
        return csv(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    private static List<Map<String, String>> csv(String text, String name) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), name)) {
            List<String> header = reader.header();
            while (reader.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), reader.string(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** tests.csv leaves a value empty where the test is undefined (e.g. no variance in the differences). */
    private static double numberOrNaN(String csvValue) {
        return csvValue == null || csvValue.isEmpty() ? Double.NaN : Double.parseDouble(csvValue);
    }

    private static String fixed(String csvValue, int decimals) {
        return csvValue == null || csvValue.isEmpty() ? "n/a" : Apa.fixed(Double.parseDouble(csvValue), decimals);
    }

    /** The results page once its analysis is ready (it reloads itself while one is computed). */
    private static void openResults(Page page, String url) {
        page.navigate(url);
        page.waitForSelector("[data-testid=conditions]", new Page.WaitForSelectorOptions().setTimeout(60_000));
    }

    private static String section(String html, String start, String end) {
        int from = html.indexOf(start);
        int to = html.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "no " + start + " … " + end + " in the HTML");
        return html.substring(from, to);
    }

    /**
     * GET /api/experiments/demo/results gives the numbers of analyse on the same export: participants analysed and
     * excluded (participants.csv), runs left out as not completed (exclusions.csv), HR, FAR and d′ per condition
     * (conditions.csv) and the paired tests (tests.csv). The CSVs print doubles to 10 significant digits, so the
     * tolerance is 1e-9 of the value.
     */
    private void resultsRouteMatchesAnalyse(Path out) throws Exception {
        Http.Reply reply = http().get("api/experiments/demo/results", "admin", Deployments.ADMIN_PASSWORD);
        for (long until = System.nanoTime() + 60_000_000_000L; (reply.status() == 202 || reply.json().getBoolean("updating"))
                && System.nanoTime() < until; ) {
            Thread.sleep(500);
            reply = http().get("api/experiments/demo/results", "admin", Deployments.ADMIN_PASSWORD);
        }
        assertEquals(200, reply.status(), reply.body());
        jakarta.json.JsonObject json = reply.json();
        assertFalse(json.getBoolean("updating"), reply.body());
        assertTrue(json.isNull("error"), reply.body());
        List<Map<String, String>> participants = csv(out.resolve("participants.csv"));
        assertEquals(participants.size(), json.getInt("participantsAnalysed"));
        assertEquals(participants.stream().filter(p -> p.get("excluded").equals("true")).count(), json.getJsonNumber("participantsExcluded").longValue());
        assertTrue(json.getJsonNumber("participantsExcluded").longValue() > 0, "the careless participants are excluded");
        long notCompleted = csv(out.resolve("exclusions.csv")).stream().filter(x -> x.get("reason").equals("not_completed")).count();
        assertEquals(notCompleted, json.getJsonNumber("runsNotCompleted").longValue());
        assertEquals(2, notCompleted, "the two participants who left");

        List<Map<String, String>> conditions = csv(out.resolve("conditions.csv"));
        jakarta.json.JsonArray jsonConditions = json.getJsonArray("conditions");
        assertEquals(conditions.size(), jsonConditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            Map<String, String> c = conditions.get(i);
            jakarta.json.JsonObject j = jsonConditions.getJsonObject(i);
            assertEquals(c.get("condition"), j.getString("condition"));
            assertNumber(c.get("mean_hit_rate"), j, "meanHitRate");
            assertNumber(c.get("mean_false_alarm_rate"), j, "meanFalseAlarmRate");
            assertNumber(c.get("mean_dprime"), j, "meanDprime");
            assertNumber(c.get("mean_participant_dprime"), j, "meanParticipantDprime");
        }

        jakarta.json.JsonArray headline = json.getJsonArray("headline");
        assertEquals(csv(out.resolve("headline.csv")).size(), headline.size(), "the demo study gives enough pairs for the tests");
        int checked = 0;
        for (Map<String, String> test : csv(out.resolve("tests.csv"))) {
            if (!test.get("groups").equals("high-low") || !test.get("test").equals("paired_t")) {
                continue;
            }
            for (int i = 0; i < headline.size(); i++) {
                jakarta.json.JsonObject row = headline.getJsonObject(i);
                if (row.getString("measure").equals(test.get("measure"))) {
                    jakarta.json.JsonObject t = row.getJsonObject("t");
                    assertNumber(test.get("statistic"), t, "statistic");
                    assertNumber(test.get("p_value"), t, "pValue");
                    assertNumber(test.get("effect_size"), t, "effectSize");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 1, "the paired t-test on hit rate is in the answer: " + headline);
    }

    private static void assertNumber(String csvValue, jakarta.json.JsonObject json, String field) {
        if (csvValue == null || csvValue.isEmpty() || csvValue.equals("NaN")) {
            assertTrue(json.isNull(field), field + " should be null: " + json);
        } else {
            double expected = Double.parseDouble(csvValue);
            assertEquals(expected, json.getJsonNumber(field).doubleValue(), 1e-9 * Math.abs(expected) + 1e-300, field + " in " + json);
        }
    }

    @Test
    @Order(1)
    void theResultsPageMatchesAnalyseOnTheSameExport() throws Exception {
        URI uri = deployment.toURI();
        SimulationReport attentive = Simulation.against(uri).experiment("demo").participants(8).concurrency(1).seed(1201)
                .hitRate(0.8).falseAlarmRate(0.05).run();
        SimulationReport careless = Simulation.against(uri).experiment("demo").participants(2).concurrency(1).seed(1202)
                .hitRate(0.3).falseAlarmRate(0.6).run();
        SimulationReport leaving = Simulation.against(uri).experiment("demo").participants(2).concurrency(1).seed(1203)
                .dropout(1.0).run();
        assertEquals(10, attentive.runsCompleted() + careless.runsCompleted(), attentive.summary() + careless.summary());
        assertEquals(0, attentive.runsFailed() + careless.runsFailed() + leaving.runsFailed(), leaving.summary());

        Http.Reply export = http().get("api/experiments/demo/export?images=false", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, export.status());
        Files.createDirectories(WORK);
        Path zip = WORK.resolve("export.zip");
        Files.write(zip, export.raw().body());
        Path out = WORK.resolve("analysis");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = AnalyseMain.run(new String[] {"--export", zip.toString(), "--out", out.toString()},
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);

        resultsRouteMatchesAnalyse(out);

        try (BrowserContext context = desktop()) {
            Page page = WorkspacePages.loggedIn(context, deployment.toURI(), "admin", Deployments.ADMIN_PASSWORD);
            openResults(page, url("admin/results.xhtml?slug=demo"));

            // Conditions: HR and FAR with 3 decimals, d′ with 2, as conditions.csv rounded.
            List<Map<String, String>> conditions = csv(out.resolve("conditions.csv"));
            assertFalse(conditions.isEmpty());
            for (Map<String, String> c : conditions) {
                String row = "[data-testid=conditions] tr[data-condition='" + c.get("condition") + "'] ";
                @SuppressWarnings("unchecked")
                List<String> cells = (List<String>) page.evaluate("row => ['hr', 'far', 'dprime', 'participant-dprime'].map(col =>"
                        + " document.querySelector(row + '[data-col=' + col + ']').textContent.trim())", row);
                assertEquals(List.of(fixed(c.get("mean_hit_rate"), 3), fixed(c.get("mean_false_alarm_rate"), 3), fixed(c.get("mean_dprime"), 2),
                        fixed(c.get("mean_participant_dprime"), 2)), cells, "condition " + c.get("condition"));
            }

            // The paired high-vs-low tests: the same section as analyse's report, and the same t, p, dz, BF10 as tests.csv.
            List<Map<String, String>> headline = csv(out.resolve("headline.csv"));
            int pairs = headline.stream().mapToInt(h -> Integer.parseInt(h.get("pairs"))).max().orElse(0);
            assertTrue(pairs >= 2, "the demo study gives pairs with data in both conditions: " + pairs);
            String pageHeadline = (String) page.evaluate("document.querySelector('#headline').outerHTML");
            assertEquals(section(report, "<section class=\"headline\" id=\"headline\">", "</section>") + "</section>",
                    pageHeadline.replace("<tbody>", "").replace("</tbody>", ""), "the page's headline is the report's (the browser adds tbody)");
            for (Map<String, String> test : csv(out.resolve("tests.csv"))) {
                if (!test.get("measure").equals("hit_rate") || !test.get("groups").equals("high-low") || !test.get("test").equals("paired_t")) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<String> cells = (List<String>) page.evaluate("() => ['t', 'p', 'dz'].map(col =>"
                        + " document.querySelector('#headline-table tr[data-measure=hit_rate] [data-col=' + col + ']').textContent.trim())");
                assertEquals(List.of(fixed(test.get("statistic"), 2), Apa.p(numberOrNaN(test.get("p_value"))), fixed(test.get("effect_size"), 2)),
                        cells, "paired t on hit rate");
            }

            // Participants with their exclusions, as participants.csv.
            List<Map<String, String>> participants = csv(out.resolve("participants.csv"));
            assertEquals(10, participants.size());
            assertTrue(participants.stream().anyMatch(p -> p.get("excluded").equals("true")), "the careless participants are excluded");
            for (Map<String, String> p : participants) {
                String row = "[data-testid=participants] tr[data-participant='" + p.get("participant_id") + "']";
                @SuppressWarnings("unchecked")
                List<String> cells = (List<String>) page.evaluate("row => [...document.querySelector(row).cells].map(c => c.textContent.trim())", row);
                assertEquals(fixed(p.get("hit_rate"), 3), cells.get(7), p.get("participant_id") + " HR");
                assertEquals(fixed(p.get("false_alarm_rate"), 3), cells.get(8), p.get("participant_id") + " FAR");
                assertEquals(fixed(p.get("dprime"), 2), cells.get(9), p.get("participant_id") + " d′");
                assertEquals(p.get("excluded").equals("true"), cells.get(11).startsWith("excluded"), p.get("participant_id") + " excluded");
                if (p.get("excluded").equals("true")) {
                    assertTrue(cells.get(11).contains(p.get("exclusion_reason")), cells.get(11));
                }
            }

            // Data quality: the report's own section (timing bias and SD, dropped frames, devices).
            String pageQuality = (String) page.evaluate("document.querySelector('.results-quality').innerHTML");
            String quality = section(report, "<h2 id=\"data-quality\">", "<h2 id=\"conditions\">");
            assertTrue(pageQuality.contains("Display timing") && pageQuality.contains("Devices"), pageQuality);
            for (String figure : List.of("measured duration, mean (SD)", "bias (mean measured − designed)")) {
                String value = section(quality, figure, "</tr>");
                assertTrue(pageQuality.contains(value.substring(value.indexOf("<td>"))), figure + ": " + value);
            }

            // Attrition: 12 runs started, 10 finished, 2 left during the stream (still reserved or abandoned).
            @SuppressWarnings("unchecked")
            Map<String, String> total = (Map<String, String>) page.evaluate("() => Object.fromEntries([...document.querySelectorAll("
                    + "'[data-testid=attrition] tr[data-sequence=all] td[data-col]')].map(td => [td.dataset.col, td.textContent.trim().split(' ')[0]]))");
            assertEquals("12", total.get("started"));
            assertEquals(10, Integer.parseInt(total.get("completed")) + Integer.parseInt(total.get("failed-attention")), total.toString());
            assertEquals(2, Integer.parseInt(total.get("in-progress")) + Integer.parseInt(total.get("abandoned")), total.toString());

            // The full report in the page, and the same report as a download.
            page.waitForFunction("() => document.getElementById('report').srcdoc.includes('Headline results')");
            APIResponse download = context.request().get(url("admin/files/demo/report.html?download=true"));
            assertEquals(200, download.status());
            assertTrue(download.headers().get("content-disposition").contains("attachment"));
            assertEquals(section(report, "<section class=\"headline\"", "</section>"), section(download.text(), "<section class=\"headline\"", "</section>"));

            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("results.png")));
            page.evaluate("document.querySelector('[data-testid=attrition]').closest('.card').scrollIntoView()");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("results-participants.png")));
            page.setViewportSize(390, 844);
            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("results-phone.png")));
        }
    }

    @Test
    @Order(2)
    void aRunDrillDownDrawsItsBoxesOverTheImage() throws Exception {
        Path zip = WORK.resolve("export.zip");
        String boxesCsv;
        String participantsCsv;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            boxesCsv = new String(z.getInputStream(z.getEntry("boxes.csv")).readAllBytes(), StandardCharsets.UTF_8);
            participantsCsv = new String(z.getInputStream(z.getEntry("participants.csv")).readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, String>> boxes = csv(boxesCsv, "boxes.csv");
        assertFalse(boxes.isEmpty(), "the simulated participants drew boxes");
        String runId = boxes.get(0).get("run_id");
        List<Map<String, String>> runBoxes = boxes.stream().filter(b -> b.get("run_id").equals(runId)).toList();
        long boxedTrials = runBoxes.stream().map(b -> b.get("trial_index")).distinct().count();
        String participant = csv(participantsCsv, "participants.csv").stream().filter(p -> p.get("run_id").equals(runId)).findFirst()
                .orElseThrow().get("participant_id");

        try (BrowserContext context = desktop()) {
            Page page = WorkspacePages.loggedIn(context, deployment.toURI(), "admin", Deployments.ADMIN_PASSWORD);
            openResults(page, url("admin/results.xhtml?slug=demo"));
            page.locator("[data-testid=participants] tr[data-participant='" + participant + "'] a[data-testid=run-link]").first().click();
            page.waitForURL("**/admin/run.xhtml?**");
            page.waitForLoadState();
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) page.evaluate("async () => {"
                    + " const imgs = [...document.querySelectorAll('.boxed img')];"
                    + " await Promise.all(imgs.map(i => i.complete ? 1 : new Promise(r => { i.onload = r; i.onerror = r; })));"
                    + " const first = document.querySelector('[data-testid=boxed-trial]');"
                    + " return { runId: document.querySelector('[data-testid=run-id]').textContent.trim(),"
                    + "   trials: document.querySelectorAll('[data-testid=boxed-trial]').length,"
                    + "   boxes: document.querySelectorAll('rect[data-testid=box]').length,"
                    + "   loaded: imgs.filter(i => i.naturalWidth > 0).length, images: imgs.length,"
                    + "   firstTrial: first.dataset.trial, firstX: first.querySelector('rect').getAttribute('x'),"
                    + "   firstWidth: first.querySelector('rect').getAttribute('width'),"
                    + "   facts: document.querySelector('[data-testid=run-facts]').textContent.replace(/\\s+/g, ' '),"
                    + "   rows: document.querySelectorAll('[data-testid=trials] tbody tr').length }; }");
            assertEquals(runId, shown.get("runId"));
            String facts = (String) shown.get("facts");
            assertTrue(facts.matches(".*Started\\s?\\d{4}-\\d\\d-\\d\\d [\\d:]+ UTC\\s?Finished\\s?\\d{4}-.*"), facts);
            assertTrue(facts.matches(".*Trials saved\\s?30 of 30.*") && facts.matches(".*Attention checks\\s?(passed|failed).*"), facts);
            assertEquals(30, ((Number) shown.get("rows")).intValue());
            assertEquals((int) boxedTrials, ((Number) shown.get("trials")).intValue());
            assertEquals(runBoxes.size(), ((Number) shown.get("boxes")).intValue());
            assertEquals(((Number) shown.get("images")).intValue(), ((Number) shown.get("loaded")).intValue(), "every image loads");
            assertTrue(((Number) shown.get("images")).intValue() > 0);
            Map<String, String> firstBox = runBoxes.get(0);
            assertEquals(firstBox.get("trial_index"), shown.get("firstTrial"));
            assertEquals(String.format(Locale.ROOT, "%.3f", Double.parseDouble(firstBox.get("x")) * 100), shown.get("firstX"));
            assertEquals(String.format(Locale.ROOT, "%.3f", Double.parseDouble(firstBox.get("width")) * 100), shown.get("firstWidth"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("results-run.png")));

            assertEquals(404, context.request().get(url("admin/run.xhtml?slug=demo&run=no-such-run")).status());
        }
    }

    @Test
    @Order(3)
    void anAnalystReadsTheResultsAndSeesNoControlThatChangesAnything() throws Exception {
        try (Connection db = DriverManager.getConnection(JDBC, "sa", "");
             PreparedStatement insert = db.prepareStatement("INSERT INTO account (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, "rita");
            insert.setString(2, engram.accounts.control.PasswordHasher.hash("analyst-secret"));
            insert.setString(3, "ANALYST");
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        // the demo belongs to the admin: an analyst reads its results once it is shared with them (docs/accounts.md)
        try (Connection db = DriverManager.getConnection(JDBC, "sa", "");
             PreparedStatement share = db.prepareStatement("INSERT INTO experiment_collaborator (experiment_id, account_id, added_at)"
                     + " SELECT e.id, a.id, CURRENT_TIMESTAMP FROM experiment e, account a WHERE e.slug = 'demo' AND a.username = 'rita'")) {
            assertEquals(1, share.executeUpdate());
        }
        try (BrowserContext context = desktop()) {
            Page page = WorkspacePages.loggedIn(context, deployment.toURI(), "rita", "analyst-secret");
            openResults(page, url("admin/results.xhtml?slug=demo"));
            String controls = "() => document.querySelectorAll('main form, main input[type=submit], main button, main textarea, main select').length";
            assertEquals(0, ((Number) page.evaluate(controls)).intValue(), "no form on the results page");
            page.locator("a[data-testid=run-link]").first().click();
            page.waitForURL("**/admin/run.xhtml?**");
            assertEquals(0, ((Number) page.evaluate(controls)).intValue(), "no form on a run's page");
            assertEquals(200, context.request().get(url("admin/files/demo/report.html?download=true")).status());
        }
    }
}
