package engram.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One JSON line per run event (started, resumed, consented, completed, refused…) with the run id and the instance,
 * written to {@code <data>/logs/events.<u>.<g>.jsonl} (rotated at 10 MB, 10 files) or, with
 * {@code engram.events.log=server}, to the server log. A Prolific ID never appears in clear: only a keyed hash
 * (HMAC-SHA256 with {@code engram.log.key}, first 16 hex digits), so lines of one participant can be matched without
 * revealing who it is. Every text value is clipped to {@link LogText#MAX_CHARS} characters.
 */
@ApplicationScoped
public class EventLog {

    static final Logger EVENTS = Logger.getLogger("engram.events");
    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());
    private static final int FILE_LIMIT_BYTES = 10 * 1024 * 1024;
    private static final int FILE_COUNT = 10;

    @Inject
    Clock clock;

    private byte[] key;
    private String instance;
    private FileHandler file;

    /** Reads the settings and opens the event file; called on first use. */
    synchronized void open() {
        if (key != null) {
            return;
        }
        var config = ConfigProvider.getConfig();
        key = config.getOptionalValue("engram.log.key", String.class).filter(k -> !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(EventLog::randomKey);
        instance = config.getOptionalValue("engram.instance", String.class).orElseGet(EventLog::defaultInstance);
        String target = config.getOptionalValue("engram.events.log", String.class).orElse("file");
        if (!"server".equals(target)) {
            Path folder = EngramConfig.fromMicroProfile().dataDirectory().resolve("logs");
            try {
                Files.createDirectories(folder);
                file = new FileHandler(folder.resolve("events.%u.%g.jsonl").toString(), FILE_LIMIT_BYTES, FILE_COUNT, true);
                file.setEncoding("UTF-8");
                file.setFormatter(new MessageLine());
                EVENTS.addHandler(file);
                EVENTS.setUseParentHandlers(false);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot open the event log in " + folder + "; run events go to the server log", e);
            }
        }
    }

    /** Writes {@code {"time":…,"event":…,"run":…,"instance":…, …fields}}; null fields are left out. */
    public void event(String event, String runId, Map<String, ?> fields) {
        open();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        line.put("run", runId);
        line.put("instance", instance);
        fields.forEach((name, value) -> {
            if (value != null) {
                line.put(name, value);
            }
        });
        EVENTS.info(json(line));
    }

    /** Name, value, name, value…: an ordered map that keeps nulls (which {@link #event} then leaves out). */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields needs name, value pairs; got " + namesAndValues.length + " arguments");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return fields;
    }

    /** The participant's keyed hash: the first 16 hex digits of HMAC-SHA256(engram.log.key, PROLIFIC_PID). */
    public String participant(String prolificPid) {
        if (prolificPid == null || prolificPid.isEmpty()) {
            return null;
        }
        open();
        return hash(key, prolificPid);
    }

    static String hash(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A one-line JSON object of strings, numbers and booleans (other values are written as strings). */
    static String json(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, name).append(':');
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, LogText.clip(String.valueOf(value)));
            }
        });
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    @PreDestroy
    synchronized void close() {
        if (file != null) {
            EVENTS.removeHandler(file);
            file.close();
            file = null;
        }
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** "pid@host", from the JVM without a name lookup. */
    private static String defaultInstance() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /** The message and a newline: the message is already the whole JSON line. */
    static final class MessageLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    }
}
