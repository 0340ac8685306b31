package engram.analysis.io;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** Finds a stimulus image by the manifest's file column. */
@FunctionalInterface
public interface ImageSource {
    /** An image source that has no images. */
    ImageSource NONE = file -> Optional.empty();

    /**
     * @param file the manifest's file value
     * @return the decoded image, empty when it is not available or cannot be decoded
     */
    Optional<BufferedImage> load(String file);
}
