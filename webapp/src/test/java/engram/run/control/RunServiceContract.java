package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import engram.experiment.control.SequenceFill;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.run.entity.BoxRecord;
import engram.run.entity.Run;
import engram.run.entity.RunState;
import engram.run.entity.TrialRecord;

/** The run rules against a real database: assignment, resume policies, idempotent saves, completion and every refusal. */
abstract class RunServiceContract {

    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    MutableClock clock;
    RunService runs;
    String slug;

    abstract Database database();

    @BeforeEach
    void newStudy() {
        clock = new MutableClock(START);
        runs = new RunService(database(), clock);
        slug = "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    Experiment study(Consumer<Experiment> settings) {
        return StudyFixture.create(database(), slug, clock.instant(), settings);
    }

    Run start(String pid) {
        return runs.open(slug, pid, "STUDY", "SESSION").run();
    }

    List<SequenceItem> items(Run run) {
        return runs.sequence(run);
    }

    static TrialRecord answer(SequenceItem item, boolean responded) {
        return new TrialRecord(item.trialIndex(), item.imageId(), responded, responded ? 640.0 : null, 1000.0 + item.trialIndex() * 2000,
                2500.0 + item.trialIndex() * 2000, 1500.0, 0, 0, 0, 600, 600, 2.0,
                responded ? List.of(new BoxRecord(0.1, 0.2, 0.3, 0.4)) : List.of());
    }

    /** Answers every position like an attentive participant: 'repeat' on second showings only. */
    void answerAll(Run run) {
        for (SequenceItem item : items(run)) {
            runs.saveTrial(run.publicId(), run.token(), answer(item, item.presentation() == 2));
        }
    }

    @Test
    void newRunsFillTheLeastFilledSequence() {
        study(e -> { });
        List<Integer> assigned = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assigned.add(start("P" + i).sequenceId());
        }
        assertEquals(List.of(1, 2, 1, 2, 1, 2), assigned);
    }

    @Test
    void concurrentArrivalsAreBalanced() throws Exception {
        study(e -> { });
        int arrivals = 20;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < arrivals; i++) {
            String pid = "C" + i;
            Callable<Integer> arrive = () -> {
                go.await();
                return start(pid).sequenceId();
            };
            results.add(pool.submit(arrive));
        }
        go.countDown();
        Map<Integer, Long> perSequence = new java.util.TreeMap<>();
        for (Future<Integer> r : results) {
            perSequence.merge(r.get(), 1L, Long::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(1, 10L, 2, 10L), perSequence);
    }

    @Test
    void anExpiredReservationReleasesItsSlotButACompletedRunKeepsIt() {
        study(e -> e.setReservationMinutes(60));
        Run dropout = start("DROP");
        assertEquals(1, dropout.sequenceId());
        Run finisher = start("DONE");
        assertEquals(2, finisher.sequenceId());
        runs.consent(finisher.publicId(), finisher.token(), true);
        answerAll(finisher);
        runs.complete(finisher.publicId(), finisher.token());
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, start("NEXT").sequenceId(), "the drop-out's slot on sequence 1 is free again");
        assertEquals(1, start("AFTER").sequenceId(), "sequence 2 still holds the completed run");
    }

    @Test
    void reopeningWithinTheWindowResumesAtTheConfirmedPositions() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESUME, 30));
        Run run = start("R1");
        runs.consent(run.publicId(), run.token(), true);
        List<SequenceItem> items = items(run);
        for (int i = 0; i < 5; i++) {
            runs.saveTrial(run.publicId(), run.token(), answer(items.get(i), items.get(i).presentation() == 2));
        }
        clock.advance(Duration.ofMinutes(10));
        RunService.Opened again = runs.open(slug, "R1", "STUDY", "SESSION", false, run.token());
        assertTrue(again.resumed());
        assertEquals(run.publicId(), again.run().publicId());
        assertEquals(run.token(), again.run().token());
        assertEquals(List.of(0, 1, 2, 3, 4), again.confirmed());
        assertEquals(1, again.run().interruptions());
        assertTrue(again.run().consented());
    }

    @Test
    void aUsedRunResumesOnlyForItsSessionAndToken() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESUME, 30));
        Run run = start("OWN1");
        runs.consent(run.publicId(), run.token(), true);
        runs.saveTrial(run.publicId(), run.token(), answer(items(run).get(0), false));
        Map<String, ClientError> refusals = new java.util.LinkedHashMap<>();
        refusals.put("another SESSION_ID", assertThrows(ClientError.class, () -> runs.open(slug, "OWN1", "STUDY", "OTHER", false, run.token())));
        refusals.put("another SESSION_ID (again)", assertThrows(ClientError.class, () -> runs.open(slug, "OWN1", "STUDY", "OTHER", false, null)));
        refusals.put("no run token", assertThrows(ClientError.class, () -> runs.open(slug, "OWN1", "STUDY", "SESSION")));
        refusals.put("wrong run token", assertThrows(ClientError.class, () -> runs.open(slug, "OWN1", "STUDY", "SESSION", false, "x" + run.token())));
        for (var refusal : refusals.entrySet()) {
            assertEquals(403, refusal.getValue().status(), refusal.getKey());
            assertEquals("session_mismatch", refusal.getValue().code(), refusal.getKey());
            assertTrue(refusal.getValue().getMessage().contains("another browser or Prolific session"), refusal.getValue().getMessage());
        }
        Run untouched = reload(run);
        assertEquals(RunState.STARTED, untouched.state());
        assertEquals(0, untouched.interruptions(), "a refused reopening is no interruption of the participant's run");
        assertEquals(List.of("link opened by another SESSION_ID", "link opened by no run token", "link opened by wrong run token"),
                events(run, "resume_refused"), "each refusal recorded once, a repeat adds nothing");

        RunService.Opened owner = runs.open(slug, "OWN1", "STUDY", "SESSION", false, run.token());
        assertTrue(owner.resumed());
        assertEquals(run.publicId(), owner.run().publicId());
        assertEquals(List.of(0), owner.confirmed());
    }

    @Test
    void anUnusedRunResumesWithItsSessionAloneButNeverForAnotherSession() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESUME, 30));
        Run run = start("OWN2");
        RunService.Opened lostAnswer = runs.open(slug, "OWN2", "STUDY", "SESSION");
        assertTrue(lostAnswer.resumed(), "a start whose answer was lost is resumed by its SESSION_ID");
        assertEquals(run.token(), lostAnswer.run().token());
        ClientError other = assertThrows(ClientError.class, () -> runs.open(slug, "OWN2", "STUDY", "OTHER"));
        assertEquals("session_mismatch", other.code());
    }

    @Test
    void anotherSessionCanNeitherVoidNorRestartNorBlockTheRun() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESTART, 30));
        Run run = start("OWN3");
        runs.consent(run.publicId(), run.token(), true);
        assertEquals("session_mismatch", assertThrows(ClientError.class, () -> runs.open(slug, "OWN3", "STUDY", "OTHER")).code());
        assertEquals(RunState.STARTED, reload(run).state(), "RESTART does not void the run for another session");
        clock.advance(Duration.ofMinutes(31));
        database().writeAll(em -> em.createQuery("update Experiment e set e.resumePolicy = :p where e.slug = :s")
                .setParameter("p", Experiment.ResumePolicy.RESUME).setParameter("s", slug).executeUpdate());
        assertEquals("session_mismatch", assertThrows(ClientError.class, () -> runs.open(slug, "OWN3", "STUDY", "OTHER")).code());
        assertEquals(RunState.STARTED, reload(run).state(), "an expired window is not applied for another session");
        assertEquals(0, reload(run).interruptions());
    }

    List<String> events(Run run, String kind) {
        return database().read(em -> em.createQuery("select e.detail from RunEvent e where e.run.publicId = :id and e.kind = :kind"
                        + " order by e.id", String.class)
                .setParameter("id", run.publicId()).setParameter("kind", kind).getResultList());
    }

    @Test
    void reopeningAfterTheWindowIsRefusedAndRecorded() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESUME, 30));
        Run run = start("R2");
        clock.advance(Duration.ofMinutes(31));
        ClientError refused = assertThrows(ClientError.class, () -> start("R2"));
        assertEquals("resume_window_passed", refused.code());
        assertEquals(RunState.VOIDED, reload(run).state());
    }

    @Test
    void theRestartPolicyVoidsTheOldRunAndKeepsTheSequence() {
        study(e -> e.setResume(Experiment.ResumePolicy.RESTART, 30));
        start("X0");
        Run first = start("R3");
        Run second = start("R3");
        assertNotEquals(first.publicId(), second.publicId());
        assertEquals(first.sequenceId(), second.sequenceId());
        assertEquals(RunState.VOIDED, reload(first).state());
        assertEquals(1, second.interruptions());
    }

    @Test
    void theBlockPolicyRefusesAndStillRecordsTheInterruption() {
        study(e -> e.setResume(Experiment.ResumePolicy.BLOCK, 30));
        Run run = start("R4");
        ClientError refused = assertThrows(ClientError.class, () -> start("R4"));
        assertEquals("run_blocked", refused.code());
        assertEquals(1, reload(run).interruptions());
    }

    @Test
    void aCompletedParticipantCannotStartAgain() {
        study(e -> { });
        Run run = start("R5");
        runs.consent(run.publicId(), run.token(), true);
        answerAll(run);
        Run done = runs.complete(run.publicId(), run.token());
        assertEquals(RunState.COMPLETED, done.state());
        assertEquals(Boolean.TRUE, done.attentionPassed());
        assertEquals("already_completed", assertThrows(ClientError.class, () -> start("R5")).code());
        assertEquals("already_completed", assertThrows(ClientError.class, () -> runs.open(slug, "R5", "OTHER_STUDY", "S")).code());
        assertEquals(done.completionCode(), runs.complete(run.publicId(), run.token()).completionCode(), "completing again answers the same");
    }

    /** A completed participant who opens the link again is told so, with that run (its code and outcome) attached. */
    @Test
    void aReopenedCompletedLinkCarriesTheRunsEnding() {
        study(e -> { });
        Run run = start("R5B");
        runs.consent(run.publicId(), run.token(), true);
        answerAll(run);
        Run done = runs.complete(run.publicId(), run.token());
        AlreadyCompleted again = assertThrows(AlreadyCompleted.class, () -> start("R5B"));
        assertEquals(409, again.status());
        assertEquals(done.publicId(), again.run().publicId());
        assertEquals(done.completionCode(), again.run().completionCode());
        assertEquals(Boolean.TRUE, again.run().attentionPassed());
    }

    /** Every resume is a new page load; a trial says which load it ran in, how a reload cut it, and extra showings. */
    @Test
    void trialsCarryTheirPageLoadAndReloadFlags() {
        study(e -> { });
        Run run = start("R5C");
        assertEquals(1, reload(run).pageLoads());
        runs.consent(run.publicId(), run.token(), true);
        assertEquals(2, runs.open(slug, "R5C", "STUDY", "SESSION", false, run.token()).run().pageLoads(), "a resume is the second page load");
        List<SequenceItem> items = items(run);
        TrialRecord plain = answer(items.get(0), false);
        TrialRecord cut = withReload(plain, 1, "display", 0);
        assertTrue(runs.saveTrial(run.publicId(), run.token(), cut));
        assertFalse(runs.saveTrial(run.publicId(), run.token(), cut), "the same answer again is a retry");
        assertEquals("conflicting_answer", assertThrows(ClientError.class,
                () -> runs.saveTrial(run.publicId(), run.token(), withReload(plain, 1, "display", 1))).code(), "the flags are part of the answer");
        TrialRecord second = answer(items.get(1), false);
        for (TrialRecord bad : List.of(withReload(second, 3, null, 0), withReload(second, 0, null, 0), withReload(second, 2, "later", 0),
                withReload(second, 2, null, -1))) {
            ClientError refused = assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), run.token(), bad));
            assertEquals("bad_trial", refused.code(), refused.getMessage());
        }
        assertTrue(runs.saveTrial(run.publicId(), run.token(), withReload(second, 2, "boxes", 1)));
        assertEquals(List.of(1, 2), database().read(em -> em.createQuery(
                "select t.pageLoad from Trial t where t.run.publicId = :id order by t.trialIndex", Integer.class)
                .setParameter("id", run.publicId()).getResultList()));
    }

    static TrialRecord withReload(TrialRecord t, Integer pageLoad, String interrupted, int extraShowings) {
        return new TrialRecord(t.position(), t.imageId(), t.responded(), t.rtMs(), t.onsetMs(), t.offsetMs(), t.durationMs(),
                t.droppedFrames(), t.visibilityChanges(), t.fullscreenExits(), t.displayedWidth(), t.displayedHeight(),
                t.devicePixelRatio(), t.boxes(), pageLoad, interrupted, extraShowings);
    }

    @Test
    void savingIsIdempotentAndADifferentSecondAnswerConflicts() {
        study(e -> { });
        Run run = start("R6");
        SequenceItem first = items(run).get(0);
        assertTrue(runs.saveTrial(run.publicId(), run.token(), answer(first, false)));
        assertFalse(runs.saveTrial(run.publicId(), run.token(), answer(first, false)));
        ClientError conflict = assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), run.token(), answer(first, true)));
        assertEquals(409, conflict.status());
        assertEquals("conflicting_answer", conflict.code());
        assertEquals(1, reload(run).trialsSaved());
    }

    @Test
    void concurrentRetriesOfOneTrialStoreItOnce() throws Exception {
        study(e -> { });
        Run run = start("R7");
        SequenceItem item = items(run).get(3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return runs.saveTrial(run.publicId(), run.token(), answer(item, false));
            }));
        }
        go.countDown();
        int stored = 0;
        for (Future<Boolean> r : results) {
            stored += r.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, stored);
        assertEquals(1, reload(run).trialsSaved());
    }

    @Test
    void completionListsTheMissingPositions() {
        study(e -> { });
        Run run = start("R8");
        List<SequenceItem> items = items(run);
        for (SequenceItem item : items.subList(0, items.size() - 2)) {
            runs.saveTrial(run.publicId(), run.token(), answer(item, item.presentation() == 2));
        }
        ClientError incomplete = assertThrows(ClientError.class, () -> runs.complete(run.publicId(), run.token()));
        assertEquals("incomplete", incomplete.code());
        assertEquals(List.of(items.size() - 2, items.size() - 1), incomplete.details().missing());
    }

    @Test
    void aParticipantWhoPressesOnEveryImageFailsTheAttentionCheck() {
        study(e -> { });
        Run run = start("R9");
        for (SequenceItem item : items(run)) {
            runs.saveTrial(run.publicId(), run.token(), answer(item, true));
        }
        Run done = runs.complete(run.publicId(), run.token());
        assertEquals(Boolean.FALSE, done.attentionPassed());
        assertEquals(done.experiment().codeFailedCheck(), done.completionCode());
    }

    @Test
    void decliningConsentEndsTheRunWithTheNoConsentCode() {
        Experiment experiment = study(e -> { });
        Run run = start("R10");
        Run declined = runs.consent(run.publicId(), run.token(), false);
        assertEquals(RunState.NO_CONSENT, declined.state());
        assertEquals(experiment.codeNoConsent(), declined.completionCode());
        SequenceItem first = items(run).get(0);
        assertEquals("run_not_active", assertThrows(ClientError.class,
                () -> runs.saveTrial(run.publicId(), run.token(), answer(first, false))).code());
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        study(e -> { });
        Run run = start("BAD");
        List<SequenceItem> items = items(run);
        SequenceItem item = items.get(0);
        SequenceItem other = items.get(1);
        TrialRecord good = answer(item, true);
        Map<String, TrialRecord> bad = new java.util.LinkedHashMap<>();
        bad.put("position_out_of_range", new TrialRecord(items.size(), item.imageId(), false, null, 1, 2, 1, 0, 0, 0, null, null, null, List.of()));
        bad.put("image_mismatch", new TrialRecord(0, other.imageId(), false, null, 1, 2, 1, 0, 0, 0, null, null, null, List.of()));
        bad.put("bad_box", withBoxes(good, List.of(new BoxRecord(0.8, 0.1, 0.3, 0.2))));
        bad.put("bad_box ", withBoxes(good, List.of(new BoxRecord(0.1, 0.1, 0.0, 0.2))));
        bad.put("bad_box  ", withBoxes(good, List.of(new BoxRecord(-0.1, 0.1, 0.2, 0.2))));
        bad.put("bad_box   ", withBoxes(good, List.of()));
        bad.put("bad_box    ", withBoxes(good, List.of(new BoxRecord(0, 0, .1, .1), new BoxRecord(0, 0, .1, .1),
                new BoxRecord(0, 0, .1, .1), new BoxRecord(0, 0, .1, .1))));
        bad.put("bad_trial", new TrialRecord(0, item.imageId(), true, null, 1, 2, 1, 0, 0, 0, null, null, null, good.boxes()));
        bad.put("bad_trial ", new TrialRecord(0, item.imageId(), false, null, Double.NaN, 2, 1, 0, 0, 0, null, null, null, List.of()));
        bad.put("bad_trial  ", new TrialRecord(0, item.imageId(), false, null, 1, 2, 1, -1, 0, 0, null, null, null, List.of()));
        for (var entry : bad.entrySet()) {
            ClientError error = assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), run.token(), entry.getValue()), entry.getKey());
            assertEquals(entry.getKey().trim(), error.code(), entry.getValue().toString());
            assertEquals(400, error.status());
        }
        assertEquals(401, assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), "wrong", good)).status());
        assertEquals(401, assertThrows(ClientError.class, () -> runs.saveTrial(run.publicId(), null, good)).status());
        assertEquals(404, assertThrows(ClientError.class, () -> runs.saveTrial("no-such-run", run.token(), good)).status());
        assertEquals(0, reload(run).trialsSaved());
        assertTrue(runs.saveTrial(run.publicId(), run.token(), good), "the good answer is still accepted afterwards");
    }

    @Test
    void badProlificParametersAndUnknownOrClosedStudiesAreRefused() {
        Experiment experiment = study(e -> { });
        assertEquals("bad_prolific_params", assertThrows(ClientError.class, () -> runs.open(slug, null, "S", "X")).code());
        assertEquals("bad_prolific_params", assertThrows(ClientError.class, () -> runs.open(slug, "{{%PROLIFIC_PID%}}", "S", "X")).code());
        assertEquals("bad_prolific_params", assertThrows(ClientError.class, () -> runs.open(slug, "P", "S", "x".repeat(65))).code());
        assertEquals("unknown_experiment", assertThrows(ClientError.class, () -> runs.open("no-such-study", "P", "S", "X")).code());
        database().writeAll(em -> em.find(Experiment.class, experiment.id()).setStatus(Experiment.Status.PAUSED));
        assertEquals("experiment_closed", assertThrows(ClientError.class, () -> runs.open(slug, "P", "S", "X")).code());
        long runsStored = database().read(em -> em.createQuery("select count(r) from Run r where r.experiment.slug = :s", Long.class)
                .setParameter("s", slug).getSingleResult());
        assertEquals(0, runsStored);
    }

    @Test
    void aPilotStudyAcceptsALinkWithoutProlificParameters() {
        study(e -> e.setStatus(Experiment.Status.PILOT));
        Run pilot = runs.open(slug, null, null, null).run();
        assertTrue(pilot.pilot());
        assertTrue(pilot.prolificPid().startsWith("PILOT-"));
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            distinct.add(runs.open(slug, null, null, null).run().prolificPid());
        }
        assertEquals(3, distinct.size());
    }

    @Test
    void theTargetPerSequenceCapsRealRunsAndThenRefusesNewArrivals() {
        study(e -> e.setTargetPerSequence(2));
        List<Integer> assigned = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assigned.add(start("T" + i).sequenceId());
        }
        assertEquals(List.of(1, 2, 1, 2), assigned);
        ClientError full = assertThrows(ClientError.class, () -> start("T4"));
        assertEquals(409, full.status());
        assertEquals("experiment_full", full.code());
        assertTrue(full.getMessage().contains("return the study on Prolific"), full.getMessage());
        assertEquals(4, runsStored(), "a refused arrival stores no run");
    }

    @Test
    void aFullStudyStillLetsItsParticipantsResumeAndRestart() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setResume(Experiment.ResumePolicy.RESUME, 30);
        });
        Run first = start("F1");
        start("F2");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("F3")).code());
        RunService.Opened again = runs.open(slug, "F1", "STUDY", "SESSION");
        assertTrue(again.resumed(), "a resuming participant is never refused by the target");
        assertEquals(first.publicId(), again.run().publicId());

        database().writeAll(em -> em.createQuery("update Experiment e set e.resumePolicy = :p where e.slug = :s")
                .setParameter("p", Experiment.ResumePolicy.RESTART).setParameter("s", slug).executeUpdate());
        Run restarted = runs.open(slug, "F2", "STUDY", "SESSION").run();
        assertEquals(2, restarted.sequenceId(), "a restart keeps its sequence even in a full study");
    }

    @Test
    void anExpiredReservationFreesAPlaceUnderTheTargetButACompletedRunDoesNot() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setReservationMinutes(60);
        });
        Run finisher = start("E1");
        start("E2");
        runs.consent(finisher.publicId(), finisher.token(), true);
        answerAll(finisher);
        runs.complete(finisher.publicId(), finisher.token());
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("E3")).code());
        clock.advance(Duration.ofMinutes(61));
        assertEquals(2, start("E3").sequenceId(), "the drop-out's place on sequence 2 is free again");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("E4")).code(), "sequence 1 keeps its completed run");
    }

    @Test
    void pilotRunsAreNotCapped() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setStatus(Experiment.Status.PILOT);
        });
        for (int i = 0; i < 5; i++) {
            assertTrue(runs.open(slug, null, null, null).run().pilot());
        }
        assertEquals(5, runsStored());
    }

    @Test
    void pilotRunsDoNotTakeTheRealRunsPlaces() {
        study(e -> e.setTargetPerSequence(1));
        runs.open(slug, null, null, null, true);
        runs.open(slug, null, null, null, true);
        assertEquals(1, start("R1").sequenceId());
        assertEquals(2, start("R2").sequenceId());
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("R3")).code());
    }

    @Test
    void concurrentArrivalsNeverOvershootTheTarget() throws Exception {
        study(e -> e.setTargetPerSequence(3));
        int arrivals = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < arrivals; i++) {
            String pid = "K" + i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return start(pid).sequenceId();
                } catch (ClientError refused) {
                    return refused.code();
                }
            }));
        }
        go.countDown();
        Map<Object, Long> outcomes = new java.util.HashMap<>();
        for (Future<Object> r : results) {
            outcomes.merge(r.get(), 1L, Long::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(1, 3L, 2, 3L, "experiment_full", 18L), outcomes);
        assertEquals(6, runsStored());
    }

    /** Finishes a run: attentive answers pass the attention check, pressing on every image fails it. */
    Run finish(Run run, boolean attentive) {
        runs.consent(run.publicId(), run.token(), true);
        for (SequenceItem item : items(run)) {
            runs.saveTrial(run.publicId(), run.token(), answer(item, attentive ? item.presentation() == 2 : true));
        }
        Run done = runs.complete(run.publicId(), run.token());
        assertEquals(attentive, done.attentionPassed());
        return done;
    }

    long[] filled(boolean pilot) {
        return database().read(em -> SequenceFill.bySequence(em, em.createQuery("select e from Experiment e where e.slug = :s", Experiment.class)
                .setParameter("s", slug).getSingleResult(), pilot, clock.instant()));
    }

    @Test
    void aRunThatFailsTheAttentionCheckReleasesItsPlace() {
        study(e -> e.setTargetPerSequence(1));
        Run careless = start("A1");
        Run careful = start("A2");
        assertEquals(List.of(1, 2), List.of(careless.sequenceId(), careful.sequenceId()));
        finish(careless, false);
        finish(careful, true);
        assertEquals(List.of(0L, 0L, 1L), List.of(filled(false)[0], filled(false)[1], filled(false)[2]),
                "the failed run on sequence 1 no longer counts");
        assertEquals(1, start("A3").sequenceId(), "the failed run's place on sequence 1 goes to the next arrival");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("A4")).code());
        assertEquals("already_completed", assertThrows(ClientError.class, () -> start("A1")).code(),
                "the participant who failed cannot take the place again");
    }

    @Test
    void theCountFailedRunsSettingKeepsAFailedRunsPlace() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setCountFailedRuns(true);
        });
        finish(start("C1"), false);
        finish(start("C2"), true);
        assertEquals(1L, filled(false)[1], "with the setting on, the failed run still counts");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> start("C3")).code());
    }

    @Test
    void failedRunsUnderATargetEndWithTheSameNumberOfUsableRunsPerSequence() {
        study(e -> e.setTargetPerSequence(4));
        java.util.Random random = new java.util.Random(10);
        int arrivals = 0;
        int failures = 0;
        while (true) {
            Run run;
            try {
                run = start("B" + arrivals++);
            } catch (ClientError refused) {
                assertEquals("experiment_full", refused.code());
                break;
            }
            boolean attentive = random.nextDouble() >= 0.3;
            failures += attentive ? 0 : 1;
            finish(run, attentive);
            assertTrue(arrivals < 100, "the study never filled up");
        }
        long[] usable = new long[3];
        database().read(em -> em.createQuery("select r.sequenceId from Run r where r.experiment.slug = :s and r.attentionPassed = true",
                Integer.class).setParameter("s", slug).getResultList()).forEach(sequence -> usable[sequence]++);
        assertTrue(failures > 0, "the simulation had failed runs");
        assertEquals(4L, usable[1], "usable runs on sequence 1 after " + failures + " failed runs");
        assertEquals(4L, usable[2], "usable runs on sequence 2 after " + failures + " failed runs");
        assertEquals(List.of(4L, 4L), List.of(filled(false)[1], filled(false)[2]), "the count the full check and the monitor use");
        assertEquals(8 + failures + 1, arrivals, "every failed run freed its place; the last arrival was refused");
    }

    static final String HOOK_SECRET = "prolific-hook-secret-0123456789";

    ProlificWebhooks.Outcome hook(String eventId, String status, String submission, String secret) {
        byte[] body = ("{\"event_type\":\"submission.status.change\",\"resource_id\":\"" + submission + "\",\"status\":\"" + status
                + "\",\"participant_id\":\"X\",\"study_id\":\"STUDY\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return new ProlificWebhooks(database(), clock).receive(slug, body, ProlificWebhooks.signature(secret, timestamp, body), timestamp, eventId);
    }

    Run startWithSubmission(String pid) {
        return runs.open(slug, pid, "STUDY", "SUB-" + pid).run();
    }

    @Test
    void aReturnedSubmissionReleasesItsSlotOnceAndAReplayChangesNothing() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setProlificWebhookSecret(HOOK_SECRET);
        });
        Run returner = startWithSubmission("W1");
        startWithSubmission("W2");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> startWithSubmission("W3")).code());

        ProlificWebhooks.Outcome released = hook("evt-1", "RETURNED", "SUB-W1", HOOK_SECRET);
        assertEquals("released", released.outcome());
        assertEquals(returner.publicId(), released.runId());
        assertEquals(RunState.RETURNED, reload(returner).state());
        // The same submission comes back (its earlier run ended) and takes the free slot; a replay must not end it.
        Run again = startWithSubmission("W1");
        assertEquals(returner.sequenceId(), again.sequenceId(), "the returned run's slot was free again");
        assertEquals("duplicate", hook("evt-1", "RETURNED", "SUB-W1", HOOK_SECRET).outcome());
        assertEquals(RunState.STARTED, reload(again).state(), "a replayed event does not end the participant's new run");
        assertEquals("experiment_full", assertThrows(ClientError.class, () -> startWithSubmission("W3")).code());
    }

    @Test
    void aBadlySignedEventIsRefusedAndChangesNothing() {
        study(e -> e.setProlificWebhookSecret(HOOK_SECRET));
        Run run = startWithSubmission("B1");
        ClientError refused = assertThrows(ClientError.class, () -> hook("evt-bad", "RETURNED", "SUB-B1", "another-secret-0123456789"));
        assertEquals(401, refused.status());
        assertEquals("bad_signature", refused.code());
        assertEquals(RunState.STARTED, reload(run).state());
        assertEquals("released", hook("evt-bad", "RETURNED", "SUB-B1", HOOK_SECRET).outcome(), "a refused event id was not stored");
    }

    @Test
    void timedOutReleasesOtherStatusesAndUnknownSubmissionsAreAcknowledged() {
        study(e -> e.setProlificWebhookSecret(HOOK_SECRET));
        Run timedOut = startWithSubmission("O1");
        Run approved = startWithSubmission("O2");
        assertEquals("released", hook("evt-o1", "TIMED-OUT", "SUB-O1", HOOK_SECRET).outcome());
        assertEquals(RunState.RETURNED, reload(timedOut).state());
        assertEquals("ignored", hook("evt-o2", "AWAITING REVIEW", "SUB-O2", HOOK_SECRET).outcome());
        assertEquals(RunState.STARTED, reload(approved).state());
        assertEquals("no_run", hook("evt-o3", "RETURNED", "SUB-NOBODY", HOOK_SECRET).outcome());
    }

    @Test
    void webhooksNeedASecretAndAnEventId() {
        study(e -> { });
        assertEquals("webhook_not_configured", assertThrows(ClientError.class, () -> hook("evt-x", "RETURNED", "S", HOOK_SECRET)).code());
        database().writeAll(em -> em.createQuery("update Experiment e set e.prolificWebhookSecret = :s where e.slug = :slug")
                .setParameter("s", HOOK_SECRET).setParameter("slug", slug).executeUpdate());
        assertEquals("bad_event_id", assertThrows(ClientError.class, () -> hook(null, "RETURNED", "S", HOOK_SECRET)).code());
        assertEquals("bad_event_id", assertThrows(ClientError.class, () -> hook("evt 1; drop", "RETURNED", "S", HOOK_SECRET)).code());
    }

    @Test
    void aRetryThatDiffersOnlyInTheSignOfAZeroIsTheSameAnswer() {
        study(e -> { });
        Run run = start("Z1");
        SequenceItem first = items(run).get(0);
        TrialRecord zero = new TrialRecord(0, first.imageId(), true, 0.0, 0.0, 2500.0, 1500.0, 0, 0, 0, 600, 600, 2.0,
                List.of(new BoxRecord(0.0, 0.0, 0.5, 0.5)));
        TrialRecord negativeZero = new TrialRecord(0, first.imageId(), true, -0.0, -0.0, 2500.0, 1500.0, 0, 0, 0, 600, 600, 2.0,
                List.of(new BoxRecord(-0.0, -0.0, 0.5, 0.5)));
        assertTrue(runs.saveTrial(run.publicId(), run.token(), negativeZero));
        assertFalse(runs.saveTrial(run.publicId(), run.token(), zero), "0 after -0.0 is a retry, not a conflict");
        assertFalse(runs.saveTrial(run.publicId(), run.token(), negativeZero));
        assertEquals(1, reload(run).trialsSaved());
    }

    @Test
    void malformedNamesAndIdsAreRefusedBeforeAnyLookup() {
        study(e -> { });
        for (String name : new String[] {"x".repeat(65), "x".repeat(60_000), "demo/../admin", "", "d\u00e9mo", "a b"}) {
            ClientError refused = assertThrows(ClientError.class, () -> runs.open(name, "P", "S", "X"), name);
            assertEquals("bad_experiment", refused.code());
            assertEquals(400, refused.status());
            assertTrue(name.isEmpty() || !refused.getMessage().contains(name), "the name is not echoed");
        }
        assertEquals("bad_experiment", assertThrows(ClientError.class, () -> runs.open(null, "P", "S", "X")).code());
        assertEquals("bad_prolific_params", assertThrows(ClientError.class, () -> runs.open(slug, "P".repeat(60_000), "S", "X")).code());
        assertEquals("bad_prolific_params", assertThrows(ClientError.class, () -> runs.open("no-such-study", "P", "S", "{{%SESSION_ID%}}")).code(),
                "a malformed id is refused before the experiment is looked up");
        Run run = start("ID1");
        SequenceItem first = items(run).get(0);
        ClientError unknown = assertThrows(ClientError.class, () -> runs.saveTrial("r".repeat(10_000), run.token(), answer(first, false)));
        assertEquals("unknown_run", unknown.code());
        assertFalse(unknown.getMessage().contains("rrrr"), "the id is not echoed");
        assertEquals(1, runsStored(), "only the good run was stored");
    }

    @Test
    void aWebhookSignedLongAgoIsRefusedAndAReplayUnderAFreshEventIdChangesNothing() {
        study(e -> {
            e.setTargetPerSequence(1);
            e.setProlificWebhookSecret(HOOK_SECRET);
        });
        Run returner = startWithSubmission("T1");
        ProlificWebhooks webhooks = new ProlificWebhooks(database(), clock);
        byte[] body = ("{\"event_type\":\"submission.status.change\",\"resource_id\":\"SUB-T1\",\"status\":\"RETURNED\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String year2001 = String.valueOf(Instant.parse("2001-09-09T01:46:40Z").getEpochSecond());
        ClientError stale = assertThrows(ClientError.class, () -> webhooks.receive(slug, body,
                ProlificWebhooks.signature(HOOK_SECRET, year2001, body), year2001, "evt-2001"));
        assertEquals(401, stale.status());
        assertEquals("stale_timestamp", stale.code());
        assertEquals(RunState.STARTED, reload(returner).state(), "a correctly signed but old event released nothing");
        String future = String.valueOf(clock.instant().plus(Duration.ofMinutes(6)).getEpochSecond());
        assertEquals("stale_timestamp", assertThrows(ClientError.class, () -> webhooks.receive(slug, body,
                ProlificWebhooks.signature(HOOK_SECRET, future, body), future, "evt-future")).code());

        String fresh = String.valueOf(clock.instant().minus(Duration.ofMinutes(4)).getEpochSecond());
        String signature = ProlificWebhooks.signature(HOOK_SECRET, fresh, body);
        assertEquals("released", webhooks.receive(slug, body, signature, fresh, "evt-t1").outcome());
        Run again = startWithSubmission("T1");
        assertEquals(returner.sequenceId(), again.sequenceId());
        assertEquals("duplicate", webhooks.receive(slug, body, signature, fresh, "evt-t1-replayed-with-a-new-id").outcome());
        assertEquals(RunState.STARTED, reload(again).state(), "the replay did not end the participant's new run");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("stale_timestamp", assertThrows(ClientError.class, () -> webhooks.receive(slug, body, signature, fresh, "evt-t1-later")).code(),
                "once the window has passed the captured request is refused outright");
        assertEquals(RunState.STARTED, reload(again).state());
        assertEquals("unknown_experiment", assertThrows(ClientError.class, () -> webhooks.receive("x".repeat(70), body, signature, fresh, "e")).code());
    }

    long runsStored() {
        return database().read(em -> em.createQuery("select count(r) from Run r where r.experiment.slug = :s", Long.class)
                .setParameter("s", slug).getSingleResult());
    }

    private static TrialRecord withBoxes(TrialRecord t, List<BoxRecord> boxes) {
        return new TrialRecord(t.position(), t.imageId(), t.responded(), t.rtMs(), t.onsetMs(), t.offsetMs(), t.durationMs(),
                t.droppedFrames(), t.visibilityChanges(), t.fullscreenExits(), t.displayedWidth(), t.displayedHeight(),
                t.devicePixelRatio(), boxes);
    }

    Run reload(Run run) {
        return database().read(em -> em.createQuery("select r from Run r join fetch r.experiment where r.publicId = :id", Run.class)
                .setParameter("id", run.publicId()).getSingleResult());
    }
}
