package engram.simulate;

import engram.core.csv.CsvReader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator against an in-memory fake of the participant API (ContractServer), kept only for what the real server
 * cannot be made to do on demand: dropped connections, 503s, answers slower than the client's timeout, a whole outage
 * mid-run, a closed port until the retry budget is spent, and a server that breaks the contract (a reload answered by a
 * new run, a resume that forgets acknowledged trials); plus the ack log and the ids sent, checked against what the fake
 * stored. The normal protocol (a whole run stored once, reloads, drop-outs, client errors, already_completed, pilot
 * mode, every task and session of a phase experiment) is checked against the real server on Payara, H2 and PostgreSQL:
 * webapp's ParticipantApiContract, run by ParticipantApiH2IT and ParticipantApiPostgresIT.
 */
class SimulationTest {

    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(200),
            Duration.ofSeconds(30));

    private ContractServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ContractServer(42);
        server.addExperiment(experiment("demo", 40, false));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** 40 positions over 25 images: the later ones are repeats. */
    private static ContractServer.Experiment experiment(String slug, int positions, boolean pilot) {
        List<String> imageIds = new ArrayList<>();
        for (int i = 0; i < positions; i++) {
            imageIds.add("img_" + (i < 25 ? i : (i * 7) % 25));
        }
        return new ContractServer.Experiment(slug, imageIds, 3000, 500, 1, 5, pilot, true);
    }

    /** A timeout far above any answer of the fault-free server, so a slow CI machine causes no retry. */
    private Simulation simulation() {
        return Simulation.against(server.base()).experiment("demo").retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(10));
    }

    @Test
    void cleanServerEveryParticipantCompletesAndEveryTrialIsAcknowledgedOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("acks.csv");
        SimulationReport report = simulation().participants(20).concurrency(4).seed(7).ackLog(log).run();

        assertTrue(report.allNonDroppedCompleted(), report.summary());
        assertEquals(20, report.runsCompleted());
        assertEquals(20, report.runsStarted());
        assertEquals(20 * 40, report.trialsAcknowledged());
        assertEquals(0, report.retries());
        assertEquals(0, report.duplicatesStoredFalse());
        assertEquals(20 * 40, report.trialSaveLatency().count());
        assertAckLogMatchesStore(report);
        List<String> lines = Files.readAllLines(log);
        assertEquals(AckLog.HEADER, lines.get(0));
        assertEquals(20 * 40 + 1, lines.size());
        assertFalse(Files.exists(dir.resolve("acks.csv.part")));
        Set<String> fromFile = new HashSet<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(log), "acks.csv", false)) {
            assertEquals(7, csv.header().size());
            while (csv.next()) {
                fromFile.add(csv.string(0) + "#" + csv.string(2) + "#" + csv.string(3) + "#" + csv.string(4));
            }
        }
        Set<String> fromReport = new HashSet<>();
        report.acknowledgedTrials().forEach(a -> fromReport.add(a.runId() + "#" + a.position() + "#" + a.imageId()
                + "#" + a.responded()));
        assertEquals(fromReport, fromFile);
        for (ParticipantOutcome outcome : report.outcomes()) {
            ContractServer.Run run = server.runsById.get(outcome.runId());
            assertEquals(outcome.completionCode(), run.completionCode);
            assertEquals(outcome.participantId(), run.pid);
            assertEquals(SyntheticIds.prolificPid(7, outcome.index()), run.pid);
            assertEquals(SyntheticIds.sessionId(7, outcome.index()), run.sessionId);
            assertEquals("engram-sim", run.studyId);
        }
    }

    /**
     * Slow answers come 5 s after the commit, five times the 1 s request timeout, so each of them is a timeout however
     * late the client's timer fires; a fault-free answer takes milliseconds, so the timeout stays far above it on a
     * loaded machine (and a normal answer that did time out would only add a retry, which the test allows).
     */
    @Test
    void survivesDroppedConnections503sAndSlowAnswersWithoutLosingOrDoublingATrial() throws Exception {
        server.faults(new ContractServer.Faults(0.05, 0.05, 0.05, 0.03, 0.03, 5000));
        SimulationReport report = simulation().requestTimeout(Duration.ofSeconds(1)).participants(24).concurrency(6)
                .seed(11).dropout(0.2).reload(0.3).run();

        assertTrue(report.allNonDroppedCompleted(), report.summary() + report.outcomes());
        assertTrue(report.runsDropped() > 0, report.summary());
        assertTrue(report.outcomes().stream().anyMatch(ParticipantOutcome::reloaded), "some participant reloads");
        assertTrue(server.injectedFaults.get() > 50, "faults injected: " + server.injectedFaults.get());
        assertTrue(report.retries() > 50, report.summary());
        assertTrue(report.duplicatesStoredFalse() > 0, "a retry after a lost answer is answered stored:false");
        assertTrue(report.transientErrors().containsKey("http_503"), report.transientErrors().toString());
        assertTrue(report.transientErrors().containsKey("timeout"), report.transientErrors().toString());
        assertTrue(report.transientErrors().containsKey("connection_error"), report.transientErrors().toString());
        assertAckLogMatchesStore(report);
        for (ParticipantOutcome outcome : report.outcomes()) {
            ContractServer.Run run = server.runsById.get(outcome.runId());
            if (outcome.status() == ParticipantOutcome.Status.DROPPED) {
                assertEquals("STARTED", run.state, "a dropped run stays unfinished");
                assertTrue(run.stored.size() < 40);
            } else {
                assertEquals("COMPLETED", run.state);
            }
        }
        long reloads = report.outcomes().stream().filter(ParticipantOutcome::reloaded).count();
        assertTrue(report.runsResumed() >= reloads, "every reload resumed: " + report.summary());
        assertEquals(24, report.outcomes().stream().map(ParticipantOutcome::runId).distinct().count());
        assertEquals(24, server.runsById.size(), "a start whose answer was lost is resumed, not started twice");
    }

    @Test
    void aReloadThatIsNotResumedFailsTheParticipant() throws Exception {
        server.resumeStartsNewRun = true;
        SimulationReport report = simulation().participants(4).seed(22).reload(1).run();

        assertEquals(Map.of("reload_not_resumed", 4L), report.failures());
        assertEquals(4, report.runsFailed());
    }

    @Test
    void aResumeThatForgetsAcknowledgedTrialsIsReported() throws Exception {
        server.resumeForgetsConfirmed = true;
        SimulationReport report = simulation().participants(30).seed(23).reload(1).run();

        long reloadedAfterAnAck = report.outcomes().stream().filter(o -> o.trialsAcknowledged() > 0).count();
        assertTrue(reloadedAfterAnAck > 0);
        assertEquals(Map.of("acked_not_confirmed", reloadedAfterAnAck), report.failures());
    }

    /** The 200th trial save starts a 1.5 s outage and is held until the server has stopped listening. */
    @Test
    void survivesAWholeServerOutage() throws Exception {
        FutureTask<Void> outage = server.outageAtPut(200, 1500);
        SimulationReport report = simulation().participants(16).concurrency(4).seed(3)
                .trialDelay(Duration.ofMillis(5)).run();
        outage.get(60, TimeUnit.SECONDS);

        assertTrue(report.allNonDroppedCompleted(), report.summary());
        assertTrue(report.transientErrors().getOrDefault("connect_failed", 0L) > 0, report.summary());
        assertTrue(report.elapsed().toMillis() >= 1500, report.summary());
        assertAckLogMatchesStore(report);
    }

    /**
     * A 2 s budget of retries at most 50 ms apart: dozens of refused connections each, so "at least 4" holds even when
     * a loaded machine makes each attempt slow (the budget is wall-clock time).
     */
    @Test
    void givesUpWhenTheRetryBudgetIsSpent() throws Exception {
        server.close();
        SimulationReport report = simulation().participants(2).concurrency(2)
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)))
                .run();

        assertEquals(Map.of("retries_exhausted", 2L), report.failures());
        assertTrue(report.retries() >= 4, report.summary());
        assertTrue(report.outcomes().stream().allMatch(o -> o.runId() == null));
    }

    @Test
    void commandLineRunsAgainstTheServerAndWritesTheLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("acks.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateMain.run(new String[]{"--url", server.base().toString(), "--experiment", "demo",
                "--participants", "5", "--concurrency", "2", "--seed", "9", "--log", log.toString(),
                "--trial-delay-ms", "10"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, summary + err);
        assertTrue(summary.contains("completed 5, dropped 0, failed 0"), summary);
        assertTrue(summary.contains("trial-save latency ms (n=200)"), summary);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no progress display when stderr is not a terminal");
        assertEquals(5 * 40 + 1, Files.readAllLines(log).size());
    }

    @Test
    void commandLineExitsOneWhenAParticipantFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateMain.run(new String[]{"--url", server.base().toString(), "--experiment", "nope",
                "--participants", "1", "--seed", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown_experiment"), err.toString());
    }

    /** Every (run, position) is acknowledged exactly once, stored exactly once, and the two agree. */
    private void assertAckLogMatchesStore(SimulationReport report) {
        Map<String, AckRecord> acked = new HashMap<>();
        for (AckRecord ack : report.acknowledgedTrials()) {
            AckRecord earlier = acked.put(ack.runId() + "#" + ack.position(), ack);
            assertNull(earlier, "acknowledged twice: " + ack);
        }
        int storedCount = 0;
        for (ContractServer.Run run : server.runsById.values()) {
            for (var entry : run.stored.entrySet()) {
                storedCount++;
                assertEquals(1, run.firstStores.get(entry.getKey()).get());
                AckRecord ack = acked.get(run.id + "#" + entry.getKey());
                assertTrue(ack != null, "stored but never acknowledged: run " + run.id + " position "
                        + entry.getKey());
                assertEquals(entry.getValue().get("imageId").asText(), ack.imageId());
                assertEquals(entry.getValue().get("responded").asBoolean(), ack.responded());
                assertEquals(run.pid, ack.participantId());
            }
        }
        assertEquals(storedCount, acked.size(), "acknowledged but not stored");
        assertEquals(report.trialsAcknowledged(), acked.size());
        long storedFalse = report.acknowledgedTrials().stream().filter(a -> !a.stored()).count();
        assertEquals(report.duplicatesStoredFalse(), storedFalse);
    }
}
