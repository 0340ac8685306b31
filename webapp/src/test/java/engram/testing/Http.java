package engram.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** A small JSON-over-HTTP client for the integration tests. */
public final class Http {

    public record Reply(int status, String body, HttpResponse<byte[]> raw) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String error() {
            return json().getString("error");
        }
    }

    /**
     * HTTP/1.1, as nginx and browsers speak to the server: left to itself the client asks Payara's plain listener for an
     * h2c upgrade, and Grizzly once answered one with a broken frame ("Frame type(110) ... exceeds MAX_FRAME_SIZE").
     */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public Reply post(String path, JsonStructure body, String token) {
        return send(request(path, token).POST(body == null ? HttpRequest.BodyPublishers.noBody() : json(body)));
    }

    public Reply put(String path, JsonStructure body, String token) {
        return send(request(path, token).PUT(json(body)));
    }

    public Reply putRaw(String path, String body, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply get(String path, String basicUser, String basicPassword) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        if (basicUser != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    public Reply get(String path) {
        return get(path, null, null);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("X-Run-Token", token);
        }
        return request;
    }

    private static HttpRequest.BodyPublisher json(JsonStructure body) {
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }
}
