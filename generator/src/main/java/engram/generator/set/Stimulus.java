package engram.generator.set;

import engram.core.format.ManifestRow;

import java.util.Map;

/**
 * One image of a stimulus set, ready to write.
 *
 * @param row   its manifest row
 * @param bytes the image file's bytes (PNG for generated images, the original bytes for selected ones)
 * @param extraFiles further files to write (relative path → bytes), e.g. a heatmap
 */
public record Stimulus(ManifestRow row, byte[] bytes, Map<String, byte[]> extraFiles) {
    public Stimulus {
        extraFiles = extraFiles == null ? Map.of() : extraFiles;
    }
}
