package engram.archive.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.experiment.control.ExperimentSteps;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.Experiment.Status;
import engram.export.control.ExportWriter;
import engram.platform.Database;
import engram.run.control.RunService;
import engram.run.entity.ProlificIdentity;
import engram.run.entity.Run;
import engram.run.entity.RunState;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Frozen protocol versions on a real H2 database: runs under v1, an edit while paused, runs under v2, and the export. */
class ProtocolVersionsTest {

    @TempDir
    Path temp;
    private Database database;
    private StudyArchives archives;
    private ExperimentSteps steps;
    private RunService runs;
    private Experiment experiment;

    @BeforeEach
    void start() throws IOException {
        database = ArchiveFixture.h2(temp.resolve("data"));
        archives = ArchiveFixture.archives(database);
        steps = ArchiveFixture.steps(database, archives);
        runs = new RunService(database, ArchiveFixture.CLOCK);
        experiment = ArchiveFixture.study(database, temp.resolve("set"), "noise");
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    /** The pre-launch checklist asks for a completed pilot run with the current sequences. */
    private void completedPilotRun() {
        database.write(em -> {
            Experiment e = em.find(Experiment.class, experiment.id());
            Run pilot = new Run(e, 1, new ProlificIdentity("PILOT-1", "STUDY", "SESSION-PILOT"), true, "pilot-token", ArchiveFixture.CLOCK.instant());
            pilot.finish(RunState.COMPLETED, e.codeCompleted(), true, ArchiveFixture.CLOCK.instant());
            em.persist(pilot);
            return null;
        });
    }

    private List<ProtocolVersions.Frozen> versions() {
        return database.read(em -> ProtocolVersions.all(em, experiment.id()));
    }

    private Run run(String pid) {
        return runs.open("noise", pid, "STUDY", "SESSION-" + pid).run();
    }

    @Test
    void goingLiveFreezesVersionOneAndAnEditWhilePausedFreezesVersionTwo() throws IOException {
        steps.editor().setFailedCheckText("noise", "A draft edit freezes nothing.");
        assertEquals(List.of(), versions());

        completedPilotRun();
        steps.lifecycle().changeStatus("noise", Status.LIVE);
        String v1 = archives.protocolHash("noise");
        assertEquals(List.of(1), versions().stream().map(ProtocolVersions.Frozen::version).toList());
        assertEquals(v1, versions().get(0).hash());
        Run first = run("P1");
        Run second = run("P2");
        assertEquals(1, first.protocolVersion());
        assertEquals(v1, second.protocolHash());

        steps.lifecycle().changeStatus("noise", Status.PAUSED);
        assertEquals(1, versions().size(), "pausing changes no protocol");
        steps.editor().setFailedCheckText("noise", "Your answers show that you did not follow the task.");
        String v2 = archives.protocolHash("noise");
        assertNotEquals(v1, v2);
        assertEquals(List.of(v1, v2), versions().stream().map(ProtocolVersions.Frozen::hash).toList());
        steps.lifecycle().changeStatus("noise", Status.LIVE);
        assertEquals(2, versions().size(), "going live again with the same protocol freezes nothing new");
        Run third = run("P3");
        assertEquals(2, third.protocolVersion());
        assertEquals(v2, third.protocolHash());

        byte[] frozenV1 = database.read(em -> ProtocolVersions.protocol(em, experiment.id(), 1)).orElseThrow();
        assertEquals(v1, CanonicalJson.sha256(frozenV1), "version 1 never changes");
        assertTrue(new String(frozenV1, StandardCharsets.UTF_8).contains("A draft edit freezes nothing."));

        ProtocolSummary summary = archives.summary("noise", 1);
        assertEquals(v1, summary.hash());
        assertTrue(summary.settings().contains(new ProtocolSummary.Row("timing.displayMs", "1500")), summary.settings().toString());
        assertTrue(summary.settings().contains(new ProtocolSummary.Row("attention.minVigilanceHitRate", "0.55")));
        assertTrue(summary.settings().contains(new ProtocolSummary.Row("practice.images", "foil1, foil2")));
        assertEquals(List.of(new ProtocolSummary.Row("foil", "26"), new ProtocolSummary.Row("high", "12"), new ProtocolSummary.Row("low", "12")),
                summary.conditions());
        assertEquals(new ProtocolSummary.Row("failedCheck", "A draft edit freezes nothing."), summary.texts().get(3));
        assertEquals(v2, archives.summary("noise", null).hash());
        assertEquals(v2, archives.summary("noise", 2).hash());

        Map<String, List<String>> byParticipant = participants();
        assertEquals(List.of("1", v1), byParticipant.get("P1"));
        assertEquals(List.of("1", v1), byParticipant.get("P2"));
        assertEquals(List.of("2", v2), byParticipant.get("P3"));
        JsonObject json = experimentJson();
        assertEquals(2, json.getInt("protocolVersion"));
        assertEquals(v2, json.getString("protocolHash"));
        assertEquals(2, json.getJsonArray("protocolVersions").size());
        assertEquals(v1, json.getJsonArray("protocolVersions").getJsonObject(0).getString("hash"));
    }

    @Test
    void runsOfADraftOrPilotExperimentRecordNoVersion() {
        steps.lifecycle().changeStatus("noise", Status.PILOT);
        Run pilot = run("PILOT1");
        assertNull(pilot.protocolVersion());
        assertNull(pilot.protocolHash());
        assertEquals(List.of(), versions());
    }

    private ByteArrayOutputStream export() throws IOException {
        ExportWriter writer = new ExportWriter();
        ArchiveFixture.set(writer, "database", database);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(database.read(em -> em.find(Experiment.class, experiment.id())), false, false, out);
        return out;
    }

    /** participants.csv's last two columns, protocol_version and protocol_hash, by participant_id. */
    private Map<String, List<String>> participants() throws IOException {
        String csv = new String(ArchiveFixture.entry(export().toByteArray(), "participants.csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("protocol_version", "protocol_hash"), header.subList(header.size() - 2, header.size()));
        return lines.stream().skip(1).map(l -> l.split(",", -1))
                .collect(Collectors.toMap(c -> c[0], c -> List.of(c[c.length - 2], c[c.length - 1])));
    }

    private JsonObject experimentJson() throws IOException {
        String json = new String(ArchiveFixture.entry(export().toByteArray(), "experiment.json"), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
