package engram.study;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The experimenter API as the {@code study} command uses it (java.net.http): study archives in and out, an
 * experiment's settings, its lifecycle and its data export. A refusal is a {@link Refused} with the server's status,
 * error code and message.
 */
public final class StudyApi {

    /** The server answered with an error. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }

        public int status() { return status; }
        public String code() { return code; }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: an h2c upgrade of a plain-HTTP server (Payara's Grizzly) once failed with a broken HTTP/2 frame. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    private StudyApi(URI base, String authorization) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.authorization = authorization;
    }

    /** @return the server's base URL */
    public URI base() {
        return base;
    }

    /** With a personal API token (sent as a Bearer token). */
    public static StudyApi withToken(URI base, String token) {
        return new StudyApi(base, "Bearer " + token);
    }

    /** With HTTP Basic. */
    public static StudyApi withPassword(URI base, String user, String password) {
        return new StudyApi(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Imports an archive; the answer holds slug, protocolHash, stimulusSet, stimulusSetReused and sequences. */
    public JsonNode push(byte[] archive, String slug, String verify) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("api/archives");
        char sep = '?';
        if (slug != null) {
            query.append(sep).append("slug=").append(encode(slug));
            sep = '&';
        }
        if (verify != null) {
            query.append(sep).append("verify=").append(encode(verify));
        }
        return json(send(request(query.toString()).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Saves the experiment's study archive to {@code out} (through a temporary file beside it); returns its protocol hash. */
    public String pull(String slug, Path out) throws IOException, InterruptedException {
        return download("api/experiments/" + encode(slug) + "/archive", out).headers().firstValue("X-Engram-Protocol-Hash").orElse("");
    }

    /** Saves the experiment's data export to {@code out}. */
    public void export(String slug, boolean pilot, boolean images, Path out) throws IOException, InterruptedException {
        download("api/experiments/" + encode(slug) + "/export?pilot=" + pilot + "&images=" + images, out);
    }

    /** The experiment's settings, status and protocol hash. */
    public JsonNode status(String slug) throws IOException, InterruptedException {
        return json(send(request("api/experiments/" + encode(slug)).GET(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Moves the experiment to {@code status} (draft, pilot, live, paused, closed); answers as {@link #status}. */
    public JsonNode changeStatus(String slug, String status) throws IOException, InterruptedException {
        return json(send(request("api/experiments/" + encode(slug) + "/status?to=" + encode(status)).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    private HttpResponse<Path> download(String path, Path out) throws IOException, InterruptedException {
        Path folder = out.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, out.getFileName().toString(), ".part");
        try {
            HttpResponse<Path> response = http.send(request(path).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(temporary));
            if (response.statusCode() >= 300) {
                throw refused(response.statusCode(), Files.readAllBytes(temporary));
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return response;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10)).header("Authorization", authorization)
                .header("Accept", "application/json, application/zip");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, HttpResponse.BodyHandler<byte[]> handler)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build(), handler);
        if (response.statusCode() >= 300) {
            throw refused(response.statusCode(), response.body());
        }
        return response;
    }

    private static Refused refused(int status, byte[] body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("error")) {
                StringBuilder message = new StringBuilder(error.path("message").asText(""));
                for (JsonNode problem : error.path("problems")) {
                    message.append("\n  ").append(problem.asText());
                }
                return new Refused(status, error.get("error").asText(), message.toString());
            }
        } catch (IOException notJson) {
            // fall through: the body is not engram's JSON error
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new Refused(status, "http_" + status, text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
