package engram.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import engram.analysis.cli.AnalyseMain;
import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.study.StudyMain;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.Screenshots;
import jakarta.json.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/** Study archives over HTTP on H2: the demo's archive out of the API and back in under another slug, and refusals. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudyArchiveH2IT extends ChromiumDeployment {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("archive");
    }

    private static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Reply post(String path, byte[] zip) {
        return new Http(base()).send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", admin()).header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    private Http.Reply get(String path) {
        return new Http(base()).send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(120)).header("Authorization", admin()).GET());
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theDemoGoesOutAsAnArchiveAndComesBackWithTheSameSequencesAndProtocolHash() throws Exception {
        Http.Reply out = get("api/experiments/demo/archive");
        assertEquals(200, out.status(), out.body());
        byte[] zip = out.raw().body();
        String hash = sha256(entry(zip, "protocol.json"));
        assertEquals(hash, out.raw().headers().firstValue("X-Engram-Protocol-Hash").orElse(""));

        Http.Reply imported = post("api/archives?slug=demo-copy&verify=" + hash, zip);
        assertEquals(201, imported.status(), imported.body());
        JsonObject answer = imported.json();
        assertEquals("demo-copy", answer.getString("slug"));
        assertEquals(hash, answer.getString("protocolHash"));
        assertTrue(answer.getBoolean("stimulusSetReused"), "the demo's own stimulus set is reused");

        byte[] again = get("api/experiments/demo-copy/archive").raw().body();
        assertArrayEquals(entry(zip, "sequences.csv"), entry(again, "sequences.csv"));
        assertArrayEquals(entry(zip, "protocol.json"), entry(again, "protocol.json"));
        byte[] export = get("api/experiments/demo-copy/export?images=false").raw().body();
        assertArrayEquals(entry(zip, "sequences.csv"), entry(export, "sequences.csv"), "the archive's sequences.csv is the export's");
        assertEquals("DRAFT", get("api/experiments/demo-copy").json().getString("status"));

        Http.Reply taken = post("api/archives?slug=demo-copy", zip);
        assertEquals(409, taken.status(), taken.body());
        assertEquals("slug_taken", taken.error());
        Http.Reply other = post("api/archives?slug=demo-other&verify=" + "0".repeat(64), zip);
        assertEquals(422, other.status(), other.body());
        assertEquals("protocol_mismatch", other.error());
        Http.Reply garbage = post("api/archives?slug=demo-junk", "not a zip".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, garbage.status(), garbage.body());
        assertEquals("bad_archive", garbage.error());
        assertTrue(garbage.json().getJsonArray("problems").getString(0).contains("not a readable zip"), garbage.body());
        assertEquals(404, get("api/experiments/demo-other").status());
        assertEquals(404, get("api/experiments/demo-junk").status());
    }

    private int study(StringWriter out, String... args) {
        return StudyMain.run(new PrintWriter(out, true), new PrintWriter(System.err, true),
                Map.of("ENGRAM_PASSWORD", Deployments.ADMIN_PASSWORD), args);
    }

    /** Every entry of an archive but engram-archive.json (slug, title, time), and SHA256SUMS without that file's line. */
    private static Map<String, String> withoutInfo(byte[] zip) throws Exception {
        Map<String, String> entries = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("SHA256SUMS")) {
                    entries.put(e.getName(), new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.endsWith("  engram-archive.json"))
                            .collect(java.util.stream.Collectors.joining("\n")));
                } else if (!e.getName().equals("engram-archive.json")) {
                    entries.put(e.getName(), sha256(bytes));
                }
            }
        }
        return entries;
    }

    @Test
    void theStudyCommandPushesPullsLaunchesAndExportsAndAnalyseReadsTheExport(@TempDir Path temp) throws Exception {
        String url = base().toString();
        StringWriter hash = new StringWriter();
        assertEquals(0, study(hash, "pull", "--url", url, "--user", "admin", "--experiment", "demo", "--out", temp.resolve("demo.zip").toString()));
        StringWriter slug = new StringWriter();
        assertEquals(0, study(slug, "push", "--url", url, "--user", "admin", "--slug", "demo-cli", temp.resolve("demo.zip").toString()));
        assertEquals("demo-cli", slug.toString().strip());
        assertEquals(0, study(new StringWriter(), "pull", "--url", url, "--user", "admin", "--experiment", "demo-cli",
                "--out", temp.resolve("demo-cli.zip").toString()));
        assertEquals(withoutInfo(Files.readAllBytes(temp.resolve("demo.zip"))), withoutInfo(Files.readAllBytes(temp.resolve("demo-cli.zip"))),
                "push then pull gives the same archive apart from engram-archive.json");

        assertEquals(0, study(new StringWriter(), "launch", "--url", url, "--user", "admin", "--experiment", "demo-cli", "--to", "pilot"));
        SimulationReport pilot = Simulation.against(base()).experiment("demo-cli").participants(1).seed(1212).run();
        assertEquals(1, pilot.runsCompleted(), "the pre-launch checklist asks for a completed pilot run: " + pilot.summary());
        StringWriter launched = new StringWriter();
        assertEquals(0, study(launched, "launch", "--url", url, "--user", "admin", "--experiment", "demo-cli"));
        assertTrue(launched.toString().contains("status: LIVE"), launched.toString());
        assertTrue(launched.toString().contains("protocolHash: " + hash.toString().strip()), launched.toString());
        StringWriter refused = new StringWriter();
        assertEquals(1, study(refused, "launch", "--url", url, "--user", "admin", "--experiment", "demo-cli", "--to", "draft"));

        SimulationReport runs = Simulation.against(base()).experiment("demo-cli").participants(3).concurrency(3).seed(1313).run();
        assertEquals(3, runs.runsCompleted(), runs.summary());
        Path export = temp.resolve("export.zip");
        assertEquals(0, study(new StringWriter(), "export", "--url", url, "--user", "admin", "--experiment", "demo-cli", "--out", export.toString()));
        String participants = new String(entry(Files.readAllBytes(export), "participants.csv"), StandardCharsets.UTF_8);
        assertEquals(4, participants.lines().count(), participants);
        assertTrue(participants.lines().skip(1).allMatch(l -> l.endsWith(",1," + hash.toString().strip())), participants);
        assertEquals(0, AnalyseMain.run("--export", export.toString(), "--out", temp.resolve("analysis").toString()));
        assertTrue(Files.exists(temp.resolve("analysis/images.csv")));
        workspaceShowsTheHashTheVersionsAndTheSummary(hash.toString().strip());
    }

    /** The export page's archive card, the monitor's versions and the printable summary, in Chromium (desktop and phone). */
    private void workspaceShowsTheHashTheVersionsAndTheSummary(String hash) {
        Screenshots shots = Screenshots.fromSystemProperty();
        try (BrowserContext context = CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD,
                new Browser.NewContextOptions().setViewportSize(Screenshots.WIDTH, Screenshots.HEIGHT))) {
            Page page = context.newPage();
            page.navigate(base().resolve("admin/export.xhtml?slug=demo-cli").toString());
            assertEquals(hash, page.evaluate("() => document.querySelector('[data-testid=protocol-hash]').textContent.trim()"));
            shots.region(page, "archive-card", "#study-archive", "[data-testid=protocol-summary]");
            page.navigate(base().resolve("admin/monitor.xhtml?slug=demo-cli").toString());
            Object versions = page.evaluate("() => [...document.querySelectorAll('[data-testid=per-version] tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
            assertEquals(List.of("1 " + hash.substring(0, 16)), ((List<?>) versions).stream().map(v -> v.toString().substring(0, 18)).toList(), versions.toString());
            assertTrue(versions.toString().contains(" 3 3"), versions.toString());
            shots.region(page, "monitor-versions", "[data-testid=per-version]");
            page.navigate(base().resolve("admin/results.xhtml?slug=demo-cli").toString());
            Object resultVersions = page.evaluate("() => [...document.querySelectorAll('[data-testid=results-per-version] tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
            assertEquals(List.of("1 " + hash.substring(0, 16) + " 3 3"), resultVersions,
                    "the results page names the runs per protocol version, as the monitor does");
            shots.region(page, "results-versions", "[data-testid=results-per-version]");
            page.navigate(base().resolve("admin/protocol.xhtml?slug=demo-cli&version=1").toString());
            assertEquals(hash, page.evaluate("() => document.querySelector('[data-testid=summary-hash]').textContent.trim()"));
            assertTrue(page.evaluate("() => document.querySelector('[data-testid=settings]').innerText").toString().contains("timing.displayMs"));
            shots.page(page, "protocol-summary");
            page.setViewportSize(390, 844);
            page.navigate(base().resolve("admin/protocol.xhtml?slug=demo-cli").toString());
            shots.page(page, "protocol-summary-phone");
        }
    }
}
