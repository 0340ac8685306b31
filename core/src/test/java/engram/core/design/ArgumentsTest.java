package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shared checks keep each record's own words: conditions in a design, names in a recognition design. */
class ArgumentsTest {

    private static String refused(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    void designParametersNameConditions() {
        DesignParameters p = DesignParameters.withDefaults();
        assertEquals("targetConditions must not be null", refused(() -> p.withTargetConditions(null)));
        assertEquals("targetConditions must not contain an empty condition",
                refused(() -> p.withTargetConditions(List.of("high", " "))));
        assertEquals("fillerConditions must not contain an empty condition",
                refused(() -> p.withFillerConditions(Arrays.asList("foil", null))));
        assertEquals("vigilanceMaxLag must be >= 1, was 0", refused(() -> p.withVigilanceMaxLag(0)));
    }

    @Test
    void recognitionParametersNameNames() {
        RecognitionParameters p = RecognitionParameters.withDefaults();
        assertEquals("pairConditions must not be null", refused(() -> p.withPairConditions(null)));
        assertEquals("pairConditions must not contain an empty name",
                refused(() -> p.withPairConditions(List.of("high", ""))));
        assertEquals("pairConditions lists a name twice: [high, high]",
                refused(() -> p.withPairConditions(List.of("high", "high"))));
        assertEquals("lureTypes must not contain an empty name", refused(() -> p.withLureTypes(List.of(" "))));
        assertEquals(List.of(), p.withLureTypes(null).lureTypes());
    }

    @Test
    void theCheckedListIsAnImmutableCopy() {
        List<String> values = new ArrayList<>(List.of("a", "b"));
        List<String> copy = Arguments.distinct(values, "x", "name");
        values.add("c");
        assertEquals(List.of("a", "b"), copy);
        assertThrows(UnsupportedOperationException.class, () -> copy.add("d"));
    }
}
