package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DesignParametersTest {

    @Test
    void defaultsReproduceTheModelStudy() {
        DesignParameters p = DesignParameters.withDefaults();
        assertEquals(10, p.sequences());
        assertEquals(150, p.length());
        assertEquals(40, p.repeats());
        assertEquals(30, p.minLag());
        assertEquals(149, p.effectiveMaxLag());
        assertEquals(0, p.vigilanceRepeats());
        assertEquals(1, p.vigilanceMinLag());
        assertEquals(7, p.vigilanceMaxLag());
        assertEquals(List.of("high", "low"), p.targetConditions());
        assertEquals(List.of("foil"), p.fillerConditions());
        assertEquals(true, p.allowRepeatedFillers());
        assertEquals(1L, p.seed());
        assertEquals(70, p.fillersPerSequence());
    }

    @Test
    void withersChangeOneField() {
        DesignParameters p = DesignParameters.withDefaults().withSequences(2).withLength(30).withRepeats(8)
                .withLag(4, 12).withVigilanceRepeats(2).withVigilanceLag(2, 5).withSeed(9)
                .withAllowRepeatedFillers(false).withTargetConditions(List.of("a", "b"))
                .withFillerConditions(List.of("c"));
        assertEquals(new DesignParameters(2, 30, 8, 4, 12, 2, 2, 5, List.of("a", "b"), List.of("c"), false, 9), p);
        assertEquals(10, p.fillersPerSequence());
    }

    @Test
    void unboundedMaxLagFollowsTheLength() {
        assertEquals(39, DesignParameters.withDefaults().withLength(40).effectiveMaxLag());
        assertEquals(20, DesignParameters.withDefaults().withMaxLag(20).effectiveMaxLag());
    }

    @Test
    void rejectsNonsense() {
        DesignParameters p = DesignParameters.withDefaults();
        assertEquals("sequences must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> p.withSequences(0)).getMessage());
        assertEquals("minLag must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> p.withMinLag(0)).getMessage());
        assertEquals("repeats must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> p.withRepeats(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withTargetConditions(Arrays.asList("high", null)));
        assertEquals("fillerConditions lists a condition twice: [foil, foil]",
                assertThrows(IllegalArgumentException.class,
                        () -> p.withFillerConditions(List.of("foil", "foil"))).getMessage());
    }
}
