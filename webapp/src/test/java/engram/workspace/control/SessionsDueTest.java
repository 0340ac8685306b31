package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionsDueTest {

    private static final Instant OPENS = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aWaitingSessionIsDueExactlyWithinItsWindowBoundsIncluded() {
        assertEquals("not yet", SessionsDue.dueLabel("WAITING", OPENS, CLOSES, OPENS.minusSeconds(1)));
        assertEquals("open now", SessionsDue.dueLabel("WAITING", OPENS, CLOSES, OPENS));
        assertEquals("open now", SessionsDue.dueLabel("WAITING", OPENS, CLOSES, CLOSES));
        assertEquals("window closed", SessionsDue.dueLabel("WAITING", OPENS, CLOSES, CLOSES.plusSeconds(1)));
        assertEquals("in session", SessionsDue.dueLabel("STARTED", OPENS, CLOSES, CLOSES.plusSeconds(1)));
        assertEquals("missed", SessionsDue.dueLabel("MISSED", OPENS, CLOSES, OPENS));
    }
}
