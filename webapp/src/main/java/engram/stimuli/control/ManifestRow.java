package engram.stimuli.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stimulus image of a manifest. {@code pairId} is {@code null} for an unpaired image,
 * {@code predictedMemorability} is {@code null} when the column is absent or empty, and {@code extra}
 * holds the further columns in header order.
 */
public record ManifestRow(String imageId, String file, String pairId, String condition, String category,
                          Double predictedMemorability, Map<String, String> extra) {

    public ManifestRow {
        requireText(imageId, "imageId");
        requireText(file, "file");
        requireText(condition, "condition");
        requireText(category, "category");
        if (pairId != null && pairId.isEmpty()) {
            throw new IllegalArgumentException("pairId must be null or non-empty");
        }
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /** The further columns as a JSON object (as stored in stimulus.extra_columns), or null when there are none. */
    public String extraJson() {
        if (extra.isEmpty()) {
            return null;
        }
        jakarta.json.JsonObjectBuilder json = jakarta.json.Json.createObjectBuilder();
        extra.forEach(json::add);
        return json.build().toString();
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
