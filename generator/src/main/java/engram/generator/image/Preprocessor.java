package engram.generator.image;

import engram.generator.StimulusException;
import engram.generator.model.ModelCard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns images into model input tensors as a card's {@code preprocessing} says: resize (stretch or shorter
 * side), crop (none, centre, or ten-crop = four corners + centre and their mirror images, as used for MemNet,
 * Khosla et al. 2015), channel order, layout, pixel scale, then (x − mean) / std or x − meanImage.
 */
public final class Preprocessor {
    private final ModelCard.Preprocessing p;
    private final int height;
    private final int width;
    private final float[] meanImage;

    public Preprocessor(ModelCard card, Path cardFile) {
        this.p = card.preprocessing();
        this.height = p.size().get(0);
        this.width = p.size().get(1);
        this.meanImage = p.meanImage() == null ? null : readMeanImage(cardFile.resolveSibling(p.meanImage()));
    }

    /** Number of crops each image produces (1, or 10 for ten-crop). */
    public int cropsPerImage() {
        return "ten-crop".equals(p.crop()) ? 10 : 1;
    }

    /** Values per crop (3 · H · W). */
    public int valuesPerCrop() {
        return 3 * height * width;
    }

    /** The crops of one image, each ready to feed. */
    public List<float[]> tensors(BufferedImage image) {
        List<float[]> out = new ArrayList<>();
        for (BufferedImage crop : crops(resized(image))) {
            out.add(normalise(crop));
        }
        return out;
    }

    private BufferedImage resized(BufferedImage image) {
        String resize = p.resize() == null ? "stretch" : p.resize();
        String crop = p.crop() == null ? "none" : p.crop();
        return switch (resize) {
            case "none" -> image;
            case "shorter-side" -> {
                int target = p.resizeTo() != null ? p.resizeTo() : Math.max(height, width);
                double f = (double) target / Math.min(image.getWidth(), image.getHeight());
                yield Images.resize(image, Math.max(width, (int) Math.round(image.getWidth() * f)),
                        Math.max(height, (int) Math.round(image.getHeight() * f)));
            }
            default -> crop.equals("none")
                    ? Images.resize(image, width, height)
                    : Images.resize(image, p.resizeTo() != null ? p.resizeTo() : width, p.resizeTo() != null ? p.resizeTo() : height);
        };
    }

    private List<BufferedImage> crops(BufferedImage image) {
        String crop = p.crop() == null ? "none" : p.crop();
        int w = image.getWidth();
        int h = image.getHeight();
        if (crop.equals("none")) {
            return List.of(Images.resize(image, width, height));
        }
        if (w < width || h < height) {
            return List.of(Images.resize(image, width, height));
        }
        BufferedImage centre = Images.crop(image, (w - width) / 2, (h - height) / 2, width, height);
        if (crop.equals("center")) {
            return List.of(centre);
        }
        List<BufferedImage> ten = new ArrayList<>(List.of(
                Images.crop(image, 0, 0, width, height),
                Images.crop(image, w - width, 0, width, height),
                Images.crop(image, 0, h - height, width, height),
                Images.crop(image, w - width, h - height, width, height),
                centre));
        for (int i = 0; i < 5; i++) {
            ten.add(Images.mirror(ten.get(i)));
        }
        return ten;
    }

    private float[] normalise(BufferedImage image) {
        boolean bgr = "BGR".equals(p.channelOrder());
        boolean nhwc = "NHWC".equals(p.layout());
        double pixelScale = p.pixelScale() == null ? 1.0 : p.pixelScale();
        float[] out = new float[3 * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int ch = 0; ch < 3; ch++) {
                    int source = bgr ? 2 - ch : ch;
                    double v = c[source] / 255.0 * pixelScale;
                    int chw = ch * plane + y * width + x;
                    if (meanImage != null) {
                        v -= meanImage[chw];
                    } else if (p.mean() != null) {
                        v -= p.mean().get(ch);
                    }
                    if (p.std() != null) {
                        v /= p.std().get(ch);
                    }
                    out[nhwc ? (y * width + x) * 3 + ch : chw] = (float) v;
                }
            }
        }
        return out;
    }

    private float[] readMeanImage(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int expected = 3 * height * width;
            if (bytes.length != expected * 4) {
                throw new StimulusException("mean image " + file + ": " + bytes.length + " bytes, expected " + expected * 4
                        + " (float32 little-endian 3×" + height + "×" + width + ")");
            }
            float[] mean = new float[expected];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(mean);
            return mean;
        } catch (IOException e) {
            throw new StimulusException("mean image " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
