package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.Deployments;

/**
 * Hostile anonymous traffic on loopback (issue 9, docs/security.md section 1): the three attacks that ran the server out
 * of memory, each first on its own and then together for a fixed number of requests, after which the server's heap
 * after a full GC has not grown, /health is UP and a normal participant run completes. The server is the Payara Micro
 * JVM that Arquillian starts as a child of this one (-Xmx256m, as in every IT); its heap is read with jcmd.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileTrafficIT {

    static final File DATA = new File("target/it-data/hostile-" + System.nanoTime()).getAbsoluteFile();
    /** The figures: 60 KB names, a 200 MB webhook body, 400 parts of 0.9 MB. */
    static final int NAME_CHARS = 60_000;
    static final long HUGE_BODY_BYTES = 200_000_000L;
    static final int PARTS = 400;
    static final int PART_BYTES = 900_000;
    /** The load phase: a fixed number of requests of each kind. */
    static final int LONG_NAMES = 1_000;
    static final int UNKNOWN_NAMES = 1_000;
    static final int HUGE_BODIES = 10;
    static final int MULTIPART_FLOODS = 10;
    /**
     * Growth of the live heap allowed across the load phase. Measured here: 10-12 MB (Payara's own pools and caches),
     * whereas the unfixed server kept ~60 MB for 1,000 long names alone.
     */
    static final long HEAP_GROWTH_LIMIT_BYTES = 32L * 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", "jdbc:h2:file:" + DATA + "/engram",
                "engram.log.key", "it-log-key"));
    }

    @ArquillianResource
    URL deployment;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    URI base() {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void aLongExperimentNameIsRefusedBeforeAnyLookupAndLeavesNoTrace() throws Exception {
        HttpResponse<String> refused = startRun("x".repeat(NAME_CHARS));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"bad_experiment\""), refused.body());
        assertTrue(refused.body().length() < 300, "the name is not echoed: " + refused.body().length() + " characters");
        HttpResponse<String> unknown = startRun("no-such-study-" + "y".repeat(40));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(eventLines().stream().noneMatch(line -> line.contains("xxxxxxxxxx")), "the long name reached the event log");
    }

    @Test
    @Order(2)
    void aHugeWebhookBodyIsRefusedBeforeItIsRead() throws Exception {
        Streamed chunked = stream("/api/prolific/demo/webhook", "application/json", null, zeros(HUGE_BODY_BYTES));
        assertEquals(413, chunked.status(), "chunked, no Content-Length");
        assertTrue(chunked.sent() < HUGE_BODY_BYTES, "the server answered before the body ended: " + chunked.sent() + " bytes sent");
        Streamed declared = stream("/api/prolific/demo/webhook", "application/json", HUGE_BODY_BYTES, zeros(HUGE_BODY_BYTES));
        assertEquals(413, declared.status(), "a declared Content-Length over the limit");
        assertHealthUp();
    }

    @Test
    @Order(3)
    void aMultipartFloodOnTheLoginPageIsRefusedUnparsed() throws Exception {
        Multipart flood = new Multipart(PARTS, PART_BYTES);
        Streamed declared = stream("/admin/login.xhtml", flood.contentType(), flood.length(), flood);
        assertEquals(415, declared.status());
        Streamed chunked = stream("/admin/login.xhtml", flood.contentType(), null, new Multipart(PARTS, PART_BYTES));
        assertEquals(415, chunked.status());
        Streamed bigForm = stream("/admin/login.xhtml", "application/x-www-form-urlencoded", 50_000_000L, zeros(50_000_000L));
        assertEquals(413, bigForm.status(), "a form body over 1 MiB");
        Streamed chunkedForm = stream("/admin/login.xhtml", "application/x-www-form-urlencoded", null, zeros(10_000));
        assertEquals(411, chunkedForm.status(), "a form body without a length");
        assertHealthUp();
    }

    @Test
    @Order(4)
    void underAFixedLoadOfAllThreeAttacksTheHeapHoldsHealthStaysUpAndARunCompletes() throws Exception {
        completeOneRun("HOSTILE0", 7);
        // A warm-up round of the same traffic first, so that pools, caches and compiled code are in the baseline.
        attack(1, LONG_NAMES / 4, UNKNOWN_NAMES / 4, 2, 2);
        long before = liveHeapBytes();
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = attack(2, LONG_NAMES, UNKNOWN_NAMES, HUGE_BODIES, MULTIPART_FLOODS);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(Map.of(400, LONG_NAMES, 404, UNKNOWN_NAMES, 413, HUGE_BODIES, 415, MULTIPART_FLOODS), statuses,
                "long names 400, unknown names 404, huge webhook bodies 413, multipart floods 415");

        long after = liveHeapBytes();
        System.out.printf("hostile load: %d requests in %.1f s; live heap after full GC %d KiB before, %d KiB after%n",
                LONG_NAMES + UNKNOWN_NAMES + HUGE_BODIES + MULTIPART_FLOODS, seconds, before / 1024, after / 1024);
        assertTrue(after - before < HEAP_GROWTH_LIMIT_BYTES, "the live heap grew by " + (after - before) / 1024 + " KiB");
        assertHealthUp();
        completeOneRun("HOSTILE1", 8);
        for (String line : eventLines()) {
            assertTrue(line.length() < 1_000, "an event line of " + line.length() + " characters");
        }
    }

    /** Sends the attacks, 8 at a time, and counts the answers by status. */
    private Map<Integer, Integer> attack(int round, int longNames, int unknownNames, int hugeBodies, int floods) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Future<?>> work = new ArrayList<>();
        Random random = new Random(round);
        for (int i = 0; i < longNames; i++) {
            String name = (char) ('a' + random.nextInt(26)) + Long.toString(random.nextLong(), 36) + "x".repeat(NAME_CHARS);
            work.add(pool.submit(() -> count(statuses, startRun(name).statusCode())));
        }
        for (int i = 0; i < unknownNames; i++) {
            String name = "u" + round + "-" + i + "-" + "z".repeat(56 - String.valueOf(i).length());
            work.add(pool.submit(() -> count(statuses, startRun(name).statusCode())));
        }
        for (int i = 0; i < hugeBodies; i++) {
            work.add(pool.submit(() -> count(statuses, stream("/api/prolific/demo/webhook", "application/json", null, zeros(HUGE_BODY_BYTES)).status())));
        }
        for (int i = 0; i < floods; i++) {
            work.add(pool.submit(() -> count(statuses, stream("/admin/login.xhtml", "multipart/form-data; boundary=" + Multipart.BOUNDARY,
                    null, new Multipart(PARTS, PART_BYTES)).status())));
        }
        try {
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        return counts;
    }

    private void completeOneRun(String studyId, long seed) throws Exception {
        SimulationReport report = Simulation.against(base()).experiment("demo").studyId(studyId).participants(1).concurrency(1).seed(seed).run();
        assertEquals(1, report.runsCompleted(), report.summary());
    }

    private void assertHealthUp() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(base().resolve("health")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
    }

    private HttpResponse<String> startRun(String experiment) throws IOException, InterruptedException {
        String body = "{\"experiment\":\"" + experiment + "\",\"prolificPid\":\"HOSTILE\",\"studyId\":\"IT\",\"sessionId\":\"S1\"}";
        return client.send(HttpRequest.newBuilder(base().resolve("api/runs")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Void count(Map<Integer, AtomicInteger> statuses, int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        return null;
    }

    private static List<String> eventLines() throws IOException {
        Path logs = DATA.toPath().resolve("logs");
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(logs)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    // --- the server's heap, read with jcmd from the Payara Micro JVM that Arquillian started as our child ---

    /** Bytes of live objects after a full GC: GC.class_histogram collects first and ends with a "Total" line. */
    static long liveHeapBytes() throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(histogram);
        assertTrue(total.find(), "no Total line in GC.class_histogram:\n" + histogram.lines().limit(5).toList());
        return Long.parseLong(total.group(1));
    }

    static String jcmd(String command) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new AssertionError("no Payara Micro child process"));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "jcmd did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    // --- raw HTTP/1.1 over a socket, so that a body can be streamed until the server answers ---

    record Streamed(int status, long sent) {
    }

    /** Sends the body (chunked when length is null) until it ends, the server answers, or the server closes the connection. */
    Streamed stream(String path, String contentType, Long length, IntFunction<byte[]> body) throws Exception {
        URI base = base();
        String target = base.getPath().replaceAll("/$", "") + path;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\n");
            head.append(length == null ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> readStatus(socket));
            long sent = 0;
            try {
                for (int i = 0; !status.isDone(); i++) {
                    byte[] piece = body.apply(i);
                    if (piece == null) {
                        if (length == null) {
                            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        break;
                    }
                    if (length == null) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece);
                    if (length == null) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent += piece.length;
                }
                out.flush();
            } catch (IOException closedByServer) {
                // the server answered and closed the connection while the body was still coming: what we want
            }
            return new Streamed(status.get(2, TimeUnit.MINUTES), sent);
        }
    }

    private static int readStatus(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null || !line.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(line.substring(9, 12));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A body of the given size in 64 KiB pieces of zeros. */
    static IntFunction<byte[]> zeros(long bytes) {
        byte[] piece = new byte[64 * 1024];
        long pieces = (bytes + piece.length - 1) / piece.length;
        return i -> i < pieces - 1 ? piece : i == pieces - 1 ? new byte[(int) (bytes - (pieces - 1) * piece.length)] : null;
    }

    /** multipart/form-data with many file parts of one size, produced part by part. */
    static final class Multipart implements IntFunction<byte[]> {
        static final String BOUNDARY = "engram-hostile-boundary";
        private final int parts;
        private final byte[] content;

        Multipart(int parts, int partBytes) {
            this.parts = parts;
            this.content = new byte[partBytes + 2];
            java.util.Arrays.fill(content, (byte) 'a');
            content[partBytes] = '\r';
            content[partBytes + 1] = '\n';
        }

        String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }

        long length() {
            long total = 0;
            for (int i = 0; ; i++) {
                byte[] piece = apply(i);
                if (piece == null) {
                    return total;
                }
                total += piece.length;
            }
        }

        @Override
        public byte[] apply(int i) {
            if (i < 2 * parts) {
                int part = i / 2;
                return i % 2 == 0 ? ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"p" + part + "\"; filename=\"f" + part
                        + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII) : content;
            }
            return i == 2 * parts ? ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII) : null;
        }
    }
}
