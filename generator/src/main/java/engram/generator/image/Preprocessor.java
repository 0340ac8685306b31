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
 *
 * <p>A mean image is either crop-sized (3 × H × W) or, as in Caffe and MemNet, the size of the resized image
 * before cropping (3 × resizeTo × resizeTo); the latter is subtracted at each crop's source pixels, before
 * mirroring, as Caffe's data transformer does.
 */
public final class Preprocessor {
    private final ModelCard.Preprocessing p;
    private final int height;
    private final int width;
    private final float[] meanImage;
    private final int meanImageWidth;

    /** A crop of the resized image: its pixels (already mirrored when {@code mirrored}) and where it came from. */
    private record Crop(BufferedImage pixels, int left, int top, boolean mirrored) {
    }

    public Preprocessor(ModelCard card, Path cardFile) {
        this.p = card.preprocessing();
        this.height = p.size().get(0);
        this.width = p.size().get(1);
        this.meanImage = p.meanImage() == null ? null : readMeanImage(cardFile.resolveSibling(p.meanImage()));
        this.meanImageWidth = meanImage == null || meanImage.length == 3 * height * width ? width : p.resizeTo();
        if (meanImageWidth != width && p.resize() != null && !p.resize().equals("stretch")) {
            throw new StimulusException("model card " + cardFile + ": field preprocessing.meanImage: a mean image of the resized size ("
                    + p.resizeTo() + "×" + p.resizeTo() + ") needs resize \"stretch\", not \"" + p.resize() + "\"");
        }
        if (meanImageWidth != width && (p.resizeTo() < height || p.resizeTo() < width)) {
            throw new StimulusException("model card " + cardFile + ": field preprocessing.resizeTo: " + p.resizeTo()
                    + " is smaller than the crop " + height + "×" + width);
        }
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
        for (Crop crop : crops(resized(image))) {
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

    private List<Crop> crops(BufferedImage image) {
        String crop = p.crop() == null ? "none" : p.crop();
        int w = image.getWidth();
        int h = image.getHeight();
        if (crop.equals("none") || w < width || h < height) {
            return List.of(new Crop(Images.resize(image, width, height), 0, 0, false));
        }
        Crop centre = cropAt(image, (w - width) / 2, (h - height) / 2);
        if (crop.equals("center")) {
            return List.of(centre);
        }
        List<Crop> ten = new ArrayList<>(List.of(cropAt(image, 0, 0), cropAt(image, w - width, 0),
                cropAt(image, 0, h - height), cropAt(image, w - width, h - height), centre));
        for (int i = 0; i < 5; i++) {
            Crop unmirrored = ten.get(i);
            ten.add(new Crop(Images.mirror(unmirrored.pixels()), unmirrored.left(), unmirrored.top(), true));
        }
        return ten;
    }

    private Crop cropAt(BufferedImage image, int left, int top) {
        return new Crop(Images.crop(image, left, top, width, height), left, top, false);
    }

    private float[] normalise(Crop crop) {
        BufferedImage image = crop.pixels();
        boolean meanAtSource = meanImage != null && meanImageWidth != width;
        int meanPlane = meanImage == null ? 0 : meanImage.length / 3;
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
                    if (meanAtSource) {
                        int sourceX = crop.left() + (crop.mirrored() ? width - 1 - x : x);
                        v -= meanImage[ch * meanPlane + (crop.top() + y) * meanImageWidth + sourceX];
                    } else if (meanImage != null) {
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
            int cropSized = 3 * height * width;
            boolean cropping = p.crop() != null && !p.crop().equals("none");
            int resizeSized = cropping && p.resizeTo() != null ? 3 * p.resizeTo() * p.resizeTo() : cropSized;
            int expected = bytes.length == resizeSized * 4 ? resizeSized : cropSized;
            if (bytes.length != expected * 4) {
                String sizes = "3×" + height + "×" + width + (resizeSized != cropSized
                        ? " (" + cropSized * 4 + " bytes) or 3×" + p.resizeTo() + "×" + p.resizeTo() + " (" + resizeSized * 4 + " bytes)"
                        : " (" + cropSized * 4 + " bytes)");
                throw new StimulusException("mean image " + file + ": " + bytes.length + " bytes, expected float32 little-endian "
                        + sizes);
            }
            float[] mean = new float[expected];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(mean);
            return mean;
        } catch (IOException e) {
            throw new StimulusException("mean image " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
