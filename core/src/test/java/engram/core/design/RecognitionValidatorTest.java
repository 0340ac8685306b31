package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import org.junit.jupiter.api.Test;

/** Each rule of {@link RecognitionValidator} catches a list broken in that one way. */
class RecognitionValidatorTest {

    private static final List<RecognitionStimulus> SET = RecognitionFixtures.pairsAndFoils(24, 40);
    private static final RecognitionParameters OLD_NEW = RecognitionParameters.withDefaults().withStudyPairs(8)
            .withFoilsPerTest(4);
    private static final RecognitionParameters TWO_AFC = RecognitionParameters.withDefaults().withStudyPairs(8)
            .withFoilsPerTest(2);

    private static List<PhaseList> build(PhasePlan plan, RecognitionParameters p) {
        return RecognitionDesignBuilder.of(p).build(plan, SET);
    }

    /** The trials in a new order (or with trials added or left out), renumbered with presentation and lag redone. */
    private static PhaseList renumber(int listId, List<PhaseTrial> trials) {
        Map<String, Integer> shown = new HashMap<>();
        List<PhaseTrial> out = new ArrayList<>();
        for (PhaseTrial t : trials) {
            int i = out.size();
            Integer earlier = shown.get(t.imageId());
            out.add(new PhaseTrial(i, t.phase(), t.imageId(), t.kind(), earlier == null ? 1 : 2,
                    earlier == null ? null : i - earlier, t.alternativeImageId(), t.targetSide(), t.lureType(),
                    t.condition()));
            shown.put(t.imageId(), i);
            if (t.alternativeImageId() != null) {
                shown.put(t.alternativeImageId(), i);
            }
        }
        return new PhaseList(listId, out);
    }

    private static List<String> rules(PhasePlan plan, RecognitionParameters p, PhaseList list) {
        return new RecognitionValidator(plan, p, SET).validate(list).stream().map(Violation::constraint).distinct()
                .toList();
    }

    private static PhaseList changeOne(PhaseList list, int index, UnaryOperator<PhaseTrial> change) {
        List<PhaseTrial> trials = new ArrayList<>(list.trials());
        trials.set(index, change.apply(trials.get(index)));
        return new PhaseList(list.listId(), trials);
    }

    private static int first(PhaseList list, Kind kind, int phase) {
        for (PhaseTrial t : list.trials()) {
            if (t.kind() == kind && t.phase() == phase) {
                return t.trialIndex();
            }
        }
        throw new AssertionError("no " + kind);
    }

    @Test
    void builtListsAndListsReadBackWithoutManifestFieldsPass() {
        List<PhaseList> lists = build(RecognitionFixtures.TWO_SESSIONS, OLD_NEW);
        RecognitionValidator validator = new RecognitionValidator(RecognitionFixtures.TWO_SESSIONS, OLD_NEW, SET);
        assertEquals(List.of(), validator.validateAll(lists));
        List<PhaseList> bare = lists.stream().map(l -> new PhaseList(l.listId(),
                l.trials().stream().map(PhaseTrial::withoutManifestFields).toList())).toList();
        assertEquals(List.of(), validator.validateAll(bare));
    }

    @Test
    void aLureRightAfterItsTargetIsFound() {
        PhaseList list = build(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW).get(0);
        List<PhaseTrial> trials = new ArrayList<>(list.trials());
        PhaseTrial target = trials.get(first(list, Kind.TARGET, 2));
        PhaseTrial lure = trials.stream().filter(t -> t.kind() == Kind.LURE && SET.stream().anyMatch(s ->
                s.imageId().equals(t.imageId()) && s.pairId().equals(target.imageId().substring(0, 4)))).findFirst()
                .orElseThrow();
        trials.remove(lure);
        trials.add(trials.indexOf(target) + 1, lure);
        List<String> found = rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW.withMaxConditionRun(99),
                renumber(1, trials));
        assertEquals(List.of("lure_after_target"), found);
    }

    @Test
    void runsLongerThanTheRuleAreFound() {
        PhaseList list = build(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW).get(0);
        assertEquals(List.of("condition_run"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW.withMaxConditionRun(1),
                list));
    }

    @Test
    void unbalancedSidesAreFound() {
        PhaseList list = build(RecognitionFixtures.STUDY_BREAK_2AFC, TWO_AFC).get(0);
        int index = first(list, Kind.LURE, 3);
        PhaseList flipped = changeOne(list, index, t -> new PhaseTrial(t.trialIndex(), t.phase(), t.imageId(),
                t.kind(), t.presentation(), t.lag(), t.alternativeImageId(), t.targetSide().other(), t.lureType(),
                t.condition()));
        assertEquals(List.of("sides"), rules(RecognitionFixtures.STUDY_BREAK_2AFC, TWO_AFC, flipped));
    }

    @Test
    void wrongIndicesPresentationsAndLagsAreFound() {
        PhaseList list = build(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW).get(0);
        int target = first(list, Kind.TARGET, 2);
        assertEquals(List.of("lag"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, target,
                t -> new PhaseTrial(t.trialIndex(), t.phase(), t.imageId(), t.kind(), 2, t.lag() - 1, null, null,
                        t.lureType(), t.condition()))));
        assertEquals(List.of("presentation"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list,
                target, t -> new PhaseTrial(t.trialIndex(), t.phase(), t.imageId(), t.kind(), 1, null, null, null,
                        t.lureType(), t.condition()))));
        assertEquals(List.of("trial_index"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, 0,
                t -> new PhaseTrial(1, t.phase(), t.imageId(), t.kind(), 1, null, null, null, null,
                        t.condition()))));
    }

    @Test
    void wrongRolesAreFound() {
        PhaseList list = build(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW).get(0);
        int foil = first(list, Kind.FOIL, 2);
        String studied = list.trials().get(0).imageId();
        assertTrue(rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, foil, t -> new PhaseTrial(
                t.trialIndex(), 2, studied, Kind.FOIL, 2, t.trialIndex(), null, null, null, null))).contains("foil"));
        int target = first(list, Kind.TARGET, 2);
        assertEquals(List.of("kind"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, target,
                t -> new PhaseTrial(t.trialIndex(), 2, t.imageId(), Kind.STUDY, t.presentation(), t.lag(), null,
                        null, null, t.condition()))));
        assertEquals(List.of("lure_type"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, target,
                t -> new PhaseTrial(t.trialIndex(), 2, t.imageId(), t.kind(), t.presentation(), t.lag(), null,
                        null, "other", t.condition()))));
        assertEquals(List.of("image"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, changeOne(list, foil,
                t -> new PhaseTrial(t.trialIndex(), 2, "nowhere", Kind.FOIL, 1, null, null, null, null, null))));
        List<PhaseTrial> again = new ArrayList<>(list.trials());
        again.add(list.trials().get(target));
        assertEquals(List.of("retest", "count"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW.withMaxConditionRun(
                99), renumber(1, again)));
        List<PhaseTrial> fewer = new ArrayList<>(list.trials());
        fewer.remove(foil);
        assertEquals(List.of("count"), rules(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW.withMaxConditionRun(99),
                renumber(1, fewer)));
        List<String> inABreak = rules(RecognitionFixtures.STUDY_BREAK_2AFC, TWO_AFC, changeOne(
                build(RecognitionFixtures.STUDY_BREAK_2AFC, TWO_AFC).get(0), 0, t -> new PhaseTrial(0, 2,
                        t.imageId(), t.kind(), 1, null, null, null, null, null)));
        assertEquals("phase", inABreak.get(0), "a trial in a break phase (then the test finds its image unstudied): "
                + inABreak);
    }

    @Test
    void acrossListsTheMembersMustBalance() {
        List<PhaseList> lists = build(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW);
        RecognitionValidator validator = new RecognitionValidator(RecognitionFixtures.STUDY_OLD_NEW, OLD_NEW, SET);
        List<Violation> found = validator.validateAll(List.of(lists.get(0), new PhaseList(2,
                lists.get(0).trials())));
        assertEquals(8, found.size());
        assertTrue(found.get(0).message().endsWith("with 2 lists they may differ by at most 0"), found.toString());
        assertEquals(List.of("lists", "list_id"), validator.validateAll(List.of(new PhaseList(2,
                lists.get(0).trials()))).stream().map(Violation::constraint).toList());
    }
}
