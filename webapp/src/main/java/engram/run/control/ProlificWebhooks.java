package engram.run.control;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.run.entity.ProlificEvent;
import engram.run.entity.Run;
import engram.run.entity.RunEvent;
import engram.run.entity.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.LockModeType;

/**
 * Prolific webhooks for one experiment: a {@code submission.status.change} to RETURNED or TIMED-OUT ends the
 * submission's unfinished run as RETURNED, which frees its sequence slot at once. Requests are verified with the
 * experiment's secret (base64 of HMAC-SHA256 over the X-Prolific-Request-Timestamp header followed by the raw body,
 * as Prolific documents), refused when the timestamp is more than {@link #WINDOW} from the server's clock, and applied
 * once: per X-Event-ID (Prolific's redeliveries) and per signed content (timestamp + body; X-Event-ID is not signed, so a
 * captured request re-sent under a fresh event id is recognised by its content and changes nothing).
 */
@ApplicationScoped
public class ProlificWebhooks {

    static final String SUBMISSION_STATUS_CHANGE = "submission.status.change";
    static final Set<String> RELEASING = Set.of("RETURNED", "TIMED-OUT");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    /** How far the signed X-Prolific-Request-Timestamp (UNIX seconds) may be from the server's clock, either way. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** What an accepted event did: released (a run ended), duplicate (seen before), ignored (another event or status), no_run. */
    public record Outcome(String eventId, String outcome, String runId) {
    }

    private Database database;
    private Clock clock;

    protected ProlificWebhooks() {
    }

    @Inject
    public ProlificWebhooks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Outcome receive(String slug, byte[] body, String signature, String timestamp, String eventId) {
        if (slug == null || !RunService.EXPERIMENT_NAME.matcher(slug).matches()) {
            throw ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no study at this address.");
        }
        Instant now = clock.instant();
        return database.write(em -> {
            Experiment experiment = em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class)
                    .setParameter("slug", slug).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream().findFirst()
                    .orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no study called '" + slug + "'."));
            if (experiment.prolificWebhookSecret().isEmpty()) {
                throw ClientError.notFound(ErrorCode.WEBHOOK_NOT_CONFIGURED, "Prolific webhooks are not set up for '" + slug
                        + "': add the secret on the experiment page.");
            }
            if (signature == null || timestamp == null || !signatureMatches(experiment.prolificWebhookSecret(), timestamp, body, signature)) {
                throw new ClientError(401, ErrorCode.BAD_SIGNATURE, "The X-Prolific-Request-Signature does not match this request"
                        + " (HMAC-SHA256 of the timestamp and the body under the experiment's webhook secret).");
            }
            if (!TIMESTAMP.matcher(timestamp.trim()).matches()
                    || Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp.trim())), now).abs().compareTo(WINDOW) > 0) {
                throw new ClientError(401, ErrorCode.STALE_TIMESTAMP, "The X-Prolific-Request-Timestamp is not within " + WINDOW.toMinutes()
                        + " minutes of the server's clock, so this request may be a replay; it changed nothing.");
            }
            if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
                throw ClientError.badRequest(ErrorCode.BAD_EVENT_ID, "The X-Event-ID header is missing or not 1-100 letters, digits, '-' or '_'.");
            }
            String digest = signedDigest(timestamp.trim(), body);
            boolean seen = em.find(ProlificEvent.class, eventId) != null
                    || !em.createQuery("select p.eventId from ProlificEvent p where p.signedDigest = :d", String.class)
                            .setParameter("d", digest).getResultList().isEmpty();
            if (seen) {
                return new Outcome(eventId, "duplicate", null);
            }
            JsonObject event = parse(body);
            String type = text(event, "event_type");
            String submission = text(event, "resource_id");
            String status = text(event, "status");
            Optional<Run> released = Optional.empty();
            String outcome = "ignored";
            if (SUBMISSION_STATUS_CHANGE.equals(type) && RELEASING.contains(status)) {
                released = em.createQuery("select r from Run r where r.experiment = :e and r.sessionId = :submission and r.state = :open",
                                Run.class)
                        .setParameter("e", experiment).setParameter("submission", submission).setParameter("open", RunState.STARTED)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultStream().findFirst();
                outcome = released.isPresent() ? "released" : "no_run";
                released.ifPresent(run -> {
                    run.finish(RunState.RETURNED, null, null, now);
                    em.persist(new RunEvent(run, "prolific_" + status.toLowerCase().replace('-', '_'), now, "webhook event " + eventId));
                });
            }
            em.persist(new ProlificEvent(eventId, experiment, clip(type, 100), clip(submission, 100), clip(status, 32), outcome, now, digest));
            return new Outcome(eventId, outcome, released.map(Run::publicId).orElse(null));
        });
    }

    /** Prolific's signature: base64(HMAC-SHA256(secret, timestamp + body)). */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Hex SHA-256 of the content Prolific signs: the timestamp followed by the raw body. */
    static String signedDigest(String timestamp, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static boolean signatureMatches(String secret, String timestamp, byte[] body, String given) {
        return MessageDigest.isEqual(signature(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                given.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static JsonObject parse(byte[] body) {
        try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw ClientError.badRequest(ErrorCode.BAD_JSON, "The webhook body is not a JSON object.");
        }
    }

    private static String text(JsonObject event, String field) {
        return event.get(field) instanceof JsonString value ? value.getString() : "";
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
