package engram.generator.image;

import java.awt.image.BufferedImage;

/**
 * A model-free category for images without a classifier: the dominant channel of the mean colour
 * ("warm" when red, "green", "cool" when blue). Used for the demo set.
 */
public final class ColourCategory {
    private ColourCategory() {
    }

    /** The category of one image. */
    public static String of(BufferedImage image) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                g += (rgb >> 8) & 0xFF;
                b += rgb & 0xFF;
            }
        }
        if (r >= g && r >= b) {
            return "warm";
        }
        return g >= b ? "green" : "cool";
    }
}
