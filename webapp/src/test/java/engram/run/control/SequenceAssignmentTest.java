package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The least-filled rule with and without a target per sequence (index 0 of the counts is unused). */
class SequenceAssignmentTest {

    @Test
    void theLowestOfTheLeastFilledSequencesIsChosen() {
        assertEquals(2, SequenceAssignment.leastFilled(new long[] {0, 3, 1, 1}));
        assertEquals(1, SequenceAssignment.leastFilled(new long[] {0, 0, 0}));
    }

    @Test
    void aTargetClosesFullSequencesAndFinallyTheStudy() {
        assertEquals(OptionalInt.of(2), SequenceAssignment.leastFilledBelow(new long[] {0, 2, 1}, 2));
        assertEquals(OptionalInt.empty(), SequenceAssignment.leastFilledBelow(new long[] {0, 2, 2}, 2));
        assertEquals(OptionalInt.empty(), SequenceAssignment.leastFilledBelow(new long[] {0, 5, 3}, 2), "over the target (it was lowered)");
        assertEquals(OptionalInt.of(1), SequenceAssignment.leastFilledBelow(new long[] {0, 500, 500}, 0), "0 means no target");
    }
}
