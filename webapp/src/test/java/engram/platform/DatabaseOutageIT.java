package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.Chromium;
import engram.testing.Deployments;
import engram.testing.EmbeddedPostgresExtension;
import engram.testing.Http;
import engram.testing.WorkspacePages;
import jakarta.json.Json;

/**
 * Issue 9 over HTTP on Payara Micro with a real PostgreSQL 17 that the test stops and starts again under the running
 * server: /health turns DOWN (503) and a participant's POST /api/runs answers 503 {@code database_unavailable} instead of
 * an opaque 500, and both recover once the database is back, without restarting the server. Before that, API tokens:
 * an expired one is refused with 401 {@code token_expired} and a read one on a write endpoint with 403 {@code token_scope}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

    /** PostgreSQL on its own data folder, so that a stop and a start (on the same port) is a restart, not a new database. */
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension(
            Path.of("target/it-data/outage-pg-" + System.nanoTime()).toAbsolutePath());

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(POSTGRES.deploymentSettings());
        settings.put("engram.data", Path.of("target/it-data/outage-engram-" + System.nanoTime()).toAbsolutePath().toString());
        return Deployments.engram(settings);
    }

    @ArquillianResource
    URL deployment;

    URI base() {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void anExpiredTokenIsRefusedWith401AndAReadTokenCannotWrite() throws SQLException {
        String aged;
        String reader;
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = WorkspacePages.loggedIn(context, base(), "admin", Deployments.ADMIN_PASSWORD);
            aged = WorkspacePages.createToken(page, base(), "aged", "WRITE", "7");
            reader = WorkspacePages.createToken(page, base(), "reader", "READ", "7");
        }
        assertEquals(200, call("GET", "api/experiments", "Bearer " + aged).status(), "valid before it expires");
        try (Connection db = POSTGRES.connection();
                PreparedStatement age = db.prepareStatement("UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE name = ?")) {
            age.setString(1, "aged");
            assertEquals(1, age.executeUpdate());
        }
        for (String method : new String[] {"GET", "POST"}) {
            String path = method.equals("GET") ? "api/experiments" : "api/admin/backup";
            Http.Reply expired = call(method, path, "Bearer " + aged);
            assertEquals(401, expired.status(), method + " " + path + " with an expired token: " + expired.body());
            assertEquals("token_expired", expired.error());
        }

        Http.Reply read = call("GET", "api/experiments", "Bearer " + reader);
        assertEquals(200, read.status(), read.body());
        Http.Reply write = call("POST", "api/admin/backup", "Bearer " + reader);
        assertEquals(403, write.status(), "a read token on a write endpoint: " + write.body());
        assertEquals("token_scope", write.error());
    }

    @Test
    @Order(2)
    void aStoppedDatabaseTurnsHealthDownAndParticipantsGet503UntilItIsBack() throws Exception {
        assertEquals(200, new Http(base()).get("health").status(), "UP before the outage");
        assertEquals(0, simulate(1).runsFailed());

        POSTGRES.stop();

        long start = System.nanoTime();
        Http.Reply health = new Http(base()).get("health");
        long healthMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, health.status(), health.body());
        assertTrue(health.body().contains("\"engram-database\"") && health.body().contains("DOWN"), health.body());
        // the probe gives up after 2 s; the pool would wait 10 s, so any bound below 10 s tells them apart, and the
        // highest such bound leaves a loaded machine the most room
        assertTrue(healthMillis < 9_500, "/health answers DOWN within its probe's 2 s, not the pool's 10 s: " + healthMillis + " ms");

        start = System.nanoTime();
        Http.Reply arrival = call("POST", "api/runs", null, Json.createObjectBuilder().add("experiment", "demo")
                .add("prolificPid", "OUTAGE1").add("studyId", "IT").add("sessionId", "S1").build().toString());
        long arrivalMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, arrival.status(), "was: an opaque 500 for every arrival: " + arrival.body());
        // the pool's configured wait is 10 s (the library's default 30 s); a bound between them leaves a loaded machine room
        assertTrue(arrivalMillis < 25_000, "answered after the pool's 10 s wait, not its default 30 s: " + arrivalMillis + " ms");
        assertEquals("database_unavailable", arrival.error());
        assertEquals("30", arrival.raw().headers().firstValue("Retry-After").orElse(""));
        assertFalse(arrival.body().contains("SQL") || arrival.body().contains("Exception") || arrival.body().contains("jdbc"), arrival.body());

        POSTGRES.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status;
        while ((status = new Http(base()).get("health").status()) != 200 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
        }
        assertEquals(200, status, "/health is UP again once the database is back, without a restart of the server");
        SimulationReport after = simulate(2);
        assertEquals(0, after.runsFailed(), after.summary());
    }

    private SimulationReport simulate(int participants) throws IOException, InterruptedException {
        return Simulation.against(base()).experiment("demo").participants(participants).concurrency(1).seed(participants).run();
    }

    private Http.Reply call(String method, String path, String authorization) {
        return call(method, path, authorization, null);
    }

    /** One request with a minute to answer: an arrival waits up to the pool's 10 s for a connection before it is refused. */
    private Http.Reply call(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Http(base()).send(request);
    }
}
