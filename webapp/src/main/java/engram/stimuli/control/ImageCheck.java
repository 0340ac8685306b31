package engram.stimuli.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks one stimulus image before it is stored: at most {@link #MAX_BYTES} bytes, a PNG, JPEG or GIF whose content
 * matches its extension, at most {@link #MAX_PIXELS} pixels (read from the header before decoding), and decodable.
 * Every pixel is decoded, but only about {@link #KEPT_PIXELS} of them are kept (source subsampling), so the heap a
 * check needs does not grow with the image's size.
 */
public final class ImageCheck {

    public static final int MAX_BYTES = 20 * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    static final long KEPT_PIXELS = 1L << 20;

    /** Width and height of a checked image. */
    public record Size(int width, int height) {
    }

    private ImageCheck() {
    }

    /** The content type for the file name's extension, or an IllegalArgumentException naming the file. */
    public static String contentType(String fileName) {
        return switch (StimulusCatalog.extensionOf(fileName)) {
            case "png" -> "image/png";
            case "jpg" -> "image/jpeg";
            case "gif" -> "image/gif";
            default -> throw new IllegalArgumentException("'" + fileName + "' is not a PNG, JPEG or GIF file");
        };
    }

    public static Size check(byte[] bytes, String fileName) {
        return check(bytes, fileName, MAX_BYTES, MAX_PIXELS);
    }

    /** Checks with the given limits; the messages name the settings that raise them. */
    public static Size check(byte[] bytes, String fileName, int maxBytes, long maxPixels) {
        String type = contentType(fileName);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("'" + fileName + "' has " + bytes.length + " bytes; at most " + maxBytes
                    + " bytes per image are allowed (setting engram.stimuli.max-image-bytes, at most " + MAX_BYTES + ")");
        }
        if (!magicMatches(bytes, type)) {
            throw new IllegalArgumentException("'" + fileName + "' does not start like a " + typeName(type) + " file; its bytes are not the image its name says");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("'" + fileName + "' could not be decoded as an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new IllegalArgumentException("'" + fileName + "' is " + width + " x " + height + " pixels; at most " + pixels(maxPixels)
                            + " per image are allowed (setting engram.stimuli.max-pixels)");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) width * height / KEPT_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                if (reader.read(0, param) == null) {
                    throw new IllegalArgumentException("'" + fileName + "' could not be decoded as an image");
                }
                return new Size(width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null && known.getMessage().startsWith("'" + fileName)) {
                throw known;
            }
            throw new IllegalArgumentException("'" + fileName + "' could not be decoded as an image (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** "40 megapixels" for whole millions, else "9801 pixels". */
    static String pixels(long count) {
        return count % 1_000_000 == 0 ? count / 1_000_000 + " megapixels" : count + " pixels";
    }

    /** "PNG", "JPEG" or "GIF", as people name the formats. */
    static String typeName(String contentType) {
        return contentType.substring("image/".length()).toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean magicMatches(byte[] b, String type) {
        return switch (type) {
            case "image/png" -> b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
            case "image/jpeg" -> b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
            case "image/gif" -> b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
            default -> false;
        };
    }
}
