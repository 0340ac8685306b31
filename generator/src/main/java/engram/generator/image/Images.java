package engram.generator.image;

import engram.generator.StimulusException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading, writing and resampling RGB images. */
public final class Images {
    private Images() {
    }

    /** Reads an image file as RGB; a corrupt or unsupported file raises an error naming it. */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StimulusException("image " + file + ": file not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new StimulusException("image " + file + ": corrupt or unreadable image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new StimulusException("image " + file + ": unsupported or corrupt image format (readable: PNG, JPEG, BMP, GIF)");
        }
        if (image.getWidth() < 2 || image.getHeight() < 2) {
            throw new StimulusException("image " + file + ": too small (" + image.getWidth() + "×" + image.getHeight() + ")");
        }
        return toRgb(image);
    }

    /** Copies any image into TYPE_INT_RGB. */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** PNG bytes (the JDK writer; no timestamps, so equal pixels give equal bytes). */
    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bilinear resize (Java2D, which is deterministic on the CPU). */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** A sub-image copy. */
    public static BufferedImage crop(BufferedImage image, int x, int y, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, width, height, x, y, x + width, y + height, null);
        g.dispose();
        return out;
    }

    /** Mirror image (left-right). */
    public static BufferedImage mirror(BufferedImage image) {
        int w = image.getWidth();
        BufferedImage out = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    /**
     * Converts one image of a generator's output (flat batch array, NCHW or NHWC) to RGB pixels:
     * byte = round(255 · (v − min) / (max − min)), clamped to 0..255.
     */
    public static BufferedImage fromTensor(float[] data, int index, int channels, int height, int width,
                                           boolean nhwc, boolean bgr, double min, double max) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        int offset = index * channels * plane;
        double scale = 255.0 / (max - min);
        int[] rgb = new int[plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int[] c = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    int source = channels == 1 ? 0 : (bgr ? 2 - ch : ch);
                    float v = nhwc ? data[offset + p * channels + source] : data[offset + source * plane + p];
                    long b = Math.round((v - min) * scale);
                    c[ch] = (int) Math.max(0, Math.min(255, b));
                }
                rgb[p] = (c[0] << 16) | (c[1] << 8) | c[2];
            }
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }
}
