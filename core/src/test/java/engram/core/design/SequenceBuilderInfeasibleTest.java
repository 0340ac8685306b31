package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SequenceBuilderInfeasibleTest {

    private static List<String> reasons(DesignParameters design, List<Stimulus> stimuli) {
        DesignInfeasibleException thrown = assertThrows(DesignInfeasibleException.class,
                () -> SequenceBuilder.of(design).build(stimuli));
        return thrown.reasons();
    }

    @Test
    void tooFewPairsForTheRepeats() {
        assertEquals(List.of("repeats: 40 repeated targets per sequence need 40 pairs (one member each), but the "
                        + "manifest has 12 pairs with one 'high' and one 'low' member"),
                reasons(DesignParameters.withDefaults(), Fixtures.pairsAndFoils(12, 500)));
    }

    @Test
    void repeatsAndVigilanceLongerThanTheSequence() {
        List<String> reasons = reasons(DesignParameters.withDefaults().withVigilanceRepeats(36),
                Fixtures.pairsAndFoils(200, 300));
        assertEquals(List.of("length: 40×2 target + 36×2 vigilance positions = 152 exceed the length of 150 "
                + "positions"), reasons);
    }

    @Test
    void minLagLeavesNoRoom() {
        List<String> reasons = reasons(DesignParameters.withDefaults().withLength(40).withRepeats(15),
                Fixtures.pairsAndFoils(50, 50));
        assertEquals(List.of("lag: minLag 30 with length 40 leaves no room for 15 repeats (at most 10 fit)"),
                reasons);
    }

    @Test
    void minLagAboveMaxLag() {
        assertEquals(List.of("lag: minLag 30 is larger than maxLag 20"),
                reasons(DesignParameters.withDefaults().withMaxLag(20), Fixtures.STUDY_STIMULI));
    }

    @Test
    void minLagBeyondTheSequence() {
        assertEquals(List.of("lag: minLag 150 is larger than the longest possible lag 149 in 150 positions"),
                reasons(DesignParameters.withDefaults().withMinLag(150), Fixtures.STUDY_STIMULI));
    }

    @Test
    void vigilanceWindowEmpty() {
        assertEquals(List.of("vigilance lag: minLag 8 is larger than maxLag 7"),
                reasons(Fixtures.DEMO.withVigilanceMinLag(8), Fixtures.DEMO_STIMULI));
    }

    @Test
    void tooFewFillers() {
        List<String> reasons = reasons(DesignParameters.withDefaults(), Fixtures.pairsAndFoils(40, 30));
        assertEquals(List.of("fillers: 150 positions need 40×2 target + 0×2 vigilance + 70 filler positions, i.e. "
                + "70 distinct filler and vigilance images per sequence, but only 30 are available (one image "
                + "from each pair or unpaired image in a condition of [foil, high, low], leaving out the 40 pairs "
                + "used as targets)"), reasons);
    }

    @Test
    void tooFewFillersWithoutRepeatingThem() {
        List<String> reasons = reasons(Fixtures.DEMO.withAllowRepeatedFillers(false).withSequences(5),
                Fixtures.DEMO_STIMULI);
        assertEquals(List.of("fillers: allowRepeatedFillers is false, so 5 sequences × 12 filler and vigilance "
                + "images need 60 distinct images, but only 48 images are eligible"), reasons);
    }

    @Test
    void placementFailureNamesTheBindingConstraint() {
        // Lag exactly 3 in 8 positions: 0-3, 1-4, 2-5 leave 6 and 7 without partners, so 4 repeats cannot fit
        // although the counting bound (min(8/2, 8-3) = 4) allows them.
        DesignParameters design = DesignParameters.withDefaults().withSequences(1).withLength(8).withRepeats(4)
                .withLag(3, 3);
        List<String> reasons = reasons(design, Fixtures.pairsAndFoils(4, 0));
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).startsWith("placement: sequence 1: no arrangement of 4 target repeats (lag 3..3) "
                + "and 0 vigilance repeats (lag 1..7) in 8 positions was found in 200 random attempts"),
                reasons.get(0));
        assertTrue(reasons.get(0).endsWith("the binding constraint is the target lag window 3..3 for 4 repeats in "
                + "8 positions"), reasons.get(0));
    }

    @Test
    void vigilanceThatFitsAloneButNotWithTheTargets() {
        // 4 targets at lag exactly 4 plus 1 vigilance repeat at lag exactly 3 would fill all 10 positions;
        // each kind fits alone, but no arrangement of both exists (checked by exhaustive search in Python).
        DesignParameters design = DesignParameters.withDefaults().withSequences(1).withLength(9).withRepeats(4)
                .withLag(4, 4).withVigilanceRepeats(0);
        assertEquals(1, SequenceBuilder.of(design).build(Fixtures.pairsAndFoils(4, 1)).size());
        List<String> reasons = reasons(design.withLength(10).withVigilanceRepeats(1).withVigilanceLag(3, 3),
                Fixtures.pairsAndFoils(4, 1));
        assertTrue(reasons.get(0).endsWith("the targets and the vigilance repeats fit separately but not together; "
                + "shorten the lags, add positions or drop repeats"), reasons.get(0));
    }

    @Test
    void conditionProblems() {
        List<String> reasons = reasons(DesignParameters.withDefaults().withTargetConditions(List.of("high", "low",
                "mid")).withFillerConditions(List.of("foil", "low")), Fixtures.STUDY_STIMULI);
        assertTrue(reasons.contains("conditions: targetConditions must name exactly 2 conditions, one for each "
                + "member of a pair, but it is [high, low, mid]"), reasons.toString());
        assertTrue(reasons.contains("conditions: 'low' is both a target and a filler condition"), reasons.toString());
    }

    @Test
    void reportsEveryReasonAtOnce() {
        List<String> reasons = reasons(DesignParameters.withDefaults().withLength(40).withRepeats(15),
                Fixtures.pairsAndFoils(10, 0));
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("lag: "));
        assertTrue(reasons.get(1).startsWith("repeats: "));
        assertTrue(reasons.get(2).startsWith("fillers: "));
    }

    @Test
    void isAnIllegalArgumentException() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SequenceBuilder.of(DesignParameters.withDefaults()).build(Fixtures.pairsAndFoils(12, 500)));
        assertTrue(thrown.getMessage().startsWith("design infeasible: repeats: 40 repeated targets"));
    }

    @Test
    void malformedStimuliAreRejected() {
        List<Stimulus> duplicate = new ArrayList<>(Fixtures.DEMO_STIMULI);
        duplicate.add(new Stimulus("f001", null, "foil", "scene"));
        assertEquals("stimuli: image 'f001' is listed twice", assertThrows(IllegalArgumentException.class,
                () -> SequenceBuilder.of(Fixtures.DEMO).build(duplicate)).getMessage());
        List<Stimulus> triple = new ArrayList<>(Fixtures.DEMO_STIMULI);
        triple.add(new Stimulus("p001_extra", "p001", "foil", "scene"));
        assertEquals("stimuli: pair 'p001' has 3 members; a pair needs exactly 2",
                assertThrows(IllegalArgumentException.class,
                        () -> SequenceBuilder.of(Fixtures.DEMO).build(triple)).getMessage());
        List<Stimulus> same = new ArrayList<>(Fixtures.pairsAndFoils(11, 24));
        same.add(new Stimulus("x_high", "x", "high", "scene"));
        same.add(new Stimulus("x_high2", "x", "high", "scene"));
        assertEquals("stimuli: both members of pair 'x' have condition 'high'",
                assertThrows(IllegalArgumentException.class,
                        () -> SequenceBuilder.of(Fixtures.DEMO).build(same)).getMessage());
    }
}
