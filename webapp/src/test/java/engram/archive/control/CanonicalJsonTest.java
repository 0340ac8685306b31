package engram.archive.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The canonical form of docs/archive-format.md. The expected texts and the hash were produced independently with
 * Python 3: {@code json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} and hashlib.sha256.
 */
class CanonicalJsonTest {

    @Test
    void keysAreSortedThereIsNoWhitespaceAndOnlyQuotesBackslashesAndControlsAreEscaped() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1, -2L, true, false));
        value.put("a", Arrays.asList("é \"q\" \\ \n\t\u0001 /", null));
        value.put("B", Map.of());
        assertEquals("{\"B\":{},\"a\":[\"é \\\"q\\\" \\\\ \\n\\t\\u0001 /\",null],\"z\":[1,-2,true,false]}", CanonicalJson.write(value));
        assertEquals("2450ccb2eb42e0b623cc458044e26957d49886f4ad3e001b02e682f4376a7f0c", CanonicalJson.sha256(CanonicalJson.bytes(value)));
    }

    @Test
    void decimalsArePlainShortestStrings() {
        assertEquals("0.6", CanonicalJson.decimal(0.6));
        assertEquals("57", CanonicalJson.decimal(57.0));
        assertEquals("0", CanonicalJson.decimal(-0.0));
        assertEquals("0.000125", CanonicalJson.decimal(1.25e-4));
        assertEquals("12000000", CanonicalJson.decimal(1.2e7));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.decimal(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("x", 0.5)));
    }
}
