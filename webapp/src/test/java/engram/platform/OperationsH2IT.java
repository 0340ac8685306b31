package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import engram.simulate.AckRecord;
import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.Deployments;
import engram.testing.Http;
import jakarta.json.JsonObject;

/** Operations on H2: /metrics after simulated saves, the run-event log without Prolific IDs, and the admin online backup. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsH2IT {

    static final File DATA = new File("target/it-data/operations-" + System.nanoTime()).getAbsoluteFile();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", "jdbc:h2:file:" + DATA + "/engram",
                "engram.log.key", "it-log-key", "engram.instance", "it-instance"));
    }

    @ArquillianResource
    URL deployment;

    static SimulationReport simulation;

    URI base() {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized SimulationReport simulated() {
        if (simulation == null) {
            try {
                simulation = Simulation.against(base()).experiment("demo").participants(6).concurrency(3).seed(9090).reload(0.5).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertEquals(0, simulation.runsFailed(), simulation.summary());
        }
        return simulation;
    }

    @Test
    @Order(1)
    void metricsCountTheSimulatedSaves() {
        SimulationReport report = simulated();
        long storedNow = report.acknowledgedTrials().stream().filter(AckRecord::stored).count();
        long repeats = report.acknowledgedTrials().size() - storedNow;
        Http.Reply metrics = new Http(base()).get("/metrics");
        assertEquals(200, metrics.status(), metrics.body());
        String text = metrics.body();
        // A reload abandons one PUT whose answer is never read. If it reaches the server it is stored, or answered as a
        // repeat, without an acknowledgement; so the server may count up to one save per reload more than the simulator saw.
        double stored = sample(text, "engram_trials_stored_total");
        double repeated = sample(text, "engram_trials_repeated_total");
        int reloads = report.runsResumed();
        assertTrue(stored >= storedNow && stored <= storedNow + reloads, "stored " + stored + ", acknowledged as stored " + storedNow);
        assertTrue(repeated >= repeats && repeated <= repeats + reloads, "repeated " + repeated + ", acknowledged as repeats " + repeats);
        assertTrue(stored + repeated <= report.acknowledgedTrials().size() + reloads);
        assertEquals(stored + repeated, sample(text, "engram_trials_save_time_seconds_count"), 1e-9, "every answered save is timed");
        assertTrue(sample(text, "engram_trials_save_time_seconds_sum") > 0);
        assertTrue(text.contains("engram_trials_save_time_seconds{mp_scope=\"application\",quantile=\"0.99\"}"), "p99 is published");
        assertEquals(0.0, sample(text, "engram_trials_refused_total"));
        assertTrue(sample(text, "engram_trials_stored_rate_per_second") >= 0);
        assertEquals(0.0, sample(text, "engram_runs_active"), "every run completed, so none is active");
        assertEquals(16.0, sample(text, "engram_db_pool_max"));
        assertTrue(sample(text, "engram_db_pool_total") >= 1);
        for (String gauge : List.of("engram_db_pool_active", "engram_db_pool_idle", "engram_db_pool_pending")) {
            assertTrue(sample(text, gauge) >= 0, gauge);
        }
        assertEquals(SERIES, series(text), "engram's series and their labels (docs/deploy.md, Metrics)");
    }

    /** Every engram series /metrics publishes, as name{label names}: the names and labels docs/deploy.md promises. */
    static final Set<String> SERIES = Set.of(
            "engram_trials_stored_total{mp_scope}", "engram_trials_repeated_total{mp_scope}", "engram_trials_refused_total{mp_scope}",
            "engram_trials_stored_rate_per_second{mp_scope}", "engram_runs_active{mp_scope}",
            "engram_trials_save_time_seconds{mp_scope,quantile}", "engram_trials_save_time_seconds_count{mp_scope}",
            "engram_trials_save_time_seconds_sum{mp_scope}", "engram_trials_save_time_seconds_max{mp_scope}",
            "engram_trials_save_time_seconds_mean{mp_scope}",
            "engram_db_pool_active{mp_scope}", "engram_db_pool_idle{mp_scope}", "engram_db_pool_total{mp_scope}",
            "engram_db_pool_pending{mp_scope}", "engram_db_pool_max{mp_scope}");

    static Set<String> series(String prometheus) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(engram_[a-z_]+)(?:\\{([^}]*)\\})? ").matcher(prometheus);
        while (m.find()) {
            String labels = m.group(2) == null ? "" : Pattern.compile(",").splitAsStream(m.group(2))
                    .map(l -> l.substring(0, l.indexOf('='))).sorted().collect(Collectors.joining(","));
            found.add(m.group(1) + "{" + labels + "}");
        }
        return found;
    }

    @Test
    @Order(2)
    void theEventLogCarriesRunIdsAndNoProlificIds() throws IOException {
        SimulationReport report = simulated();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(DATA.toPath().resolve("logs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("events\\.\\d+\\.\\d+\\.jsonl")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        Set<String> startedRuns = lines.stream().filter(l -> l.contains("\"event\":\"run_started\""))
                .map(l -> field(l, "run")).collect(Collectors.toSet());
        Set<String> simulatedRuns = report.acknowledgedTrials().stream().map(AckRecord::runId).collect(Collectors.toSet());
        assertEquals(simulatedRuns, startedRuns);
        assertEquals(simulatedRuns, lines.stream().filter(l -> l.contains("\"event\":\"run_completed\"")).map(l -> field(l, "run"))
                .collect(Collectors.toSet()));
        assertEquals(report.runsResumed(), lines.stream().filter(l -> l.contains("\"event\":\"run_resumed\"")).count());
        Set<String> pids = report.acknowledgedTrials().stream().map(AckRecord::participantId).collect(Collectors.toSet());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"time\":\"") && line.endsWith("}"), line);
            assertTrue(line.contains("\"instance\":\"it-instance\""), line);
            pids.forEach(pid -> assertFalse(line.contains(pid), "a Prolific ID in clear: " + line));
        }
        assertEquals(pids.size(), lines.stream().filter(l -> l.contains("\"event\":\"run_started\"")).map(l -> field(l, "participant"))
                .collect(Collectors.toSet()).size(), "one hash per participant");
    }

    @Test
    @Order(3)
    void anAdminMakesAnOnlineBackupOthersAreRefused() throws IOException {
        Http http = new Http(base());
        Http.Reply anonymous = http.send(HttpRequest.newBuilder(base().resolve("api/admin/backup")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("unauthorized", anonymous.error());
        assertEquals(401, backup(http, "admin:wrong").status());
        Http.Reply garbled = http.send(HttpRequest.newBuilder(base().resolve("api/admin/backup"))
                .header("Authorization", "Basic %%%").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, garbled.status(), garbled.body());

        Http.Reply done = backup(http, "admin:" + Deployments.ADMIN_PASSWORD);
        assertEquals(200, done.status(), done.body());
        JsonObject body = done.json();
        Path file = Path.of(body.getString("file"));
        assertEquals(DATA.toPath().resolve("backups"), file.getParent());
        assertTrue(file.getFileName().toString().matches("engram-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip"), file.toString());
        assertEquals(Files.size(file), body.getJsonNumber("bytes").longValue());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith("engram.mv.db") && e.getSize() > 0), "the zip holds the database file");
        }
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no .part file is left behind");
        }
    }

    private Http.Reply backup(Http http, String credentials) {
        return http.send(HttpRequest.newBuilder(base().resolve("api/admin/backup"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static double sample(String prometheus, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-+0-9.Ee]+|NaN)$").matcher(prometheus);
        assertTrue(m.find(), name + " is missing from /metrics");
        return Double.parseDouble(m.group(2));
    }

    static String field(String jsonLine, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(jsonLine);
        assertTrue(m.find(), name + " missing in " + jsonLine);
        return m.group(1);
    }
}
