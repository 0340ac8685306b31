package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionsDueTest {

    private static final Instant OPENS = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-03T10:00:00Z");

    private static SessionsDue.Due waiting(Instant now) {
        return SessionsDue.of("P", "r", "WAITING", 2, "WAITING", OPENS, CLOSES, 0, 0, now);
    }

    @Test
    void aWaitingParticipantIsDueExactlyWithinTheWindowBoundsIncluded() {
        assertEquals("too early", waiting(OPENS.minusSeconds(1)).due());
        assertEquals("open now", waiting(OPENS).due());
        assertEquals("open now", waiting(CLOSES).due());
        assertEquals("missed", waiting(CLOSES.plusSeconds(1)).due(), "still WAITING in the database, but the window has closed");
        assertEquals("waiting for session 2", waiting(OPENS).state());
        assertEquals("missed session 2", waiting(CLOSES.plusSeconds(1)).state());
        assertEquals(List.of(OPENS, CLOSES), List.of(waiting(OPENS).opensAt(), waiting(OPENS).closesAt()));
    }

    @Test
    void aParticipantInSessionOneHasNoWindowAndOneInALaterSessionShowsTheWindowTheyCameIn() {
        SessionsDue.Due first = SessionsDue.of("P", "r", "STARTED", 1, "STARTED", null, null, 0, 0, OPENS);
        assertEquals(List.of("in session 1", ""), List.of(first.state(), first.due()));
        assertNull(first.opensAt());
        SessionsDue.Due second = SessionsDue.of("P", "r", "STARTED", 2, "STARTED", OPENS, CLOSES, 1, 0, CLOSES.plusSeconds(60));
        assertEquals(List.of("in session 2", ""), List.of(second.state(), second.due()), "back in time: the closed window does not matter now");
        assertEquals(OPENS, second.opensAt());
        SessionsDue.Due noRow = SessionsDue.of("P", "r", "STARTED", 1, null, null, null, 0, 0, OPENS);
        assertEquals("in session 1", noRow.state());
        SessionsDue.Due late = SessionsDue.of("P", "r", "MISSED", 2, "MISSED", OPENS, CLOSES, 0, 2, CLOSES.plusSeconds(60));
        assertEquals(List.of("missed session 2", "missed"), List.of(late.state(), late.due()));
    }

    @Test
    void theSoonestWindowComesFirstAndThoseInASessionLastAndOnlyThoseOpenNowAreEligible() {
        Instant now = OPENS.plusSeconds(60);
        SessionsDue.Due inSession = SessionsDue.of("A", "a", "STARTED", 1, "STARTED", null, null, 0, 0, now);
        SessionsDue.Due early = SessionsDue.of("B", "b", "WAITING", 2, "WAITING", OPENS.plusSeconds(3600), CLOSES, 0, 0, now);
        SessionsDue.Due open = SessionsDue.of("C", "c", "WAITING", 2, "WAITING", OPENS, CLOSES, 0, 0, now);
        SessionsDue.Due missed = SessionsDue.of("D", "d", "WAITING", 2, "WAITING", OPENS.minusSeconds(86_400 * 2), OPENS.minusSeconds(86_400), 0, 0, now);
        List<SessionsDue.Due> rows = new ArrayList<>(List.of(inSession, early, open, missed));
        rows.sort(SessionsDue.SOONEST);
        assertEquals(List.of("D", "C", "B", "A"), rows.stream().map(SessionsDue.Due::participant).toList());
        assertEquals(List.of("C"), SessionsDue.eligible(rows));
    }
}
