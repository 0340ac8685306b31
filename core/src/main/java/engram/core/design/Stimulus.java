package engram.core.design;

import java.util.List;

import engram.core.format.Manifest;
import engram.core.format.ManifestRow;

/** What the sequence builder needs to know about an image; {@code pairId} is null for an unpaired image. */
public record Stimulus(String imageId, String pairId, String condition, String category) {

    public Stimulus {
        if (imageId == null || imageId.isEmpty()) {
            throw new IllegalArgumentException("imageId must not be empty");
        }
        if (condition == null || condition.isEmpty()) {
            throw new IllegalArgumentException("condition of '" + imageId + "' must not be empty");
        }
        if (pairId != null && pairId.isEmpty()) {
            pairId = null;
        }
    }

    public static Stimulus of(ManifestRow row) {
        return new Stimulus(row.imageId(), row.pairId(), row.condition(), row.category());
    }

    public static List<Stimulus> fromManifest(Manifest manifest) {
        return manifest.rows().stream().map(Stimulus::of).toList();
    }

    /** The id of the group an image belongs to: its pair, or the image itself when unpaired. */
    String groupId() {
        return pairId != null ? "pair:" + pairId : "image:" + imageId;
    }
}
