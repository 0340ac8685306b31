package engram.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour model's study and test tasks (issue 14), and the parts that schedule returns. Rate checks accept counts
 * inside the binomial central region of probability 1 - 2e-6, {@code scipy.stats.binom(n, p).ppf([1e-6, 1 - 1e-6])}
 * (SciPy, run here).
 */
class PhaseBehaviourTest {

    private static final int N = 10_000;

    private static BehaviourModel model() {
        return new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, 150, 0, 0, 0.3);
    }

    private static PhaseSpec phase(int number, String task, int session, Integer levels, boolean boxes) {
        return new PhaseSpec(number, task, session, null, List.of(), levels, boxes, null);
    }

    /** N studied images s_k, then a test phase with s_k and a new image n_k each. */
    private static SessionLayout studyThenTest(String task, Integer levels, boolean boxes) {
        List<PhaseTrial> trials = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            trials.add(new PhaseTrial(k, 1, "study", "s_" + k, null, null));
        }
        for (int k = 0; k < N; k++) {
            trials.add(new PhaseTrial(N + 2 * k, 2, task, "s_" + k, null, null));
            trials.add(new PhaseTrial(N + 2 * k + 1, 2, task, "n_" + k, null, null));
        }
        return new SessionLayout(1000, 500, 1, 3, 1, List.of(phase(1, "study", 1, null, false),
                phase(2, task, 1, levels, boxes)), trials);
    }

    @Test
    void oldNewAnswersOldToRememberedImagesAtTheHitRateAndToNewOnesAtTheFalseAlarmRate() {
        SessionPlan plan = model().planSession(studyThenTest("old-new", 6, true), Set.of(), new SplittableRandom(7));
        int oldToStudied = 0;
        int oldToNew = 0;
        for (TrialAnswer answer : plan.answers().subList(N, 3 * N)) {
            assertEquals(2, answer.phase());
            assertTrue(answer.responded());
            assertTrue(Set.of("old", "new").contains(answer.answer()), answer.answer());
            boolean studied = answer.imageId().startsWith("s_");
            assertEquals(studied, answer.repeat(), "repeat marks an image held as studied");
            if ("old".equals(answer.answer())) {
                if (studied) {
                    oldToStudied++;
                } else {
                    oldToNew++;
                    assertTrue(answer.confidence() >= 1 && answer.confidence() <= 3, "a false alarm is a guess: " + answer);
                }
                assertFalse(answer.boxes().isEmpty(), "boxes after 'old' when the phase asks");
            } else {
                assertTrue(answer.boxes().isEmpty(), "no boxes after 'new'");
                assertTrue(answer.confidence() >= 4 && answer.confidence() <= 6, "a 'new' answer is not a guess");
            }
            assertTrue(answer.rtMs() >= BehaviourModel.MIN_RT_MS);
            assertEquals(answer.offsetMs() - answer.onsetMs(), answer.durationMs(), 0.11);
        }
        // p = 0.7 + 0.3 * 0.1 (a studied image not remembered is a false alarm at 0.1)
        assertBetween(7_087, 7_509, oldToStudied, "'old' to 10000 studied at p=0.73");
        assertBetween(860, 1_145, oldToNew, "'old' to 10000 new at p=0.1");
    }

    @Test
    void oldSimilarNewAnswersSimilarToNotOldImagesAtTheSimilarRate() {
        SessionPlan plan = model().planSession(studyThenTest("old-similar-new", null, false), Set.of(),
                new SplittableRandom(8));
        int similar = 0;
        int newAnswers = 0;
        for (TrialAnswer answer : plan.answers().subList(N, 3 * N)) {
            assertNull(answer.confidence(), "no scale, no confidence");
            assertTrue(answer.boxes().isEmpty(), "no boxes unless the phase asks");
            if (answer.imageId().startsWith("n_")) {
                similar += "similar".equals(answer.answer()) ? 1 : 0;
                newAnswers += "new".equals(answer.answer()) ? 1 : 0;
            }
        }
        assertBetween(2_491, 2_913, similar, "'similar' to 10000 new at p=0.9*0.3");
        assertBetween(6_070, 6_529, newAnswers, "'new' to 10000 new at p=0.9*0.7");
    }

    @Test
    void twoAfcChoosesTheStudiedSideWhenRememberedAndGuessesOtherwise() {
        List<PhaseTrial> trials = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            boolean studiedLeft = k % 2 == 0;
            trials.add(new PhaseTrial(k, 3, "2afc", null, studiedLeft ? "s_" + k : "n_" + k,
                    studiedLeft ? "n_" + k : "s_" + k));
        }
        Set<String> memory = new HashSet<>();
        for (int k = 0; k < N; k++) {
            memory.add("s_" + k);
        }
        SessionLayout layout = new SessionLayout(1000, 500, 1, 3, 2, List.of(phase(1, "study", 1, null, false),
                phase(3, "2afc", 2, 4, false)), trials);
        SessionPlan plan = model().planSession(layout, memory, new SplittableRandom(9));
        int correct = 0;
        for (TrialAnswer answer : plan.answers()) {
            assertNull(answer.answer(), "2AFC sends a choice, not an answer");
            String shown = "left".equals(answer.choiceSide()) ? layout.trials().get(answer.position()).left()
                    : layout.trials().get(answer.position()).right();
            assertEquals(shown, answer.chosenImageId(), "the chosen image is the one on the chosen side");
            assertEquals(shown, answer.imageId());
            assertTrue(answer.confidence() >= 1 && answer.confidence() <= 4);
            correct += answer.chosenImageId().startsWith("s_") ? 1 : 0;
        }
        assertBetween(8_328, 8_667, correct, "studied side chosen in 10000 at p=0.7+0.3/2");
    }

    @Test
    void theStudyPhaseAnswersItsQuestionAndTheMemoryCarriesIntoTheNextSession() {
        PhaseSpec study = new PhaseSpec(1, "study", 1, 2000, List.of("indoor", "outdoor"), null, false, null);
        PhaseSpec quiet = new PhaseSpec(2, "study", 1, null, List.of(), null, false, null);
        SessionLayout layout = new SessionLayout(1000, 500, 1, 3, 1, List.of(study, quiet,
                new PhaseSpec(3, "break", 1, null, List.of(), null, false, 30),
                new PhaseSpec(4, "distractor", 1, null, List.of(), null, false, 400),
                phase(5, "2afc", 2, null, false)),
                List.of(new PhaseTrial(0, 1, "study", "a", null, null), new PhaseTrial(1, 2, "study", "b", null, null)));
        SessionPlan plan = model().planSession(layout, Set.of("earlier"), new SplittableRandom(10));
        TrialAnswer asked = plan.answers().get(0);
        assertTrue(asked.responded());
        assertTrue(Set.of("indoor", "outdoor").contains(asked.answer()));
        assertTrue(asked.rtMs() >= BehaviourModel.MIN_RT_MS && asked.rtMs() <= 2500, "within the display and ISI");
        assertEquals(2000, asked.durationMs(), 2.0, "the phase's own display time");
        TrialAnswer notAsked = plan.answers().get(1);
        assertFalse(notAsked.responded());
        assertNull(notAsked.rtMs());
        assertNull(notAsked.answer());
        assertEquals(Set.of("earlier", "a", "b"), plan.memory());
        assertEquals(Set.of(4), plan.distractorScores().keySet(), "a score for the distractor only");
        assertEquals(100, plan.distractorScores().get(4).problems(), "400 s / 4");
    }

    @Test
    void distractorScoresFollowTheAccuracy() {
        SessionLayout layout = new SessionLayout(1000, 500, 1, 3, 1,
                List.of(new PhaseSpec(1, "distractor", 1, null, List.of(), null, false, 400)), List.of());
        int correct = 0;
        for (int seed = 0; seed < 100; seed++) {
            correct += model().planSession(layout, Set.of(), new SplittableRandom(seed)).distractorScores().get(1).correct();
        }
        assertBetween(8_855, 9_140, correct, "right answers of 10000 problems at p=0.9");
    }

    @Test
    void aSessionPlanIsAFunctionOfTheSeedAndDropoutAndReloadFallOnTheSessionsPositions() {
        BehaviourModel model = new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, 150, 0.5, 0.5, 0.3);
        SessionLayout layout = studyThenTest("old-new", 6, true);
        assertEquals(model.planSession(layout, Set.of(), SyntheticIds.behaviourRandom(3, 1, 2)),
                model.planSession(layout, Set.of(), SyntheticIds.behaviourRandom(3, 1, 2)));
        assertNotEquals(model.planSession(layout, Set.of(), SyntheticIds.behaviourRandom(3, 1, 2)),
                model.planSession(layout, Set.of(), SyntheticIds.behaviourRandom(3, 1, 3)));
        Set<Integer> positions = new HashSet<>();
        layout.trials().forEach(t -> positions.add(t.position()));
        int drops = 0;
        for (int i = 0; i < 200; i++) {
            SessionPlan plan = model.planSession(layout, Set.of(), SyntheticIds.behaviourRandom(3, i, 2));
            assertTrue(plan.dropoutAt() == -1 || positions.contains(plan.dropoutAt()));
            assertTrue(plan.reloadAt() == -1 || positions.contains(plan.reloadAt()));
            drops += plan.dropoutAt() >= 0 ? 1 : 0;
        }
        assertTrue(drops > 50 && drops < 150, "dropout 0.5 of 200: " + drops);
    }

    @Test
    void aLayoutWithAPositionOutsideItsPlanIsRefusedNamingThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionLayout(1000, 500,
                1, 3, 1, List.of(phase(1, "study", 1, null, false)), List.of(new PhaseTrial(4, 2, "old-new", "x", null, null))));
        assertTrue(e.getMessage().contains("position 4") && e.getMessage().contains("phase 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, 150, 0,
                0, 1.5), "similar rate outside [0, 1]");
    }

    @Test
    void returnsMixByTurnsAndParseTheirCommandLineSpelling() {
        assertEquals(List.of(Returns.ON_TIME, Returns.EARLY, Returns.LATE, Returns.ON_TIME),
                List.of(Returns.MIX.of(0), Returns.MIX.of(1), Returns.MIX.of(2), Returns.MIX.of(3)));
        assertEquals(Returns.LATE, Returns.LATE.of(0));
        assertEquals(Returns.ON_TIME, Returns.parse("on-time"));
        assertEquals("on-time", Returns.ON_TIME.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Returns.parse("sometimes"));
        assertTrue(e.getMessage().contains("'sometimes'"), e.getMessage());
    }

    @Test
    void theServerClockMovesOnlyForwardThroughTheOffsetFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock-offset-s");
        ServerClock clock = ServerClock.offsetFile(file);
        assertTrue(clock.movable());
        assertEquals(0, clock.offsetSeconds(), "a missing file is offset 0");
        clock.advanceTo(Instant.now().plusSeconds(3_600));
        long offset = Long.parseLong(Files.readString(file).strip());
        assertTrue(offset >= 3_600 && offset <= 3_603, "offset " + offset);
        assertFalse(clock.now().isBefore(Instant.now().plusSeconds(3_600)));
        clock.advanceTo(Instant.now());
        assertEquals(offset, Long.parseLong(Files.readString(file).strip()), "never moved back");
        assertEquals(offset, ServerClock.offsetFile(file).offsetSeconds(), "read back by a new simulation");
        Files.writeString(file, "tomorrow");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerClock.offsetFile(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ServerClock.local().advanceTo(Instant.now()));
    }

    private static void assertBetween(int low, int high, int value, String what) {
        assertTrue(value >= low && value <= high, what + ": " + value + " not in [" + low + ", " + high + "]");
    }
}
