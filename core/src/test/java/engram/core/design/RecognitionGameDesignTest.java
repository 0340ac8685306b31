package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.format.SequencesCsv;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan that starts with the continuous game and tests its images later (issue #14): every rule checked by this
 * test's own code on the lists of many seeds, the validator's new rules, the reasons a plan or set cannot have such a
 * design, and the sequences.csv round trip.
 */
class RecognitionGameDesignTest {

    static final int SEEDS = 300;

    /** A small game: 40 trials, 8 targets at lags 4..12, 2 vigilance repeats at lags 1..3. */
    static final DesignParameters GAME = DesignParameters.withDefaults().withLength(40).withRepeats(8)
            .withLag(4, 12).withVigilanceRepeats(2).withVigilanceLag(1, 3);

    static Phase game(int number) {
        return new Phase(number, Task.CONTINUOUS, 1, null, null, null, null, null, true, null);
    }

    /** The game in session 1, an old-new test of its images a day later. */
    static final PhasePlan GAME_THEN_OLD_NEW = new PhasePlan(List.of(game(1),
            RecognitionFixtures.test(2, Task.OLD_NEW, 2, 86_400, 172_800)));

    /** The game, a break, a 2AFC test. */
    static final PhasePlan GAME_BREAK_2AFC = new PhasePlan(List.of(game(1),
            RecognitionFixtures.pause(2, Task.BREAK, 1), RecognitionFixtures.test(3, Task.TWO_AFC, 1, null, null)));

    /** The game, an old-similar-new test, a 2AFC test a day later (the two tests share the game's targets). */
    static final PhasePlan GAME_TWO_TESTS = new PhasePlan(List.of(game(1),
            RecognitionFixtures.test(2, Task.OLD_SIMILAR_NEW, 1, null, null),
            RecognitionFixtures.test(3, Task.TWO_AFC, 2, 86_400, 172_800)));

    static RecognitionParameters base() {
        return RecognitionParameters.withDefaults().withGame(GAME).withStudyPairs(8).withFoilsPerTest(4);
    }

    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("game, old-new a day later; 2 lists", GAME_THEN_OLD_NEW, base()),
                Arguments.of("game, old-new of 6 of 8 targets, one member per pair; 5 lists", GAME_THEN_OLD_NEW,
                        base().withLists(5).withStudyPairs(6).withTestBothMembers(false).withFoilsPerTest(5)),
                Arguments.of("game, break, 2afc; 4 lists", GAME_BREAK_2AFC, base().withLists(4).withFoilsPerTest(3)),
                Arguments.of("game, old-similar-new, 2afc; 3 lists", GAME_TWO_TESTS,
                        base().withLists(3).withFoilsPerTest(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void everyListOfEverySeedKeepsEveryRule(String name, PhasePlan plan, RecognitionParameters parameters) {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 60);
        Map<String, RecognitionStimulus> byId = new HashMap<>();
        stimuli.forEach(s -> byId.put(s.imageId(), s));
        List<Stimulus> gameStimuli = stimuli.stream()
                .map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), null)).toList();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RecognitionParameters p = parameters.withSeed(seed);
            List<PhaseList> lists = RecognitionDesignBuilder.of(p).build(plan, stimuli);
            List<Sequence> games = SequenceBuilder.of(p.gameParameters()).build(gameStimuli);
            String where = name + ", seed " + seed;
            assertEquals(p.lists(), lists.size(), where);
            Map<String, int[]> memberUses = new TreeMap<>();
            for (int k = 0; k < lists.size(); k++) {
                assertEquals(k + 1, lists.get(k).listId(), where);
                checkList(lists.get(k), games.get(k), plan, p, byId, memberUses, where + ", list " + (k + 1));
            }
            for (Map.Entry<String, int[]> uses : memberUses.entrySet()) {
                int[] count = uses.getValue();
                assertTrue(Math.abs(count[0] - count[1]) <= 1, where + ": pair " + uses.getKey() + " members are "
                        + "game targets " + count[0] + " and " + count[1] + " times");
            }
            assertEquals(List.of(), new RecognitionValidator(plan, p, stimuli).validateAll(lists), where);
        }
    }

    private static void checkList(PhaseList list, Sequence game, PhasePlan plan, RecognitionParameters p,
                                  Map<String, RecognitionStimulus> byId, Map<String, int[]> memberUses, String where) {
        List<PhaseTrial> trials = list.trials();
        DesignParameters g = p.gameParameters();
        // the game: sequence k of the plain sequence builder, trial for trial
        List<PhaseTrial> gameTrials = list.trialsOf(1);
        assertEquals(g.length(), gameTrials.size(), where);
        Set<String> gameTargets = new HashSet<>();
        Set<String> shown = new HashSet<>();
        Set<String> gamePairs = new HashSet<>();
        for (int i = 0; i < gameTrials.size(); i++) {
            PhaseTrial trial = gameTrials.get(i);
            Position position = game.positions().get(i);
            assertEquals(i, trial.trialIndex(), where);
            assertEquals(position.imageId(), trial.imageId(), where + " trial " + i);
            assertEquals(position.kind(), trial.kind(), where + " trial " + i);
            assertEquals(position.presentation(), trial.presentation(), where + " trial " + i);
            assertEquals(position.lag(), trial.lag(), where + " trial " + i);
            assertNull(trial.alternativeImageId(), where);
            RecognitionStimulus stimulus = byId.get(trial.imageId());
            if (trial.presentation() == 1) {
                assertTrue(shown.add(trial.imageId()), where + ": '" + trial.imageId() + "' first shown twice");
                if (stimulus.pairId() != null) {
                    assertTrue(gamePairs.add(stimulus.pairId()), where + ": the game shows both members of "
                            + stimulus.pairId());
                }
            } else {
                assertTrue(shown.contains(trial.imageId()), where);
                assertFalse(trial.kind() == Kind.FILLER, where);
                int lag = trial.lag();
                if (trial.kind() == Kind.TARGET) {
                    assertTrue(lag >= g.minLag() && lag <= g.effectiveMaxLag(), where + ": target lag " + lag);
                    gameTargets.add(trial.imageId());
                    int member = stimulus.condition().equals(p.pairConditions().get(0)) ? 0 : 1;
                    memberUses.computeIfAbsent(stimulus.pairId(), id -> new int[2])[member]++;
                } else {
                    assertTrue(lag >= g.vigilanceMinLag() && lag <= g.effectiveVigilanceMaxLag(), where);
                }
            }
        }
        assertEquals(g.repeats(), gameTargets.size(), where);
        // the tests
        Map<String, Integer> lastShown = new HashMap<>();
        for (PhaseTrial trial : gameTrials) {
            lastShown.put(trial.imageId(), trial.trialIndex());
        }
        Set<String> tested = new HashSet<>();
        int foils = 0;
        for (PhaseTrial trial : trials.subList(gameTrials.size(), trials.size())) {
            Task task = plan.phase(trial.phase()).task();
            assertTrue(task.isTest(), where + ": trial " + trial.trialIndex() + " in a " + task.code() + " phase");
            RecognitionStimulus image = byId.get(trial.imageId());
            boolean showsTarget = trial.kind() == Kind.TARGET || trial.isTwoAlternative();
            if (showsTarget) {
                assertTrue(gameTargets.contains(trial.imageId()), where + ": '" + trial.imageId()
                        + "' is tested as seen but was no game target");
                assertTrue(tested.add(trial.imageId()), where + ": '" + trial.imageId() + "' tested twice");
                assertEquals(2, trial.presentation(), where);
                assertEquals(trial.trialIndex() - lastShown.get(trial.imageId()), trial.lag(), where);
            } else {
                assertFalse(lastShown.containsKey(trial.imageId()), where + ": '" + trial.imageId()
                        + "' is shown as new but was shown before");
                assertEquals(1, trial.presentation(), where);
            }
            String fresh = trial.isTwoAlternative() ? trial.alternativeImageId()
                    : (showsTarget ? null : trial.imageId());
            if (fresh != null) {
                assertFalse(lastShown.containsKey(fresh), where + ": '" + fresh + "' was shown before");
                RecognitionStimulus other = byId.get(fresh);
                if (trial.kind() == Kind.LURE) {
                    assertEquals(image.pairId(), other.pairId(), where + ": lure '" + fresh + "' is not the partner");
                    assertTrue(trial.isTwoAlternative() || gameTargets.stream()
                            .anyMatch(t -> byId.get(t).pairId().equals(other.pairId())), where);
                } else {
                    assertNull(other.pairId(), where + ": foil '" + fresh + "' is a pair member");
                    foils++;
                }
            }
            lastShown.put(trial.imageId(), trial.trialIndex());
            if (trial.alternativeImageId() != null) {
                lastShown.put(trial.alternativeImageId(), trial.trialIndex());
            }
        }
        long testPhases = plan.phases().stream().filter(ph -> ph.task().isTest()).count();
        assertEquals(p.foilsPerTest() * testPhases, foils, where);
        long testedPairs = tested.size() + trials.stream().filter(t -> t.kind() == Kind.LURE
                && !t.isTwoAlternative() && !tested.contains(partnerOf(byId, t.imageId()))).count();
        assertEquals(p.studyPairs(), testedPairs, where + ": every tested pair once");
    }

    private static String partnerOf(Map<String, RecognitionStimulus> byId, String imageId) {
        RecognitionStimulus image = byId.get(imageId);
        return byId.values().stream().filter(s -> image.pairId().equals(s.pairId()) && !s.imageId().equals(imageId))
                .findFirst().orElseThrow().imageId();
    }

    @Test
    void theSameInputsGiveTheSameListsWhateverTheOrderOfTheStimuli() {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 60);
        List<RecognitionStimulus> shuffled = new ArrayList<>(stimuli);
        Collections.shuffle(shuffled, new Random(7));
        RecognitionParameters p = base().withLists(4).withSeed(99);
        List<PhaseList> lists = RecognitionDesignBuilder.of(p).build(GAME_TWO_TESTS, stimuli);
        assertEquals(lists, RecognitionDesignBuilder.of(p).build(GAME_TWO_TESTS, shuffled));
        assertFalse(lists.equals(RecognitionDesignBuilder.of(p.withSeed(100)).build(GAME_TWO_TESTS, stimuli)));
    }

    @Test
    void sequencesCsvRoundTripsTheListsAndTheValidatorAcceptsWhatIsReadBack() throws IOException {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 60);
        RecognitionParameters p = base().withLists(3);
        for (PhasePlan plan : List.of(GAME_THEN_OLD_NEW, GAME_BREAK_2AFC, GAME_TWO_TESTS)) {
            List<PhaseList> lists = RecognitionDesignBuilder.of(p).build(plan, stimuli);
            StringWriter out = new StringWriter();
            SequencesCsv.writePhases(lists, out);
            List<PhaseList> back = SequencesCsv.readPhases(new StringReader(out.toString()), "sequences.csv");
            List<PhaseList> bare = lists.stream().map(l -> new PhaseList(l.listId(),
                    l.trials().stream().map(PhaseTrial::withoutManifestFields).toList())).toList();
            assertEquals(bare, back);
            assertTrue(out.toString().contains(",filler,1,,\n"), "the game's rows keep their kinds");
            assertEquals(List.of(), new RecognitionValidator(plan, p, stimuli).validateAll(back));
        }
    }

    @Test
    void plansThatCannotHaveAGameDesignSayWhy() {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 60);
        RecognitionParameters p = base();
        assertReason(new PhasePlan(List.of(game(1), RecognitionFixtures.study(2, 1),
                RecognitionFixtures.test(3, Task.OLD_NEW, 1, null, null))), p, stimuli,
                "cannot share a plan with a study phase");
        assertReason(new PhasePlan(List.of(RecognitionFixtures.pause(1, Task.BREAK, 1), game(2),
                RecognitionFixtures.test(3, Task.OLD_NEW, 1, null, null))), p, stimuli,
                "phase 2 (continuous): the continuous game must be the plan's first phase");
        assertReason(new PhasePlan(List.of(game(1), game(2),
                RecognitionFixtures.test(3, Task.OLD_NEW, 1, null, null))), p, stimuli, "one continuous phase");
        assertReason(GAME_THEN_OLD_NEW, p.withStudyPairs(9), stimuli,
                "repeats 8 target images, so at most 8 of them can be tested, but studyPairs is 9");
        assertReason(GAME_THEN_OLD_NEW, p.withLureTypes(List.of("perceptual")), stimuli, "lureTypes must be empty");
        assertReason(new PhasePlan(List.of(game(1))), p, stimuli, "no test phase follows it");
    }

    @Test
    void aSetWhoseGameUsesUpTheNewImagesSaysSo() {
        // the game of 40 trials needs 22 filler and vigilance images and takes the 24 unpaired ones first
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 24);
        assertReason(GAME_THEN_OLD_NEW, base(), stimuli, "foils: the game of list 1 shows 22 of the 24 unpaired "
                + "images, leaving 2 new images; 1 test phase of 4 new images need 4");
    }

    @Test
    void aGameThatCannotBeBuiltSaysSoUnderItsPhase() {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(6, 60);
        DesignInfeasibleException e = assertThrows(DesignInfeasibleException.class,
                () -> RecognitionDesignBuilder.of(base().withStudyPairs(4)).build(GAME_THEN_OLD_NEW, stimuli));
        assertTrue(e.reasons().stream().allMatch(r -> r.startsWith(game(1).label() + ": ")), e.reasons().toString());
    }

    private static void assertReason(PhasePlan plan, RecognitionParameters p, List<RecognitionStimulus> stimuli,
                                     String... words) {
        DesignInfeasibleException e = assertThrows(DesignInfeasibleException.class,
                () -> RecognitionDesignBuilder.of(p).build(plan, stimuli));
        for (String word : words) {
            assertTrue(e.reasons().stream().anyMatch(r -> r.contains(word)), word + " not in " + e.reasons());
        }
    }

    @Test
    void theValidatorFindsTestsOfImagesTheGameDidNotShowAsTargetsAndOldNewImages() {
        List<RecognitionStimulus> stimuli = RecognitionFixtures.pairsAndFoils(24, 60);
        RecognitionParameters p = base();
        PhaseList list = RecognitionDesignBuilder.of(p).build(GAME_THEN_OLD_NEW, stimuli).get(0);
        RecognitionValidator validator = new RecognitionValidator(GAME_THEN_OLD_NEW, p, stimuli);
        assertEquals(List.of(), validator.validate(list));
        List<PhaseTrial> trials = list.trials();
        PhaseTrial filler = trials.stream().filter(t -> t.kind() == Kind.FILLER && t.imageId().startsWith("f"))
                .findFirst().orElseThrow();
        int foilAt = indexOf(trials, Kind.FOIL);
        // a "new" image that the game showed as a filler
        assertRules(validator, replace(trials, foilAt, new PhaseTrial(foilAt, 2, filler.imageId(), Kind.FOIL, 2,
                foilAt - filler.trialIndex(), null, null, null, null)), "foil");
        // a filler tested as if it were a game target
        int targetAt = indexOf(trials, Kind.TARGET, 2);
        assertRules(validator, replace(trials, targetAt, new PhaseTrial(targetAt, 2, filler.imageId(), Kind.TARGET, 2,
                targetAt - filler.trialIndex(), null, null, null, null)), "target");
        // a game that shows a target only once
        PhaseTrial repeat = trials.stream().filter(t -> t.phase() == 1 && t.kind() == Kind.TARGET
                && t.presentation() == 2).findFirst().orElseThrow();
        List<PhaseTrial> broken = replace(trials, repeat.trialIndex(), new PhaseTrial(repeat.trialIndex(), 1,
                "f060", Kind.FILLER, 1, null, null, null, null, null));
        List<Violation> violations = validator.validate(new PhaseList(1, broken));
        assertTrue(violations.stream().anyMatch(v -> v.message().contains("the game: sequence 1")),
                violations.toString());
    }

    private static int indexOf(List<PhaseTrial> trials, Kind kind) {
        return indexOf(trials, kind, 2);
    }

    private static int indexOf(List<PhaseTrial> trials, Kind kind, int phase) {
        return trials.stream().filter(t -> t.phase() == phase && t.kind() == kind).findFirst().orElseThrow()
                .trialIndex();
    }

    private static List<PhaseTrial> replace(List<PhaseTrial> trials, int index, PhaseTrial trial) {
        List<PhaseTrial> copy = new ArrayList<>(trials);
        copy.set(index, trial);
        return copy;
    }

    private static void assertRules(RecognitionValidator validator, List<PhaseTrial> trials, String rule) {
        List<Violation> violations = validator.validate(new PhaseList(1, trials));
        assertNotNull(violations);
        assertTrue(violations.stream().anyMatch(v -> v.constraint().equals(rule)), rule + " not in " + violations);
    }
}
