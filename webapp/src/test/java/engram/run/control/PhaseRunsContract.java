package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.testing.MutableClock;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.run.entity.BoxRecord;
import engram.run.entity.PhaseAnswer;
import engram.run.entity.Run;
import engram.run.entity.RunSession;
import engram.run.entity.RunState;
import engram.run.entity.SessionState;
import engram.run.entity.Trial;
import engram.run.entity.TrialRecord;

/** Study and test phases, break phases and two sessions against a real database (PhaseFixture's study). */
abstract class PhaseRunsContract {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    MutableClock clock;
    RunService runs;
    RunPhases phases;
    String slug;
    Experiment experiment;

    abstract Database database();

    @BeforeEach
    void newStudy() {
        clock = new MutableClock(START);
        runs = new RunService(database(), clock);
        phases = new RunPhases(database(), clock);
        slug = "ph" + UUID.randomUUID().toString().substring(0, 8);
        experiment = PhaseFixture.create(database(), slug, clock.instant());
    }

    RunService.Opened open(String pid, String study, String session) {
        return runs.open(slug, pid, study, session, false, null, null);
    }

    static TrialRecord trial(SequenceItem item, String imageId, boolean responded, List<BoxRecord> boxes, PhaseAnswer answer) {
        return new TrialRecord(item.trialIndex(), imageId, responded, responded ? 700.0 : null, 1000.0 + item.trialIndex() * 2000,
                3000.0 + item.trialIndex() * 2000, 2000.0, 0, 0, 0, 600, 600, 1.0, boxes, 1, null, 0, answer);
    }

    /** An attentive participant's answer for the position's task. */
    static TrialRecord good(SequenceItem item) {
        return switch (item.phase()) {
            case 1 -> trial(item, item.imageId(), true, List.of(), new PhaseAnswer(1, "indoor", null, null, null));
            case 3 -> "target".equals(item.kind())
                    ? trial(item, item.imageId(), true, List.of(new BoxRecord(0.1, 0.1, 0.2, 0.2)), new PhaseAnswer(3, "old", 6, null, null))
                    : trial(item, item.imageId(), true, List.of(), new PhaseAnswer(3, "new", 4, null, null));
            case 4 -> {
                String side = item.targetSide();
                yield trial(item, null, true, List.of(), new PhaseAnswer(4, null, null, side, item.imageId()));
            }
            default -> trial(item, item.imageId(), true, List.of(), new PhaseAnswer(5, "target".equals(item.kind()) ? "old" : "similar", 2, null, null));
        };
    }

    List<SequenceItem> visitItems(RunService.Opened opened) {
        return runs.visit(opened).items();
    }

    long storedTrials(Run run) {
        return database().read(em -> em.createQuery("select count(t) from Trial t where t.run.publicId = :id", Long.class)
                .setParameter("id", run.publicId()).getSingleResult());
    }

    RunSession session(Run run, int n) {
        return database().read(em -> em.createQuery("select s from RunSession s where s.run.publicId = :id and s.session = :n", RunSession.class)
                .setParameter("id", run.publicId()).setParameter("n", n).getSingleResult());
    }

    /** Runs session 1 to its end: every trial, the break (after its 60 s), completion. */
    RunService.Completion finishSessionOne(RunService.Opened opened) {
        Run run = opened.run();
        for (SequenceItem item : visitItems(opened)) {
            assertTrue(runs.saveTrial(run.publicId(), run.token(), good(item)));
        }
        phases.open(run.publicId(), run.token(), 2);
        clock.advance(Duration.ofSeconds(60));
        phases.done(run.publicId(), run.token(), 2, null, null);
        return runs.completeSession(run.publicId(), run.token());
    }

    @Test
    void aVisitShowsOnlyItsSessionsPositionsUnderTheWholePlan() {
        RunService.Opened opened = open("VISIT", "STUDY1", "S1");
        RunService.Visit visit = runs.visit(opened);
        assertEquals(1, visit.session());
        assertEquals(5, visit.plan().phases().size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), visit.items().stream().map(SequenceItem::trialIndex).toList());
        assertEquals(List.of(), visit.phasesDone());
    }

    @Test
    void studyAndTestAnswersAreStoredOnceWithTheirPhaseSessionAndTask() {
        Run run = open("STORE", "STUDY1", "S1").run();
        List<SequenceItem> items = runs.sequence(run);
        TrialRecord study = good(items.get(0));
        assertTrue(runs.saveTrial(run.publicId(), run.token(), study));
        assertFalse(runs.saveTrial(run.publicId(), run.token(), study), "a retry is not stored twice");
        TrialRecord old = good(items.get(6));
        assertTrue(runs.saveTrial(run.publicId(), run.token(), old));
        ClientError conflict = assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), run.token(),
                trial(items.get(6), items.get(6).imageId(), true, List.of(), new PhaseAnswer(3, "new", 6, null, null))));
        assertEquals("conflicting_answer", conflict.code());
        Trial stored = database().read(em -> em.createQuery("select t from Trial t where t.run.publicId = :id and t.trialIndex = 6", Trial.class)
                .setParameter("id", run.publicId()).getSingleResult());
        assertEquals(3, stored.phase());
        assertEquals(1, stored.session());
        assertEquals("old-new", stored.task());
        assertEquals("old", stored.answer());
        assertEquals(6, stored.confidence());
        assertEquals(6, stored.confidenceLevels());
        assertEquals("perceptual", stored.lureType());
    }

    @Test
    void everyBadPhaseAnswerIsRefusedWithItsCodeAndStoresNothing() {
        Run run = open("BAD", "STUDY1", "S1").run();
        List<SequenceItem> items = runs.sequence(run);
        SequenceItem study = items.get(0);
        SequenceItem oldNew = items.get(7);
        SequenceItem box = items.get(6);
        List<BoxRecord> none = List.of();
        assertRefused("wrong_phase", run, trial(study, study.imageId(), true, none, new PhaseAnswer(3, "old", 3, null, null)));
        assertRefused("bad_trial", run, trial(study, study.imageId(), true, none, new PhaseAnswer(null, "indoor", null, null, null)));
        assertRefused("bad_answer", run, trial(study, study.imageId(), true, none, new PhaseAnswer(1, "sideways", null, null, null)));
        assertRefused("bad_confidence", run, trial(study, study.imageId(), true, none, new PhaseAnswer(1, "indoor", 2, null, null)));
        assertRefused("bad_answer", run, trial(oldNew, oldNew.imageId(), true, none, new PhaseAnswer(3, "maybe", 3, null, null)));
        assertRefused("bad_confidence", run, trial(oldNew, oldNew.imageId(), true, none, new PhaseAnswer(3, "new", 7, null, null)));
        assertRefused("bad_confidence", run, trial(oldNew, oldNew.imageId(), true, none, new PhaseAnswer(3, "new", 0, null, null)));
        assertRefused("bad_confidence", run, trial(oldNew, oldNew.imageId(), true, none, new PhaseAnswer(3, "new", null, null, null)));
        assertRefused("bad_confidence", run, trial(oldNew, oldNew.imageId(), false, none, new PhaseAnswer(3, null, 2, null, null)));
        assertRefused("bad_trial", run, trial(oldNew, oldNew.imageId(), false, none, new PhaseAnswer(3, "new", 2, null, null)));
        assertRefused("bad_answer", run, trial(oldNew, oldNew.imageId(), true, none, new PhaseAnswer(3, "new", 2, "left", oldNew.imageId())));
        assertRefused("image_mismatch", run, trial(oldNew, "foil9", true, none, new PhaseAnswer(3, "new", 2, null, null)));
        assertRefused("bad_box", run, trial(box, box.imageId(), true, none, new PhaseAnswer(3, "old", 2, null, null)));
        assertRefused("bad_box", run, trial(oldNew, oldNew.imageId(), true, List.of(new BoxRecord(0.1, 0.1, 0.2, 0.2)),
                new PhaseAnswer(3, "new", 2, null, null)));
        assertRefused("wrong_phase", run, good(items.get(9)));
        assertEquals(0, storedTrials(run), "nothing is stored");
    }

    @Test
    void aBreakIsDoneOnlyAfterItsMinimumDurationOnTheServerClock() {
        Run run = open("BREAK", "STUDY1", "S1").run();
        RunPhases.Timed opened = phases.open(run.publicId(), run.token(), 2);
        assertEquals(START, opened.startedAt());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(START, phases.open(run.publicId(), run.token(), 2).startedAt(), "opening again keeps the first time");
        ClientError early = assertThrows(ClientError.class, () -> phases.done(run.publicId(), run.token(), 2, null, null));
        assertEquals("too_soon", early.code());
        assertEquals(409, early.status());
        assertEquals("wrong_phase", assertThrows(ClientError.class, () -> phases.open(run.publicId(), run.token(), 3)).code());
        assertEquals("wrong_phase", assertThrows(ClientError.class, () -> phases.open(run.publicId(), run.token(), 9)).code());
        assertEquals("bad_phase_done", assertThrows(ClientError.class, () -> phases.done(run.publicId(), run.token(), 2, 5, 3)).code());
        clock.advance(Duration.ofSeconds(30));
        RunPhases.Timed done = phases.done(run.publicId(), run.token(), 2, null, null);
        assertEquals(START.plusSeconds(60), done.finishedAt());
        assertEquals(START.plusSeconds(60), phases.done(run.publicId(), run.token(), 2, null, null).finishedAt(), "done twice keeps the first");
        assertEquals(List.of(2), runs.visit(new RunService.Opened(run, true, List.of(), 1)).phasesDone());
    }

    @Test
    void aSessionEndsWithItsCodeAndTheReturnIsRefusedEarlyAcceptedInItsWindowAndLinked() {
        RunService.Opened first = open("TWO", "STUDY1", "S1");
        Run run = first.run();
        ClientError incomplete = assertThrows(ClientError.class, () -> runs.completeSession(run.publicId(), run.token()));
        assertEquals("incomplete", incomplete.code());
        RunService.Completion waiting = finishSessionOne(first);
        assertEquals(1, waiting.session());
        assertEquals(RunState.WAITING, waiting.run().state());
        Instant finished = START.plusSeconds(60);
        assertEquals(finished.plusSeconds(3600), waiting.next().opensAt());
        assertEquals(finished.plusSeconds(7200), waiting.next().closesAt());
        assertEquals(experiment.sessionCodes().get(0), session(run, 1).completionCode());
        assertEquals(SessionState.COMPLETED, session(run, 1).state());
        assertEquals(1, runs.completeSession(run.publicId(), run.token()).session(), "completing again answers the same");

        clock.advance(Duration.ofMinutes(59));
        ClientError early = assertThrows(ClientError.class, () -> open("TWO", "STUDY2", "S2"));
        assertEquals("session_too_early", early.code());
        assertEquals(409, early.status());
        assertEquals(experiment.codeTooEarly(), early.details().completionCode());
        assertEquals(finished.plusSeconds(3600).toString(), early.details().opensAt());
        assertEquals(1, session(run, 2).refusedEarly());
        assertEquals(SessionState.WAITING, session(run, 2).state());

        clock.advance(Duration.ofMinutes(2));
        RunService.Opened second = open("TWO", "STUDY2", "S2");
        assertEquals(run.publicId(), second.run().publicId(), "the session link finds the same run");
        assertEquals(2, second.session());
        assertTrue(second.resumed());
        RunSession two = session(run, 2);
        assertEquals(SessionState.STARTED, two.state());
        assertEquals(clock.instant(), two.openedAt());
        List<SequenceItem> items = visitItems(second);
        assertEquals(List.of(9, 10, 11, 12, 13), items.stream().map(SequenceItem::trialIndex).toList());
        assertEquals(2, runs.open(slug, "TWO", "STUDY2", "S2", false, run.token(), null).session(), "a reload in session 2 stays in session 2");

        SequenceItem afc = items.get(0);
        String other = afc.alternativeImageId();
        String otherSide = "left".equals(afc.targetSide()) ? "right" : "left";
        assertRefused("image_not_on_screen", second.run(), trial(afc, null, true, List.of(), new PhaseAnswer(4, null, null, afc.targetSide(), other)));
        assertRefused("image_not_on_screen", second.run(), trial(afc, null, true, List.of(), new PhaseAnswer(4, null, null, otherSide, "foil7")));
        assertRefused("bad_answer", second.run(), trial(afc, null, true, List.of(), new PhaseAnswer(4, null, null, "middle", other)));
        assertRefused("bad_confidence", second.run(), trial(afc, null, true, List.of(), new PhaseAnswer(4, null, 1, otherSide, other)));
        Run resumed = second.run();
        assertTrue(runs.saveTrial(resumed.publicId(), resumed.token(), trial(afc, null, true, List.of(), new PhaseAnswer(4, null, null, otherSide, other))));
        assertFalse(runs.saveTrial(resumed.publicId(), resumed.token(), trial(afc, other, true, List.of(), new PhaseAnswer(4, null, null, otherSide, other))),
                "a retry naming the other shown image is the same answer");
        for (SequenceItem item : items.subList(1, items.size())) {
            assertTrue(runs.saveTrial(resumed.publicId(), resumed.token(), good(item)));
        }
        RunService.Completion done = runs.completeSession(resumed.publicId(), resumed.token());
        assertNull(done.next());
        assertEquals(RunState.COMPLETED, done.run().state());
        assertEquals(experiment.codeCompleted(), done.run().completionCode());
        assertEquals(SessionState.COMPLETED, session(run, 2).state());
        Trial stored = database().read(em -> em.createQuery("select t from Trial t where t.run.publicId = :id and t.trialIndex = 9", Trial.class)
                .setParameter("id", run.publicId()).getSingleResult());
        assertEquals(afc.imageId(), stored.imageId());
        assertEquals(2, stored.session());
        assertEquals("2afc", stored.task());
        assertEquals(otherSide, stored.choiceSide());
        assertEquals(other, stored.chosenImageId());
        assertEquals(other, stored.alternativeImageId());
        assertEquals(afc.targetSide(), stored.targetSide());
    }

    @Test
    void aReturnAfterTheWindowIsRefusedAsTooLateAndTheSessionIsMissed() {
        RunService.Opened first = open("LATE", "STUDY1", "S1");
        finishSessionOne(first);
        clock.advance(Duration.ofSeconds(7201));
        ClientError late = assertThrows(ClientError.class, () -> open("LATE", "STUDY2", "S2"));
        assertEquals("session_too_late", late.code());
        assertEquals(experiment.codeTooLate(), late.details().completionCode());
        assertEquals(SessionState.MISSED, session(first.run(), 2).state());
        assertEquals(1, session(first.run(), 2).refusedLate());
        assertEquals("session_too_late", assertThrows(ClientError.class, () -> open("LATE", "STUDY2", "S3")).code());
        assertEquals(2, session(first.run(), 2).refusedLate());
        Run run = database().read(em -> em.createQuery("select r from Run r where r.publicId = :id", Run.class)
                .setParameter("id", first.run().publicId()).getSingleResult());
        assertEquals(RunState.MISSED, run.state());
    }

    @Test
    void aSessionLinkForAnUnknownRunIsUnknownAndCreatesNothing() {
        ClientError unknown = assertThrows(ClientError.class, () -> runs.open(slug, "NOBODY", "STUDY2", "S2", false, null, 2));
        assertEquals("unknown_session", unknown.code());
        assertEquals(404, unknown.status());
        long created = database().read(em -> em.createQuery("select count(r) from Run r where r.prolificPid = 'NOBODY'", Long.class)
                .getSingleResult());
        assertEquals(0, created);
    }

    @Test
    void theExportCarriesPhasesAndSessionsAndTheAnalysisReadsItBack() throws Exception {
        for (String pid : List.of("EXA", "EXB")) {
            finishSessionOne(open(pid, "STUDY1", "S1"));
        }
        clock.advance(Duration.ofMinutes(90));
        for (String pid : List.of("EXA", "EXB")) {
            RunService.Opened second = open(pid, "STUDY2", "S2");
            for (SequenceItem item : visitItems(second)) {
                runs.saveTrial(second.run().publicId(), second.run().token(), good(item));
            }
            runs.completeSession(second.run().publicId(), second.run().token());
        }
        finishSessionOne(open("EXLATE", "STUDY1", "S1"));
        clock.advance(Duration.ofHours(3));
        assertThrows(ClientError.class, () -> open("EXLATE", "STUDY2", "S2"));

        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("phase-export");
        java.nio.file.Path zip = dir.resolve("export.zip");
        try (var out = java.nio.file.Files.newOutputStream(zip)) {
            new engram.export.control.ExportWriter(database()).write(experiment, false, false, out);
        }
        // kept for a look with the command line: ./engram analyse --export webapp/target/phase-export-<db>.zip --out DIR
        java.nio.file.Files.copy(zip, java.nio.file.Path.of("target", "phase-export-" + getClass().getSimpleName() + ".zip"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.util.Map<String, String> files = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        List<String> responses = files.get("responses.csv").lines().toList();
        List<String> header = List.of(responses.get(0).split(","));
        List<String> expected = new java.util.ArrayList<>(engram.core.format.ExportLayout.RESPONSES.columns());
        expected.addAll(engram.core.format.ExportLayout.RESPONSE_PHASE_COLUMNS);
        assertEquals(expected, header);
        assertEquals(2 * 14 + 9, responses.size() - 1, "both sessions of two runs, session 1 of the late one");
        java.util.Map<String, String> afc = row(header, responses.stream().filter(l -> l.startsWith("EXA,") && l.split(",")[2].equals("9"))
                .findFirst().orElseThrow());
        assertEquals("4", afc.get("phase"));
        assertEquals("2", afc.get("session"));
        assertEquals("2afc", afc.get("task"));
        assertEquals("lure", afc.get("kind"));
        assertEquals("perceptual", afc.get("lure_type"));
        assertEquals(afc.get("image_id"), afc.get("chosen_image_id"));
        assertEquals(afc.get("target_side"), afc.get("choice_side"));
        java.util.Map<String, String> oldNew = row(header, responses.stream().filter(l -> l.startsWith("EXA,") && l.split(",")[2].equals("6"))
                .findFirst().orElseThrow());
        assertEquals(List.of("3", "1", "old-new", "old", "6", "6", "target"), List.of(oldNew.get("phase"), oldNew.get("session"),
                oldNew.get("task"), oldNew.get("answer"), oldNew.get("confidence"), oldNew.get("confidence_levels"), oldNew.get("kind")));

        List<String> sessions = files.get("sessions.csv").lines().toList();
        assertEquals(String.join(",", engram.core.format.ExportLayout.SESSIONS.columns()), sessions.get(0));
        assertEquals(6, sessions.size() - 1);
        java.util.Map<String, String> returned = row(List.of(sessions.get(0).split(",")), sessions.stream()
                .filter(l -> l.startsWith("EXA,") && l.split(",")[2].equals("2")).findFirst().orElseThrow());
        assertEquals("COMPLETED", returned.get("state"));
        assertEquals("5460", returned.get("delay_s"), "EXA finished session 1 at +60 s and came back at +120 s + 90 min");
        assertEquals(List.of("3600", "7200"), List.of(returned.get("delay_min_s"), returned.get("delay_max_s")));
        java.util.Map<String, String> missed = row(List.of(sessions.get(0).split(",")), sessions.stream()
                .filter(l -> l.startsWith("EXLATE,") && l.split(",")[2].equals("2")).findFirst().orElseThrow());
        assertEquals("MISSED", missed.get("state"));
        assertEquals("1", missed.get("refused_late"));
        assertEquals("", missed.get("delay_s"));

        assertEquals("sequence_id,trial_index,image_id,presentation,kind,phase,alternative_image_id,target_side",
                files.get("sequences.csv").lines().findFirst().orElseThrow());
        var json = jakarta.json.Json.createReader(new java.io.StringReader(files.get("experiment.json"))).readObject();
        assertEquals(5, json.getJsonArray("phases").size());
        assertEquals("2afc", json.getJsonArray("phases").getJsonObject(3).getString("task"));
        assertEquals(3600, json.getJsonArray("phases").getJsonObject(3).getInt("delayMinS"));

        engram.analysis.io.Study study = engram.analysis.io.StudyReader.create().readExport(zip);
        engram.analysis.AnalysisResult result = engram.analysis.Analysis.of(study).run();
        assertFalse(result.recognition().isEmpty(), "the analysis finds the study and test phases");
        assertEquals(List.of(1, 3, 4, 5), result.recognition().phases().stream().map(engram.analysis.recognition.PhaseInfo::phase).toList());
        java.nio.file.Path out = dir.resolve("analysis");
        engram.analysis.report.OutputWriter.writeAtomically(result, out, line -> { });
        assertTrue(java.nio.file.Files.list(out.resolve("recognition")).findAny().isPresent(), "recognition/*.csv written");
    }

    static java.util.Map<String, String> row(List<String> header, String line) {
        String[] cells = line.split(",", -1);
        java.util.Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells[i]);
        }
        return row;
    }

    void assertRefused(String code, Run run, TrialRecord trial) {
        ClientError refusal = assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), run.token(), trial), code);
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertEquals(400, refusal.status());
        assertFalse(refusal.getMessage().isBlank());
    }
}
