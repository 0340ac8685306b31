package engram.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * HTTP calls of the participant API with the page's retry rule: a connection error, a timeout, a 5xx, 408, 429 or a
 * 4xx that is not engram's own (no JSON error code) is
 * retried under the {@link RetryPolicy}; any other answer is returned to the caller.
 */
final class ParticipantApi {

    /** An HTTP answer with its JSON body ({@link MissingNode} when the body is empty or not JSON). */
    record Answer(int status, JsonNode body) {

        String errorCode() {
            String code = body.path("error").asText("");
            return code.isEmpty() ? "http_" + status : code;
        }

        String describe() {
            return "HTTP " + status + " " + body;
        }
    }

    private final HttpClient http;
    private final String base;
    private final ObjectMapper json;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final RunStats stats;

    ParticipantApi(HttpClient http, URI base, ObjectMapper json, RetryPolicy retryPolicy, Duration requestTimeout,
                   RunStats stats) {
        this.http = http;
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.json = json;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.stats = stats;
    }

    /**
     * Sends one request, retrying it until it gets an answer that is not transient or the retry budget is spent.
     *
     * @param path path below the base URI, starting with {@code /}
     * @param token the run token for {@code X-Run-Token}, or null
     * @throws ApiFailure {@code retries_exhausted} when the budget is spent
     */
    Answer send(RequestKind kind, String method, String path, Object body, String token, RandomGenerator jitter)
            throws ApiFailure, InterruptedException {
        HttpRequest request = request(method, path, body, token);
        long deadline = System.nanoTime() + retryPolicy.budget().toNanos();
        for (int retry = 0; ; retry++) {
            String cause;
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                stats.latency(kind, System.nanoTime() - start);
                int status = response.statusCode();
                boolean fromEngram = status < 400 || isEngramError(response.body());
                if (status < 500 && status != 408 && status != 429 && fromEngram) {
                    return new Answer(status, parse(response.body()));
                }
                cause = status < 500 && !fromEngram ? "http_" + status + "_not_from_engram" : "http_" + status;
            } catch (HttpTimeoutException e) {
                cause = "timeout";
            } catch (ConnectException e) {
                cause = "connect_failed";
            } catch (IOException e) {
                cause = "connection_error";
            }
            stats.transientError(cause);
            long wait = retryPolicy.delayMillis(retry, jitter);
            if (System.nanoTime() + wait * 1_000_000L - deadline > 0) {
                throw new ApiFailure("retries_exhausted", method + " " + path + " still failing (" + cause
                        + ") after " + (retry + 1) + " attempt(s) within " + retryPolicy.budget());
            }
            stats.retries.increment();
            Thread.sleep(wait);
        }
    }

    /**
     * engram's refusals carry a JSON error code; a 4xx without one comes from the container of a restarting server
     * whose application is not deployed yet, and is retried like a 5xx.
     */
    private boolean isEngramError(byte[] body) {
        try {
            JsonNode json = parse(body);
            return json != null && json.hasNonNull("error");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Sends one request once and does not wait for, or look at, its answer: a page that navigates away while its
     * request is in flight.
     */
    void abandon(String method, String path, Object body, String token) {
        http.sendAsync(request(method, path, body, token), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(String method, String path, Object body, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("X-Run-Token", token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", "application/json; charset=utf-8")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write request body for " + path, e);
            }
        }
        return builder.build();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
