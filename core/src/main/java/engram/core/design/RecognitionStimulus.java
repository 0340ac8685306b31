package engram.core.design;

import java.util.List;

import engram.core.format.Manifest;
import engram.core.format.ManifestReader;
import engram.core.format.ManifestRow;

/**
 * What the recognition design builder needs to know about an image: its pair (null when unpaired: a possible foil),
 * its condition and the pair's {@code lure_type} (null when the manifest has none).
 */
public record RecognitionStimulus(String imageId, String pairId, String condition, String lureType) {

    public RecognitionStimulus {
        if (imageId == null || imageId.isEmpty()) {
            throw new IllegalArgumentException("imageId must not be empty");
        }
        if (condition == null || condition.isEmpty()) {
            throw new IllegalArgumentException("condition of '" + imageId + "' must not be empty");
        }
        if (pairId != null && pairId.isEmpty()) {
            pairId = null;
        }
        if (lureType != null && lureType.isBlank()) {
            lureType = null;
        }
    }

    public static RecognitionStimulus of(ManifestRow row) {
        return new RecognitionStimulus(row.imageId(), row.pairId(), row.condition(),
                row.extra().get(ManifestReader.LURE_TYPE) == null ? null
                        : row.extra().get(ManifestReader.LURE_TYPE).trim());
    }

    public static List<RecognitionStimulus> fromManifest(Manifest manifest) {
        return manifest.rows().stream().map(RecognitionStimulus::of).toList();
    }
}
