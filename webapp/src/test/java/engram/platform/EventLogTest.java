package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void writesOneLineOfJsonWithEscapes() {
        String line = EventLog.json(EventLog.fields("event", "run_started", "run", "r\"1\\", "note", "a\nb\u0001\u2028", "n", 3, "ok", true));
        assertEquals("{\"event\":\"run_started\",\"run\":\"r\\\"1\\\\\",\"note\":\"a\\nb\\u0001\\u2028\",\"n\":3,\"ok\":true}", line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void clipsEveryTextValueSoNoClientTextIsUnbounded() {
        String line = EventLog.json(EventLog.fields("event", "run_refused", "experiment", "x".repeat(60_000)));
        assertTrue(line.length() < 300, "a 60,000-character value gave a line of " + line.length());
        assertTrue(line.contains("x".repeat(LogText.MAX_CHARS) + "…(60000 chars)"), line);
        assertEquals("short", LogText.clip("short"));
    }

    @Test
    void aLoggedExceptionKeepsItsFramesAndClipsItsMessages() {
        RuntimeException thrown = new RuntimeException("y".repeat(50_000), new IllegalStateException("z".repeat(50_000)));
        Throwable logged = LogText.bounded(thrown);
        assertTrue(logged.getMessage().startsWith("java.lang.RuntimeException: yyy") && logged.getMessage().length() < 300);
        assertTrue(logged.getCause().getMessage().startsWith("java.lang.IllegalStateException: zzz"));
        assertTrue(logged.getCause().getMessage().length() < 300);
        assertEquals(thrown.getStackTrace().length, logged.getStackTrace().length);
    }

    @Test
    void hashesTheParticipantWithTheKey() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        // python3: hmac.new(b"k", b"5f1a2b3c4d5e6f7a8b9c0d1e", hashlib.sha256).hexdigest()[:16]
        assertEquals(EventLogTest.REFERENCE, EventLog.hash(key, "5f1a2b3c4d5e6f7a8b9c0d1e"));
        assertNotEquals(EventLog.hash(key, "5f1a2b3c4d5e6f7a8b9c0d1e"), EventLog.hash("other".getBytes(StandardCharsets.UTF_8), "5f1a2b3c4d5e6f7a8b9c0d1e"));
    }

    @Test
    void fieldsNeedPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventLog.fields("event"));
        assertEquals("fields needs name, value pairs; got 1 arguments", e.getMessage());
        assertEquals(Map.of(), EventLog.fields());
    }

    static final String REFERENCE = "abb015a316ca9e7e";
}
