package engram.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The study command's contract (help, usage errors, refusals) against a small local HTTP server standing in for engram's API. */
class StudyMainTest {

    @TempDir
    Path temp;
    private HttpServer server;
    private String url;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            byte[] answer;
            int status = 200;
            if (path.equals("/api/experiments/noise/archive")) {
                exchange.getResponseHeaders().add("X-Engram-Protocol-Hash", "ab".repeat(32));
                answer = "PK-archive".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/api/archives")) {
                answer = ("{\"slug\":\"noise-copy\",\"protocolHash\":\"" + "ab".repeat(32) + "\",\"stimulusSet\":\"s\",\"stimulusSetReused\":true,"
                        + "\"sequences\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
                status = 201;
            } else if (path.equals("/api/experiments/noise/status")) {
                status = 409;
                answer = "{\"error\":\"bad_transition\",\"message\":\"A closed experiment cannot become live.\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = "{\"error\":\"unknown_experiment\",\"message\":\"There is no experiment called 'x'.\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(Map<String, String> env, String... args) {
        return StudyMain.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    }

    @Test
    void helpListsTheSubcommandsOnStdout() {
        assertEquals(0, run(Map.of(), "--help"));
        for (String sub : List.of("push", "pull", "status", "launch", "export")) {
            assertTrue(out.toString().contains(sub), out.toString());
        }
        assertEquals(0, run(Map.of(), "pull", "--help"));
        assertTrue(out.toString().contains("--experiment"));
    }

    /** Every subcommand gets the shared options from its base class and mixins: help, version, the server and the login. */
    @Test
    void everySubcommandHasHelpVersionAndTheServerOptions() {
        for (String sub : List.of("push", "pull", "status", "launch", "export")) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(Map.of(), sub, "--help"), sub);
            for (String option : List.of("--url", "--token", "--user", "--help", "--version")) {
                assertTrue(out.toString().contains(option), sub + " --help lists " + option + ": " + out);
            }
            assertEquals(!sub.equals("push"), out.toString().contains("--experiment"), sub + ": " + out);
            out.getBuffer().setLength(0);
            assertEquals(0, run(Map.of(), sub, "--version"), sub);
            assertTrue(out.toString().matches("(?s).*\\d.*"), sub + " --version prints a version: " + out);
        }
        assertEquals(List.of(), requests, "help and version reach no server");
    }

    @Test
    void usageErrorsNameTheFlagAndExitTwo() {
        assertEquals(2, run(Map.of(), "pull", "--url", url, "--experiment", "noise", "--out", "x.zip"));
        assertTrue(err.toString().contains("engram study pull: log in with --token TOKEN (or ENGRAM_TOKEN)"), err.toString());
        assertEquals(2, run(Map.of(), "status", "--url", url, "--experiment", "noise", "--user", "erin"));
        assertTrue(err.toString().contains("ENGRAM_PASSWORD"), err.toString());
        assertEquals(2, run(Map.of("ENGRAM_TOKEN", "t"), "status", "--url", "ftp://x", "--experiment", "noise"));
        assertTrue(err.toString().contains("--url: give an http or https address"), err.toString());
        assertEquals(2, run(Map.of("ENGRAM_TOKEN", "t"), "launch", "--url", url, "--experiment", "noise", "--to", "running"));
        assertTrue(err.toString().contains("--to: one of draft, pilot, live, paused, closed"), err.toString());
        assertEquals(2, run(Map.of("ENGRAM_TOKEN", "t"), "push", "--url", url, temp.resolve("missing.zip").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertEquals(List.of(), requests, "no usage error reaches the server");
    }

    @Test
    void pullWritesTheArchiveAndPrintsItsHashWithTheTokenFromTheEnvironment() throws IOException {
        Path file = temp.resolve("out/noise.zip");
        assertEquals(0, run(Map.of("ENGRAM_TOKEN", "secret-token"), "pull", "--url", url, "--experiment", "noise", "--out", file.toString()));
        assertArrayEquals("PK-archive".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals("ab".repeat(32), out.toString().strip());
        assertEquals(List.of("GET /api/experiments/noise/archive Bearer secret-token"), requests);
    }

    @Test
    void pushSendsTheZipOrAZippedFolderAndPrintsTheSlug() throws IOException {
        Path zip = Files.write(temp.resolve("a.zip"), new byte[] {1, 2, 3});
        assertEquals(0, run(Map.of("ENGRAM_PASSWORD", "pw"), "push", "--url", url, "--user", "erin", "--slug", "noise-copy", zip.toString()));
        assertEquals("noise-copy", out.toString().strip());
        assertTrue(requests.get(0).startsWith("POST /api/archives?slug=noise-copy Basic "), requests.toString());
        Path folder = Files.createDirectories(temp.resolve("unpacked/stimuli"));
        Files.writeString(folder.resolve("manifest.csv"), "image_id\n");
        assertEquals(0, run(Map.of("ENGRAM_TOKEN", "t"), "push", "--url", url, "--verify", "cd".repeat(32), temp.resolve("unpacked").toString()));
        assertTrue(requests.get(1).startsWith("POST /api/archives?verify=" + "cd".repeat(32) + " Bearer t"), requests.toString());
    }

    @Test
    void aRefusalOrAnUnreachableServerIsAFailedRun() throws IOException {
        assertEquals(1, run(Map.of("ENGRAM_TOKEN", "t"), "launch", "--url", url, "--experiment", "noise"));
        assertTrue(err.toString().contains("engram study launch: the server refused: 409 bad_transition: A closed experiment cannot become live."),
                err.toString());
        assertEquals(1, run(Map.of("ENGRAM_TOKEN", "t"), "export", "--url", url, "--experiment", "x", "--out", temp.resolve("e.zip").toString()));
        assertTrue(err.toString().contains("404 unknown_experiment"), err.toString());
        assertTrue(Files.notExists(temp.resolve("e.zip")), "no file is left after a refusal");
        server.stop(0);
        assertEquals(1, run(Map.of("ENGRAM_TOKEN", "t"), "status", "--url", url, "--experiment", "noise"));
        String port = url.substring(url.lastIndexOf(':') + 1, url.length() - 1);
        assertTrue(err.toString().contains("engram study status: cannot reach the server at 127.0.0.1:" + port
                + ": nothing accepted the connection; is engram running there? (java.net.ConnectException"), err.toString());
        assertFalse(err.toString().contains("null"), err.toString());
    }

    /** An unknown host and a refused connection read differently; each exception of the chain is named once. */
    @Test
    void aFailedConnectionSaysWhy() {
        Exception unknownHost = new java.net.ConnectException();
        unknownHost.initCause(new java.net.ConnectException());
        unknownHost.getCause().initCause(new java.nio.channels.UnresolvedAddressException());
        assertEquals("the host name does not resolve", StudyMain.hint(unknownHost));
        assertEquals("java.net.ConnectException, caused by java.nio.channels.UnresolvedAddressException", StudyMain.why(unknownHost));
        Exception refused = new java.net.ConnectException("Connection refused");
        assertEquals("nothing accepted the connection; is engram running there?", StudyMain.hint(refused));
        assertEquals("java.net.ConnectException: Connection refused", StudyMain.why(refused));
        assertEquals("example.org:443", StudyMain.hostAndPort(java.net.URI.create("https://example.org/")));
    }
}
