package engram.core.design;

import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class SequenceValidatorTest {

    /** 8 positions: 2 targets at lag 2..5, 1 vigilance repeat at lag 1..2, 2 fillers. */
    private static final DesignParameters SMALL = DesignParameters.withDefaults().withSequences(1).withLength(8)
            .withRepeats(2).withLag(2, 5).withVigilanceRepeats(1).withVigilanceLag(1, 2);
    private static final List<Stimulus> STIMULI = Fixtures.pairsAndFoils(3, 4);

    /**
     * Builds a sequence from "image:kind" items (kind T, F or V); an image seen before becomes presentation 2
     * with its lag.
     */
    private static Sequence sequence(int id, String... items) {
        List<Position> positions = new ArrayList<>();
        Map<String, Integer> first = new TreeMap<>();
        for (int index = 0; index < items.length; index++) {
            String[] parts = items[index].split(":");
            Kind kind = switch (parts[1]) {
                case "T" -> Kind.TARGET;
                case "V" -> Kind.VIGILANCE;
                default -> Kind.FILLER;
            };
            Integer earlier = first.putIfAbsent(parts[0], index);
            positions.add(earlier == null ? Position.first(index, parts[0], kind)
                    : Position.repeat(index, parts[0], kind, index - earlier));
        }
        return new Sequence(id, positions);
    }

    private static Sequence valid() {
        return sequence(1, "p001_high:T", "f001:V", "p002_low:T", "f001:V", "p001_high:T", "f002:F",
                "p002_low:T", "f003:F");
    }

    private static List<String> constraints(Sequence sequence) {
        return new SequenceValidator(SMALL, STIMULI).validate(sequence).stream().map(Violation::constraint).toList();
    }

    @Test
    void validSequenceHasNoViolation() {
        assertEquals(List.of(), new SequenceValidator(SMALL, STIMULI).validate(valid()));
    }

    @Test
    void targetLagOutsideTheWindow() {
        List<Violation> found = new SequenceValidator(SMALL, STIMULI).validate(sequence(1, "p001_high:T",
                "p001_high:T", "f001:V", "f001:V", "p002_low:T", "f002:F", "p002_low:T", "f003:F"));
        assertEquals(1, found.size(), found.toString());
        assertEquals("lag", found.get(0).constraint());
        assertEquals(1, found.get(0).trialIndex());
        assertEquals("sequence 1: target 'p001_high' repeats at lag 1, outside 2..5", found.get(0).message());
    }

    @Test
    void vigilanceLagOutsideTheWindow() {
        assertEquals(List.of("vigilance_lag"), constraints(sequence(1, "f001:V", "p001_high:T", "p002_low:T",
                "f001:V", "p001_high:T", "f002:F", "p002_low:T", "f003:F")));
    }

    @Test
    void bothMembersOfAPair() {
        assertEquals(List.of("pair"), constraints(sequence(1, "p001_high:T", "f001:V", "p002_low:T", "f001:V",
                "p001_high:T", "p002_high:F", "p002_low:T", "f003:F")));
    }

    @Test
    void unbalancedConditions() {
        assertEquals(List.of("balance"), constraints(sequence(1, "p001_high:T", "f001:V", "p002_high:T",
                "f001:V", "p001_high:T", "f002:F", "p002_high:T", "f003:F")));
    }

    @Test
    void foilAsTarget() {
        List<String> found = constraints(sequence(1, "f004:T", "f001:V", "p002_low:T", "f001:V", "f004:T",
                "f002:F", "p002_low:T", "f003:F"));
        assertEquals(List.of("condition"), found);
    }

    @Test
    void unknownImage() {
        assertTrue(constraints(sequence(1, "p001_high:T", "f001:V", "p002_low:T", "f001:V", "p001_high:T",
                "nope:F", "p002_low:T", "f003:F")).contains("image"));
    }

    @Test
    void imageShownTwiceWithoutBeingItsRepeat() {
        List<Position> positions = new ArrayList<>(valid().positions());
        positions.set(7, Position.first(7, "f002", Kind.FILLER));
        assertEquals(List.of("repeat"), constraints(new Sequence(1, positions)));
    }

    @Test
    void targetNeverRepeated() {
        List<String> found = constraints(sequence(1, "p001_high:T", "f001:V", "p002_low:T", "f001:V",
                "p003_low:F", "f002:F", "p002_low:T", "f003:F"));
        assertEquals(List.of("repeat", "fillers"), found); // p001_high shown once; 3 single showings, not 2
    }

    @Test
    void wrongCountsAndLength() {
        List<String> found = constraints(sequence(1, "p001_high:T", "f001:V", "p002_low:T", "f001:V",
                "p001_high:T", "f002:F", "p002_low:T", "f003:F", "f004:F"));
        assertEquals(List.of("length", "fillers"), found);
    }

    @Test
    void trialIndexOutOfOrder() {
        List<Position> positions = new ArrayList<>(valid().positions());
        positions.set(7, Position.first(9, "f003", Kind.FILLER));
        assertEquals(List.of("trial_index"), constraints(new Sequence(1, positions)));
    }

    @Test
    void recordedLagDisagreesWithPositions() {
        List<Position> positions = new ArrayList<>(valid().positions());
        positions.set(4, Position.repeat(4, "p001_high", Kind.TARGET, 3));
        assertEquals(List.of("lag"), constraints(new Sequence(1, positions)));
    }

    @Test
    void memberImbalanceAcrossSequences() {
        DesignParameters three = SMALL.withSequences(3);
        List<Sequence> sequences = List.of(valid(), renumber(valid(), 2), renumber(valid(), 3));
        List<Violation> found = new SequenceValidator(three, STIMULI).validateAll(sequences);
        assertEquals(2, found.size(), found.toString());
        assertEquals("pair_balance", found.get(0).constraint());
        assertEquals("pair 'p001': 'p001_high' is a target in 3 sequences and 'p001_low' in 0; they may differ by "
                + "at most 1", found.get(0).message());
    }

    @Test
    void fillerReusedWhenNotAllowed() {
        DesignParameters two = SMALL.withSequences(2).withAllowRepeatedFillers(false);
        Sequence second = sequence(2, "p001_low:T", "f004:V", "p002_high:T", "f004:V", "p001_low:T", "f002:F",
                "p002_high:T", "p003_high:F");
        List<Violation> found = new SequenceValidator(two, STIMULI).validateAll(List.of(valid(), second));
        assertEquals(List.of("filler_reuse"), found.stream().map(Violation::constraint).toList());
        assertEquals("image 'f002' is a filler or vigilance image in sequences [1, 2] but allowRepeatedFillers is "
                + "false", found.get(0).message());
        assertEquals(List.of(), new SequenceValidator(two.withAllowRepeatedFillers(true), STIMULI)
                .validateAll(List.of(valid(), second)));
    }

    @Test
    void sequenceCountAndIds() {
        List<String> found = new SequenceValidator(SMALL.withSequences(2), STIMULI)
                .validateAll(List.of(renumber(valid(), 2))).stream().map(Violation::constraint).toList();
        assertEquals(List.of("sequences", "sequence_id"), found);
    }

    private static Sequence renumber(Sequence sequence, int id) {
        return new Sequence(id, sequence.positions());
    }
}
