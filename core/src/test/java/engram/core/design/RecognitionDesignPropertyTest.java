package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import engram.core.phase.Side;
import engram.core.phase.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the recognition design, checked by this test's own code (not only by {@link RecognitionValidator})
 * on the lists of 500 seeds for each of several plans and parameter sets.
 */
class RecognitionDesignPropertyTest {

    static final int SEEDS = 500;

    static Stream<Arguments> designs() {
        RecognitionParameters defaults = RecognitionParameters.withDefaults();
        return Stream.of(
                Arguments.of("study, break, 2afc; 2 lists", RecognitionFixtures.STUDY_BREAK_2AFC,
                        defaults.withStudyPairs(12).withFoilsPerTest(4)),
                Arguments.of("study, old-new with both members; 4 lists", RecognitionFixtures.STUDY_OLD_NEW,
                        defaults.withLists(4)),
                Arguments.of("study, old-new, one member per pair; 3 lists, runs of 2",
                        RecognitionFixtures.STUDY_OLD_NEW,
                        defaults.withLists(3).withTestBothMembers(false).withStudyPairs(15).withFoilsPerTest(7)
                                .withMaxConditionRun(2)),
                Arguments.of("two sessions sharing the pairs; 6 lists", RecognitionFixtures.TWO_SESSIONS,
                        defaults.withLists(6).withStudyPairs(20).withFoilsPerTest(5)),
                Arguments.of("two study-test blocks, perceptual lures only; 2 lists", RecognitionFixtures.TWO_BLOCKS,
                        defaults.withStudyPairs(10).withFoilsPerTest(3).withLureTypes(List.of("perceptual"))),
                Arguments.of("two studies, three tests, no foils; 5 lists",
                        RecognitionFixtures.TWO_STUDIES_THREE_TESTS,
                        defaults.withLists(5).withStudyPairs(17).withFoilsPerTest(0).withTestBothMembers(false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void everyListOfEverySeedKeepsEveryRule(String name, PhasePlan plan, RecognitionParameters parameters) {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 40);
        Map<String, RecognitionStimulus> byId = new HashMap<>();
        stimuli.forEach(s -> byId.put(s.imageId(), s));
        for (long seed = 1; seed <= SEEDS; seed++) {
            RecognitionParameters p = parameters.withSeed(seed);
            List<PhaseList> lists = RecognitionDesignBuilder.of(p).build(plan, stimuli);
            String where = name + ", seed " + seed;
            assertEquals(p.lists(), lists.size(), where);
            Map<String, int[]> memberUses = new TreeMap<>();
            for (int k = 0; k < lists.size(); k++) {
                assertEquals(k + 1, lists.get(k).listId(), where);
                checkList(lists.get(k), plan, p, byId, memberUses, where + ", list " + (k + 1));
            }
            assertEquals(p.studyPairs(), memberUses.size(), where + ": the same pairs are studied in every list");
            for (Map.Entry<String, int[]> uses : memberUses.entrySet()) {
                int[] count = uses.getValue();
                assertEquals(p.lists(), count[0] + count[1], where);
                assertTrue(Math.abs(count[0] - count[1]) <= p.lists() % 2, where + ": pair " + uses.getKey()
                        + " members studied " + count[0] + " and " + count[1] + " times");
            }
            assertEquals(List.of(), new RecognitionValidator(plan, p, stimuli).validateAll(lists), where);
        }
    }

    private static void checkList(PhaseList list, PhasePlan plan, RecognitionParameters p,
                                  Map<String, RecognitionStimulus> byId, Map<String, int[]> memberUses, String where) {
        List<PhaseTrial> trials = list.trials();
        Map<String, Integer> lastShown = new HashMap<>();
        Set<String> studied = new HashSet<>();
        Set<String> testedPairs = new HashSet<>();
        Set<String> newImages = new HashSet<>();
        int previousPhase = 0;
        for (int i = 0; i < trials.size(); i++) {
            PhaseTrial t = trials.get(i);
            String at = where + ", trial " + i;
            assertEquals(i, t.trialIndex(), at);
            assertTrue(t.phase() >= previousPhase, at + ": phases in order");
            previousPhase = t.phase();
            Task task = plan.phase(t.phase()).task();
            RecognitionStimulus shown = byId.get(t.imageId());
            assertEquals(shown.condition(), t.condition(), at);
            Integer earlier = lastShown.get(t.imageId());
            assertEquals(earlier == null ? 1 : 2, t.presentation(), at + ": presentation");
            assertEquals(earlier == null ? null : i - earlier, t.lag(), at + ": lag");
            lastShown.put(t.imageId(), i);
            String pairId = shown.pairId();
            switch (task) {
                case STUDY -> {
                    assertEquals(Kind.STUDY, t.kind(), at);
                    assertNotNull(pairId, at);
                    assertTrue(studied.add(t.imageId()), at);
                    int member = p.pairConditions().indexOf(shown.condition());
                    memberUses.computeIfAbsent(pairId, x -> new int[2])[member]++;
                    assertNull(t.lureType(), at);
                    assertNull(t.alternativeImageId(), at);
                }
                case OLD_NEW, OLD_SIMILAR_NEW -> {
                    assertNull(t.alternativeImageId(), at);
                    if (t.kind() == Kind.TARGET) {
                        assertTrue(studied.contains(t.imageId()), at);
                        assertEquals(shown.lureType(), t.lureType(), at);
                    } else if (t.kind() == Kind.LURE) {
                        assertTrue(studied.contains(partner(shown, byId).imageId()), at);
                        assertTrue(!studied.contains(t.imageId()), at);
                        assertEquals(shown.lureType(), t.lureType(), at);
                    } else {
                        assertEquals(Kind.FOIL, t.kind(), at);
                        assertNull(pairId, at);
                        assertTrue(newImages.add(t.imageId()), at + ": a foil is new");
                        assertNull(t.lureType(), at);
                    }
                    if (pairId != null) {
                        testedPairs.add(pairId + "@" + t.phase());
                    }
                    if (t.kind() == Kind.LURE && i > 0) {
                        PhaseTrial before = trials.get(i - 1);
                        assertTrue(!(before.kind() == Kind.TARGET && before.phase() == t.phase()
                                && Objects.equals(byId.get(before.imageId()).pairId(), pairId)),
                                at + ": lure right after its target");
                    }
                }
                case TWO_AFC -> {
                    assertTrue(studied.contains(t.imageId()), at);
                    assertNotNull(t.targetSide(), at);
                    RecognitionStimulus alternative = byId.get(t.alternativeImageId());
                    assertTrue(!lastShown.containsKey(t.alternativeImageId()), at + ": the alternative is new");
                    lastShown.put(t.alternativeImageId(), i);
                    if (t.kind() == Kind.LURE) {
                        assertEquals(partner(shown, byId), alternative, at);
                        assertEquals(shown.lureType(), t.lureType(), at);
                    } else {
                        assertEquals(Kind.FOIL, t.kind(), at);
                        assertNull(alternative.pairId(), at);
                        assertTrue(newImages.add(alternative.imageId()), at);
                        assertNull(t.lureType(), at);
                    }
                    testedPairs.add(pairId + "@" + t.phase());
                }
                default -> throw new AssertionError(at + ": a " + task + " trial");
            }
        }
        Set<String> pairsTested = new HashSet<>();
        for (String tested : testedPairs) {
            assertTrue(pairsTested.add(tested.substring(0, tested.indexOf('@'))), where + ": pair tested twice "
                    + tested);
        }
        assertEquals(p.studyPairs(), studied.size(), where);
        assertEquals(studied.size(), pairsTested.size(), where + ": every studied pair is tested once");
        for (var phase : plan.phases()) {
            List<PhaseTrial> inPhase = list.trialsOf(phase.phase());
            if (phase.task().isTest()) {
                assertEquals(p.foilsPerTest(), inPhase.stream().filter(t -> t.kind() == Kind.FOIL).count(),
                        where + ": foils in phase " + phase.phase());
            }
            if (!phase.task().isTest() && phase.task() != Task.STUDY) {
                assertEquals(0, inPhase.size(), where);
            }
            int run = 0;
            String condition = null;
            for (PhaseTrial t : inPhase) {
                run = t.condition().equals(condition) ? run + 1 : 1;
                condition = t.condition();
                assertTrue(run <= p.maxConditionRun(), where + ": a run of " + run + " at trial " + t.trialIndex());
            }
            long left = inPhase.stream().filter(t -> t.targetSide() == Side.LEFT).count();
            long right = inPhase.stream().filter(t -> t.targetSide() == Side.RIGHT).count();
            assertTrue(Math.abs(left - right) <= 1, where + ": sides " + left + "/" + right);
            if (phase.task() == Task.TWO_AFC) {
                assertEquals(inPhase.size(), left + right, where);
            }
        }
    }

    private static RecognitionStimulus partner(RecognitionStimulus image, Map<String, RecognitionStimulus> byId) {
        List<RecognitionStimulus> members = new ArrayList<>();
        byId.values().forEach(s -> {
            if (image.pairId() != null && image.pairId().equals(s.pairId()) && !s.equals(image)) {
                members.add(s);
            }
        });
        assertEquals(1, members.size(), image.imageId());
        return members.get(0);
    }
}
