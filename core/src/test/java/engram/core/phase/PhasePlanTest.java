package engram.core.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PhasePlanTest {

    static Phase study(int number, int session) {
        return new Phase(number, Task.STUDY, session, null, null, 2000, null, null, false, null);
    }

    static Phase test(int number, Task task, int session) {
        return new Phase(number, task, session, null, null, null, null, null, false, null);
    }

    static Phase opening(Phase phase, Integer min, Integer max) {
        return new Phase(phase.phase(), phase.task(), phase.session(), min, max, phase.displayMs(),
                phase.encodingQuestion(), phase.confidenceLevels(), phase.boxes(), phase.minDurationS());
    }

    /** study (session 1), break, then a 2AFC test in session 2 after 1..2 days. */
    static List<Phase> twoSessions() {
        return List.of(new Phase(1, Task.STUDY, 1, null, null, 2000,
                        new EncodingQuestion("Indoor or outdoor?", List.of("indoor", "outdoor")), null, false, null),
                new Phase(2, Task.BREAK, 1, null, null, null, null, null, false, 60),
                new Phase(3, Task.TWO_AFC, 2, 86_400, 172_800, null, null, 6, false, null),
                new Phase(4, Task.OLD_SIMILAR_NEW, 2, null, null, null, null, null, true, null));
    }

    private static List<String> problems(Phase... phases) {
        return PhasePlan.problems(Arrays.asList(phases));
    }

    private static String onlyProblem(Phase... phases) {
        List<String> problems = problems(phases);
        assertEquals(1, problems.size(), problems.toString());
        PhasePlanException e = assertThrows(PhasePlanException.class, () -> new PhasePlan(Arrays.asList(phases)));
        assertEquals(problems, e.problems());
        assertEquals(problems.get(0), e.getMessage());
        return problems.get(0);
    }

    @Test
    void aValidPlanIsKeptWithItsSessions() {
        PhasePlan plan = new PhasePlan(twoSessions());
        assertEquals(2, plan.sessions());
        assertEquals(3, plan.firstPhaseOf(2).phase());
        assertEquals(2, plan.phasesOf(1).size());
        assertEquals(Task.BREAK, plan.phase(2).task());
        assertFalse(plan.isContinuousOnly());
        assertEquals("phase 5 does not exist (the plan has phases 1..4)",
                assertThrows(IllegalArgumentException.class, () -> plan.phase(5)).getMessage());
        assertEquals("session 3 does not exist (the plan has sessions 1..2)",
                assertThrows(IllegalArgumentException.class, () -> plan.firstPhaseOf(3)).getMessage());
    }

    @Test
    void continuousOnlyIsOneContinuousPhaseWithBoxes() {
        PhasePlan plan = PhasePlan.continuousOnly();
        assertTrue(plan.isContinuousOnly());
        assertEquals(List.of(new Phase(1, Task.CONTINUOUS, 1, null, null, null, null, null, true, null)),
                plan.phases());
        assertEquals(1, plan.sessions());
    }

    @Test
    void anEmptyOrMissingListIsRefused() {
        assertEquals(List.of("phases: an experiment needs at least one phase"), PhasePlan.problems(List.of()));
        assertEquals(List.of("phases: an experiment needs at least one phase"), PhasePlan.problems(null));
        assertThrows(PhasePlanException.class, () -> new PhasePlan(List.of()));
        List<Phase> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals(List.of("phase 1: missing"), PhasePlan.problems(withNull));
    }

    @Test
    void phasesAreNumberedInOrder() {
        assertEquals("phase 3 (old-new): phase must be 2 (phases are numbered 1, 2, 3, ... in order), was 3",
                onlyProblem(study(1, 1), test(3, Task.OLD_NEW, 1)));
    }

    @Test
    void sessionsStartAtOneAndStepByOne() {
        assertEquals("phase 1 (study): session must be 1 (the first phase starts session 1), was 2",
                onlyProblem(study(1, 2)));
        assertEquals("phase 2 (old-new): session must be 1 or 2 (sessions never go back and step by 1), was 3",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 3), 0, 10)));
        assertEquals("phase 3 (old-new): session must be 2 or 3 (sessions never go back and step by 1), was 1",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 2), 0, 10), test(3, Task.OLD_NEW, 1)));
    }

    @Test
    void theFirstPhaseOfALaterSessionNeedsAWindow() {
        assertEquals("phase 2 (old-new): delayMinS is missing: the first phase of session 2 needs its delay window "
                + "(delayMinS..delayMaxS seconds after the previous session)",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 2), null, 100)));
        assertEquals("phase 2 (old-new): delayMaxS is missing: the first phase of session 2 needs its delay window "
                + "(delayMinS..delayMaxS seconds after the previous session)",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 2), 100, null)));
        assertEquals("phase 2 (old-new): delayMinS must be >= 0, was -1",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 2), -1, 100)));
        assertEquals("phase 2 (old-new): delayMaxS must be >= delayMinS 100, was 99",
                onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 2), 100, 99)));
        assertTrue(problems(study(1, 1), opening(test(2, Task.OLD_NEW, 2), 100, 100)).isEmpty());
    }

    @Test
    void noOtherPhaseHasAWindow() {
        assertEquals("phase 1 (study): delayMinS is only for the first phase of a session after session 1 (its delay "
                + "window), was 0", onlyProblem(opening(study(1, 1), 0, 10)));
        assertEquals("phase 2 (old-new): delayMaxS is only for the first phase of a session after session 1 (its "
                + "delay window), was 10", onlyProblem(study(1, 1), opening(test(2, Task.OLD_NEW, 1), null, 10)));
    }

    @Test
    void aTestNeedsAnEarlierStudyPhase() {
        assertEquals("phase 1 (2afc): a test phase needs an earlier study phase or continuous phase (it tests the "
                + "images studied or played there)",
                onlyProblem(test(1, Task.TWO_AFC, 1)));
        assertEquals("phase 1 (old-similar-new): a test phase needs an earlier study phase or continuous phase (it "
                + "tests the images studied or played there)",
                onlyProblem(test(1, Task.OLD_SIMILAR_NEW, 1), study(2, 1)));
        assertEquals("phase 1 (old-new): a test phase needs an earlier study phase or continuous phase (it tests the "
                + "images studied or played there)",
                onlyProblem(test(1, Task.OLD_NEW, 1),
                        new Phase(2, Task.CONTINUOUS, 1, null, null, null, null, null, true, null)));
    }

    @Test
    void theContinuousGameCanComeBeforeTheTestsOfItsImages() {
        PhasePlan plan = new PhasePlan(List.of(new Phase(1, Task.CONTINUOUS, 1, null, null, null, null, null, true,
                null), opening(test(2, Task.OLD_NEW, 2), 86_400, 172_800)));
        assertEquals(2, plan.phases().size());
        assertFalse(plan.isContinuousOnly());
    }

    @Test
    void aMissingTaskIsNamed() {
        assertEquals("phase 1 (no task): task is missing",
                onlyProblem(new Phase(1, null, 1, null, null, null, null, null, false, null)));
    }

    @Test
    void confidenceLevelsAre2To10OnTestsOnly() {
        Phase twelve = new Phase(2, Task.OLD_NEW, 1, null, null, null, null, 12, false, null);
        assertEquals("phase 2 (old-new): confidenceLevels must be 2..10, was 12", onlyProblem(study(1, 1), twelve));
        Phase one = new Phase(2, Task.TWO_AFC, 1, null, null, null, null, 1, false, null);
        assertEquals("phase 2 (2afc): confidenceLevels must be 2..10, was 1", onlyProblem(study(1, 1), one));
        Phase onStudy = new Phase(1, Task.STUDY, 1, null, null, 2000, null, 6, false, null);
        assertEquals("phase 1 (study): confidenceLevels is only for old-new, old-similar-new and 2afc phases, was 6",
                onlyProblem(onStudy));
        for (int levels : new int[] {2, 10}) {
            assertTrue(problems(study(1, 1), new Phase(2, Task.OLD_NEW, 1, null, null, null, null, levels, false,
                    null)).isEmpty());
        }
    }

    @Test
    void boxesOnlyFollowAnOldAnswer() {
        for (Task task : List.of(Task.STUDY, Task.TWO_AFC, Task.BREAK, Task.DISTRACTOR)) {
            Phase phase = new Phase(2, task, 1, null, null, task == Task.STUDY ? 2000 : null, null, null, true,
                    task == Task.BREAK || task == Task.DISTRACTOR ? 0 : null);
            assertEquals("phase 2 (" + task.code() + "): boxes is only for continuous, old-new and old-similar-new "
                    + "phases (they follow an 'old' answer)", onlyProblem(study(1, 1), phase));
        }
        for (Task task : List.of(Task.CONTINUOUS, Task.OLD_NEW, Task.OLD_SIMILAR_NEW)) {
            assertTrue(problems(study(1, 1), new Phase(2, task, 1, null, null, null, null, null, true, null))
                    .isEmpty());
        }
    }

    @Test
    void displayMsIsRequiredOnStudyAndOnlyThere() {
        assertEquals("phase 1 (study): displayMs is missing: a study phase shows each image for 100..60000 ms",
                onlyProblem(new Phase(1, Task.STUDY, 1, null, null, null, null, null, false, null)));
        assertEquals("phase 1 (study): displayMs must be 100..60000, was 99",
                onlyProblem(new Phase(1, Task.STUDY, 1, null, null, 99, null, null, false, null)));
        assertEquals("phase 1 (study): displayMs must be 100..60000, was 60001",
                onlyProblem(new Phase(1, Task.STUDY, 1, null, null, 60_001, null, null, false, null)));
        assertEquals("phase 2 (old-new): displayMs is only for study phases, was 500",
                onlyProblem(study(1, 1), new Phase(2, Task.OLD_NEW, 1, null, null, 500, null, null, false, null)));
        assertTrue(problems(new Phase(1, Task.STUDY, 1, null, null, 100, null, null, false, null)).isEmpty());
        assertTrue(problems(new Phase(1, Task.STUDY, 1, null, null, 60_000, null, null, false, null)).isEmpty());
    }

    @Test
    void minDurationIsRequiredOnBreakAndDistractorAndOnlyThere() {
        assertEquals("phase 1 (break): minDurationS is missing: a break phase lasts at least 0..86400 seconds",
                onlyProblem(new Phase(1, Task.BREAK, 1, null, null, null, null, null, false, null)));
        assertEquals("phase 1 (distractor): minDurationS must be 0..86400, was 86401",
                onlyProblem(new Phase(1, Task.DISTRACTOR, 1, null, null, null, null, null, false, 86_401)));
        assertEquals("phase 1 (break): minDurationS must be 0..86400, was -1",
                onlyProblem(new Phase(1, Task.BREAK, 1, null, null, null, null, null, false, -1)));
        assertEquals("phase 1 (study): minDurationS is only for break and distractor phases, was 30",
                onlyProblem(new Phase(1, Task.STUDY, 1, null, null, 2000, null, null, false, 30)));
        assertTrue(problems(new Phase(1, Task.BREAK, 1, null, null, null, null, null, false, 0)).isEmpty());
        assertTrue(problems(new Phase(1, Task.DISTRACTOR, 1, null, null, null, null, null, false, 86_400)).isEmpty());
    }

    private static Phase asking(EncodingQuestion question) {
        return new Phase(1, Task.STUDY, 1, null, null, 2000, question, null, false, null);
    }

    @Test
    void anEncodingQuestionIsCheckedAndOnlyOnStudy() {
        assertEquals("phase 1 (study): encodingQuestion.text is empty",
                onlyProblem(asking(new EncodingQuestion(" ", List.of("a", "b")))));
        assertEquals("phase 1 (study): encodingQuestion.answers must have 2..6 answers, has 1",
                onlyProblem(asking(new EncodingQuestion("Q?", List.of("a")))));
        assertEquals("phase 1 (study): encodingQuestion.answers must have 2..6 answers, has 7",
                onlyProblem(asking(new EncodingQuestion("Q?", List.of("a", "b", "c", "d", "e", "f", "g")))));
        assertEquals("phase 1 (study): encodingQuestion.answers must have 2..6 answers, has 0",
                onlyProblem(asking(new EncodingQuestion("Q?", null))));
        assertEquals("phase 1 (study): encodingQuestion.answers: answer 2 is empty",
                onlyProblem(asking(new EncodingQuestion("Q?", Arrays.asList("a", "", "c")))));
        assertEquals("phase 1 (study): encodingQuestion.answers: answer 2 is empty",
                onlyProblem(asking(new EncodingQuestion("Q?", Arrays.asList("a", null, "c")))));
        assertEquals("phase 1 (study): encodingQuestion.answers: 'a' is listed twice",
                onlyProblem(asking(new EncodingQuestion("Q?", List.of("a", "b", "a")))));
        assertEquals("phase 2 (old-new): encodingQuestion is only for study phases", onlyProblem(study(1, 1),
                new Phase(2, Task.OLD_NEW, 1, null, null, null, new EncodingQuestion("Q?", List.of("a", "b")), null,
                        false, null)));
        assertTrue(problems(asking(new EncodingQuestion("Q?", List.of("a", "b", "c", "d", "e", "f")))).isEmpty());
    }

    @Test
    void everyProblemIsReportedTogetherInPhaseOrder() {
        PhasePlanException e = assertThrows(PhasePlanException.class, () -> new PhasePlan(List.of(
                test(1, Task.OLD_NEW, 1),
                new Phase(2, Task.STUDY, 1, null, null, 50, null, null, false, null),
                new Phase(3, Task.OLD_NEW, 1, null, null, null, null, 12, false, null))));
        assertEquals(List.of("phase 1 (old-new): a test phase needs an earlier study phase or continuous phase (it "
                + "tests the images studied or played there)",
                "phase 2 (study): displayMs must be 100..60000, was 50",
                "phase 3 (old-new): confidenceLevels must be 2..10, was 12"), e.problems());
        assertEquals(String.join("; ", e.problems()), e.getMessage());
    }
}
