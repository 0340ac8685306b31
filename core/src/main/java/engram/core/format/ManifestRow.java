package engram.core.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stimulus image of a manifest (docs/data-formats.md). {@code pairId} is {@code null} for an unpaired image,
 * {@code predictedMemorability} is {@code null} when the column is absent or empty, and {@code extra}
 * holds the further columns in header order. {@link ManifestReader} refuses an empty condition or category; a writer
 * (the generator without a categoriser) may leave them empty.
 */
public record ManifestRow(String imageId, String file, String pairId, String condition, String category,
                          Double predictedMemorability, Map<String, String> extra) {

    public ManifestRow {
        requireText(imageId, "imageId");
        requireText(file, "file");
        if (condition == null || category == null) {
            throw new IllegalArgumentException("condition and category must not be null (empty is allowed)");
        }
        if (pairId != null && pairId.isEmpty()) {
            throw new IllegalArgumentException("pairId must be null or non-empty");
        }
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /**
     * The length in characters of the further columns written as one JSON object ({@code {"name":"value",...}}, in
     * header order, with JSON's escapes: {@code \"}, {@code \\}, {@code \b \t \n \f \r}, and a six-character unicode escape for
     * other control characters), as the webapp stores it; 0 when there are none. The manifest format limits it to
     * {@link ManifestReader#MAX_EXTRA_JSON}.
     */
    public int extraJsonLength() {
        if (extra.isEmpty()) {
            return 0;
        }
        int length = 2 + (extra.size() - 1);
        for (Map.Entry<String, String> e : extra.entrySet()) {
            length += jsonStringLength(e.getKey()) + 1 + jsonStringLength(e.getValue());
        }
        return length;
    }

    private static int jsonStringLength(String text) {
        int length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else {
                length++;
            }
        }
        return length;
    }

    /**
     * @return the pair's lure type from the optional {@code lure_type} column (e.g. {@code perceptual},
     *     {@code semantic}), empty when the column is absent or empty
     */
    public String lureType() {
        String v = extra.get(ManifestReader.LURE_TYPE);
        return v == null ? "" : v.trim();
    }

    /** True when the image belongs to a high/low pair. */
    public boolean paired() {
        return pairId != null;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
