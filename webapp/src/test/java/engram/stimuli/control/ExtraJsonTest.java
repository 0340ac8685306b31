package engram.stimuli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;

import engram.core.format.ManifestRow;
import org.junit.jupiter.api.Test;

/** engram-core's manifest limit counts the further columns' JSON exactly as the webapp stores it (Jakarta JSON-P). */
class ExtraJsonTest {

    @Test
    void coreLengthEqualsTheStoredJsonLength() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("plain", "Ann");
        extra.put("quote \" and \\ backslash", "tab\tnew\nline\rcr\bbs\fff");
        extra.put("control \u0001\u001f", "del \u007f, non-ASCII \u732b \uD83D\uDE00, slash /, \u2028");
        extra.put("empty", "");
        ManifestRow row = new ManifestRow("a", "a.png", null, "foil", "c", null, extra);
        String json = StimulusImporter.extraJson(row);
        assertEquals(json.length(), row.extraJsonLength(), json);
        ManifestRow none = new ManifestRow("a", "a.png", null, "foil", "c", null, Map.of());
        assertNull(StimulusImporter.extraJson(none));
        assertEquals(0, none.extraJsonLength());
    }
}
