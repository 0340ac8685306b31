package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import org.junit.jupiter.api.Test;

class RecognitionDesignBuilderTest {

    private static final List<RecognitionStimulus> SET = RecognitionFixtures.pairsAndFoils(24, 40);

    private static List<String> reasons(PhasePlan plan, RecognitionParameters parameters,
                                        List<RecognitionStimulus> stimuli) {
        return assertThrows(DesignInfeasibleException.class,
                () -> RecognitionDesignBuilder.of(parameters).build(plan, stimuli)).reasons();
    }

    @Test
    void theSameSeedGivesTheSameListsWhateverTheInputOrder() {
        RecognitionParameters p = RecognitionParameters.withDefaults().withLists(4).withSeed(7);
        List<PhaseList> first = RecognitionDesignBuilder.of(p).build(RecognitionFixtures.TWO_SESSIONS, SET);
        List<RecognitionStimulus> reversed = new ArrayList<>(SET);
        Collections.reverse(reversed);
        assertEquals(first, RecognitionDesignBuilder.of(p).build(RecognitionFixtures.TWO_SESSIONS, reversed));
        assertNotEquals(first, RecognitionDesignBuilder.of(p.withSeed(8)).build(RecognitionFixtures.TWO_SESSIONS,
                SET));
    }

    @Test
    void trialIndicesRunOverTheWholeRunAndSkipBreaks() {
        RecognitionParameters p = RecognitionParameters.withDefaults().withStudyPairs(12).withFoilsPerTest(4);
        PhaseList list = RecognitionDesignBuilder.of(p).build(RecognitionFixtures.STUDY_BREAK_2AFC, SET).get(0);
        assertEquals(24, list.length());
        assertEquals(12, list.trialsOf(1).size());
        assertEquals(0, list.trialsOf(2).size());
        assertEquals(12, list.trialsOf(3).size());
        assertEquals(12, list.trialsOf(3).get(0).trialIndex());
        assertEquals(4, list.count(3, Kind.FOIL));
        assertEquals(8, list.count(3, Kind.LURE));
    }

    @Test
    void withTwoListsAndBothMembersEveryImageIsATargetInOneListAndALureInTheOther() {
        List<PhaseList> lists = RecognitionDesignBuilder.of(RecognitionParameters.withDefaults())
                .build(RecognitionFixtures.STUDY_OLD_NEW, SET);
        Map<String, List<Kind>> roles = new TreeMap<>();
        for (PhaseList list : lists) {
            for (PhaseTrial t : list.trialsOf(2)) {
                if (t.kind() != Kind.FOIL) {
                    roles.computeIfAbsent(t.imageId(), i -> new ArrayList<>()).add(t.kind());
                }
            }
        }
        assertEquals(32, roles.size());
        roles.forEach((image, kinds) -> assertEquals(List.of(Kind.TARGET, Kind.LURE),
                kinds.stream().sorted().toList(), image));
    }

    @Test
    void withinAListTheStudiedConditionsAreBalancedInEachStudyPhaseTestPhaseAndWayOfTesting() {
        for (long seed = 1; seed <= 100; seed++) {
            RecognitionParameters p = RecognitionParameters.withDefaults().withLists(3).withStudyPairs(19)
                    .withTestBothMembers(seed % 2 == 0).withFoilsPerTest(5).withSeed(seed);
            PhasePlan plan = seed % 3 == 0 ? RecognitionFixtures.TWO_SESSIONS
                    : RecognitionFixtures.TWO_STUDIES_THREE_TESTS;
            for (PhaseList list : RecognitionDesignBuilder.of(p).build(plan, SET)) {
                Map<String, int[]> studiedHigh = new TreeMap<>();
                for (PhaseTrial t : list.trials()) {
                    if (t.kind() == Kind.FOIL && !t.isTwoAlternative() || t.kind() == Kind.STUDY) {
                        continue;
                    }
                    boolean shownIsStudied = t.kind() == Kind.TARGET || t.isTwoAlternative();
                    boolean highStudied = shownIsStudied == t.condition().equals("high");
                    studiedHigh.computeIfAbsent(t.phase() + " " + t.kind(), k -> new int[2])[highStudied ? 0 : 1]++;
                }
                for (PhaseTrial t : list.trials()) {
                    if (t.kind() == Kind.STUDY) {
                        studiedHigh.computeIfAbsent("study " + t.phase(), k -> new int[2])[
                                t.condition().equals("high") ? 0 : 1]++;
                    }
                }
                studiedHigh.forEach((group, count) -> assertTrue(Math.abs(count[0] - count[1]) <= 1,
                        group + ": " + count[0] + " high and " + count[1] + " low studied"));
            }
        }
    }

    @Test
    void tooFewPairsAreExplained() {
        assertEquals(List.of("pairs: the set has 12 pairs with lure_type perceptual (one 'high' and one 'low' "
                        + "member); 3 lists of 16 studied pairs need 16"),
                reasons(RecognitionFixtures.STUDY_OLD_NEW, RecognitionParameters.withDefaults().withLists(3)
                        .withLureTypes(List.of("perceptual")), SET));
        assertEquals(List.of("pairs: the set has 4 pairs (one 'high' and one 'low' member); 1 list of 5 studied "
                        + "pairs need 5"),
                reasons(RecognitionFixtures.STUDY_OLD_NEW, RecognitionParameters.withDefaults().withLists(1)
                        .withStudyPairs(5).withFoilsPerTest(0), RecognitionFixtures.pairsAndFoils(4, 0)));
    }

    @Test
    void pairsInOtherConditionsDoNotCount() {
        List<RecognitionStimulus> set = new ArrayList<>(RecognitionFixtures.pairsAndFoils(2, 2));
        set.add(new RecognitionStimulus("x_a", "x", "a", null));
        set.add(new RecognitionStimulus("x_b", "x", "b", null));
        assertEquals(List.of("pairs: the set has 2 pairs (one 'high' and one 'low' member); 2 lists of 3 studied "
                        + "pairs need 3"),
                reasons(RecognitionFixtures.STUDY_OLD_NEW, RecognitionParameters.withDefaults().withStudyPairs(3)
                        .withFoilsPerTest(1), set));
    }

    @Test
    void tooFewFoilsAreExplained() {
        assertEquals(List.of("foils: the set has 5 unpaired images to use as new images; 3 test phases of 2 new "
                        + "images need 6 in every list"),
                reasons(RecognitionFixtures.TWO_STUDIES_THREE_TESTS, RecognitionParameters.withDefaults()
                        .withFoilsPerTest(2), RecognitionFixtures.pairsAndFoils(24, 5)));
    }

    @Test
    void moreNewAlternativesThanTestedPairsAreExplained() {
        assertEquals(List.of("phase 3 (2afc): it tests 6 studied pairs, so at most 6 studied images can stand "
                        + "beside a new image, but foilsPerTest is 8"),
                reasons(RecognitionFixtures.STUDY_BREAK_2AFC, RecognitionParameters.withDefaults().withStudyPairs(6),
                        SET));
    }

    @Test
    void plansWithoutARecognitionShapeAreExplained() {
        PhasePlan continuous = new PhasePlan(List.of(RecognitionFixtures.study(1, 1),
                RecognitionFixtures.test(2, Task.OLD_NEW, 1, null, null), RecognitionFixtures.test(3,
                        Task.CONTINUOUS, 1, null, null), RecognitionFixtures.study(4, 1)));
        assertEquals(List.of("phase 3 (continuous): a continuous phase takes the place of the study phases (its "
                        + "targets are the images a later test tests), so it cannot share a plan with a study phase",
                        "phase 4 (study): no test phase follows it, so its images would never be tested"),
                reasons(continuous, RecognitionParameters.withDefaults(), SET));
        assertEquals(List.of("phase 1 (continuous): no test phase follows it, so its images would never be tested"),
                reasons(PhasePlan.continuousOnly(), RecognitionParameters.withDefaults(), SET));
        assertEquals(List.of("phases: the plan has no study phase, so there is nothing to test"),
                reasons(new PhasePlan(List.of(RecognitionFixtures.pause(1, Task.BREAK, 1))),
                        RecognitionParameters.withDefaults(), SET));
        assertEquals(List.of("studyPairs: 1 studied pairs cannot fill 2 study phases (each needs at least one pair)"),
                reasons(RecognitionFixtures.TWO_BLOCKS, RecognitionParameters.withDefaults().withStudyPairs(1), SET));
        assertEquals(List.of("phase 5 (old-similar-new): it would test no studied pair (the pairs studied before it "
                        + "are shared by the test phases between two study phases; studyPairs is 2)"),
                reasons(RecognitionFixtures.TWO_STUDIES_THREE_TESTS, RecognitionParameters.withDefaults()
                        .withStudyPairs(2).withFoilsPerTest(0), SET));
    }

    @Test
    void anOrderThatCannotKeepTheRunRuleIsExplained() {
        assertEquals(List.of("order: phase 2 (old-new) in list 1: 20 of its 24 trials show 'foil' images, too many "
                        + "for at most 3 in a row of one condition (the other 4 trials can separate at most 15); "
                        + "lower foilsPerTest or raise maxConditionRun",
                        "order: phase 2 (old-new) in list 2: 20 of its 24 trials show 'foil' images, too many "
                        + "for at most 3 in a row of one condition (the other 4 trials can separate at most 15); "
                        + "lower foilsPerTest or raise maxConditionRun"),
                reasons(RecognitionFixtures.STUDY_OLD_NEW, RecognitionParameters.withDefaults().withStudyPairs(2)
                        .withFoilsPerTest(20), SET));
    }

    @Test
    void malformedStimuliAreRefused() {
        List<RecognitionStimulus> twice = new ArrayList<>(SET);
        twice.add(SET.get(0));
        assertEquals("stimuli: image 'p001_high' is listed twice", assertThrows(IllegalArgumentException.class,
                () -> RecognitionDesignBuilder.of(RecognitionParameters.withDefaults())
                        .build(RecognitionFixtures.STUDY_OLD_NEW, twice)).getMessage());
        List<RecognitionStimulus> mixed = new ArrayList<>(SET);
        mixed.add(new RecognitionStimulus("q_high", "q", "high", "perceptual"));
        mixed.add(new RecognitionStimulus("q_low", "q", "low", "semantic"));
        assertEquals("stimuli: pair 'q' has lure_type 'perceptual' and 'semantic'; both members need the same lure "
                + "type", assertThrows(IllegalArgumentException.class,
                () -> RecognitionDesignBuilder.of(RecognitionParameters.withDefaults())
                        .build(RecognitionFixtures.STUDY_OLD_NEW, mixed)).getMessage());
        List<RecognitionStimulus> three = new ArrayList<>(SET);
        three.add(new RecognitionStimulus("p001_mid", "p001", "mid", "perceptual"));
        assertEquals("stimuli: pair 'p001' has 3 members; a pair needs exactly 2",
                assertThrows(IllegalArgumentException.class, () -> RecognitionDesignBuilder
                        .of(RecognitionParameters.withDefaults()).build(RecognitionFixtures.STUDY_OLD_NEW, three))
                        .getMessage());
    }

    @Test
    void parametersAreChecked() {
        RecognitionParameters p = RecognitionParameters.withDefaults();
        assertEquals(new RecognitionParameters(2, 16, 8, true, 3, List.of("high", "low"), List.of(), 1L), p);
        assertEquals("lists must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> p.withLists(0)).getMessage());
        assertEquals("studyPairs must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> p.withStudyPairs(0)).getMessage());
        assertEquals("foilsPerTest must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> p.withFoilsPerTest(-1)).getMessage());
        assertEquals("maxConditionRun must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> p.withMaxConditionRun(0)).getMessage());
        assertEquals("pairConditions must name exactly 2 conditions, one for each member of a pair, but it is [a]",
                assertThrows(IllegalArgumentException.class, () -> p.withPairConditions(List.of("a")))
                        .getMessage());
        assertEquals("lureTypes lists a name twice: [x, x]", assertThrows(IllegalArgumentException.class,
                () -> p.withLureTypes(List.of("x", "x"))).getMessage());
        assertEquals("plan must not be null", assertThrows(IllegalArgumentException.class,
                () -> RecognitionDesignBuilder.of(p).build(null, SET)).getMessage());
    }
}
