package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.testing.MutableClock;
import engram.platform.Database;
import engram.run.entity.Run;
import engram.workspace.control.SessionsDue;

/**
 * The monitor's Sessions due and the allowlist over real runs of PhaseFixture's two-session study (session 2 opens 1 to
 * 2 hours after session 1 ends), with a moved clock: a participant still in session 1, one waiting and too early,
 * one open now, one who missed the window, and one who came back too late (run on H2 and on PostgreSQL).
 */
abstract class SessionsDueContract {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    abstract Database database();

    @Test
    void everyUnfinishedParticipantWithTheirNextWindowSoonestFirstAndTheAllowlistOfThoseOpenNow() {
        Database database = database();
        MutableClock clock = new MutableClock(START);
        RunService runs = new RunService(database, clock);
        RunPhases phases = new RunPhases(database, clock);
        String slug = "due" + UUID.randomUUID().toString().substring(0, 8);
        Experiment experiment = PhaseFixture.create(database, slug, clock.instant());

        finishSessionOne(runs, phases, clock, runs.open(slug, "EARLY", "ST1", "S1", false, null, null));  // ends 10:01: window 11:01..12:01
        clock.advance(Duration.ofMinutes(30));
        finishSessionOne(runs, phases, clock, runs.open(slug, "LATER", "ST1", "S2", false, null, null));  // ends 10:32: window 11:32..12:32
        runs.open(slug, "BUSY", "ST1", "S3", false, null, null);                                           // still in session 1
        runs.open(slug, "PILOT", "ST1", "S4", true, null, null);

        Map<String, SessionsDue.Due> at1045 = byPid(SessionsDue.read(database, START.plus(Duration.ofMinutes(45)), experiment.id(), false));
        assertEquals(3, at1045.size(), "the pilot run is not among the real runs");
        assertEquals(List.of("waiting for session 2", "too early"), List.of(at1045.get("EARLY").state(), at1045.get("EARLY").due()));
        assertEquals(START.plusSeconds(60 + 3600), at1045.get("EARLY").opensAt());
        assertEquals(START.plusSeconds(60 + 7200), at1045.get("EARLY").closesAt());
        assertEquals(List.of("in session 1", ""), List.of(at1045.get("BUSY").state(), at1045.get("BUSY").due()));
        assertNull(at1045.get("BUSY").opensAt(), "no window while in session 1");

        List<SessionsDue.Due> at1140 = SessionsDue.read(database, START.plus(Duration.ofMinutes(100)), experiment.id(), false);
        assertEquals(List.of("EARLY", "LATER", "BUSY"), at1140.stream().map(SessionsDue.Due::participant).toList(),
                "sorted by when the next window opens; those in a session last");
        assertEquals(List.of("EARLY", "LATER"), SessionsDue.eligible(at1140));

        Instant at1215 = START.plus(Duration.ofMinutes(135));
        Map<String, SessionsDue.Due> closed = byPid(SessionsDue.read(database, at1215, experiment.id(), false));
        assertEquals(List.of("missed session 2", "missed"), List.of(closed.get("EARLY").state(), closed.get("EARLY").due()),
                "its window closed at 12:01 without a return");
        assertEquals("open now", closed.get("LATER").due(), "open until 12:32");
        assertEquals(List.of("LATER"), SessionsDue.eligible(SessionsDue.read(database, at1215, experiment.id(), false)));

        clock.advance(Duration.between(clock.instant(), at1215));
        engram.platform.ClientError refused = org.junit.jupiter.api.Assertions.assertThrows(engram.platform.ClientError.class,
                () -> runs.open(slug, "EARLY", "ST2", "S5", false, null, null));
        assertEquals("session_too_late", refused.code(), refused.getMessage());
        SessionsDue.Due late = byPid(SessionsDue.read(database, at1215, experiment.id(), false)).get("EARLY");
        assertEquals(List.of("missed session 2", "missed", 1), List.of(late.state(), late.due(), late.refusedLate()), "came back too late: MISSED");
        assertEquals(List.of("PILOT"), SessionsDue.read(database, at1215, experiment.id(), true).stream().map(SessionsDue.Due::participant).toList());
    }

    private static Map<String, SessionsDue.Due> byPid(List<SessionsDue.Due> due) {
        return due.stream().collect(Collectors.toMap(SessionsDue.Due::participant, Function.identity()));
    }

    private static void finishSessionOne(RunService runs, RunPhases phases, MutableClock clock, RunService.Opened opened) {
        Run run = opened.run();
        for (SequenceItem item : runs.visit(opened).items()) {
            assertTrue(runs.saveTrial(run.publicId(), run.token(), PhaseRunsContract.good(item)));
        }
        phases.open(run.publicId(), run.token(), 2);
        clock.advance(Duration.ofSeconds(60));
        phases.done(run.publicId(), run.token(), 2, null, null);
        runs.completeSession(run.publicId(), run.token());
    }
}
