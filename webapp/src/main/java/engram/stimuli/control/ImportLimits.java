package engram.stimuli.control;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How large a stimulus set may be. A set over a limit is refused before any image is decoded or stored, with the
 * limit and its setting named. Each limit is a MicroProfile setting (or environment variable, e.g.
 * {@code ENGRAM_STIMULI_MAX_IMAGES}):
 * <ul>
 * <li>{@code engram.stimuli.max-images}: rows of the manifest, default {@value #DEFAULT_MAX_IMAGES};</li>
 * <li>{@code engram.stimuli.max-total-bytes}: bytes of all distinct images together, default 2 GiB (they stream to the
 * database, so this bounds disk, not heap);</li>
 * <li>{@code engram.stimuli.max-image-bytes}: bytes of one image, which is held whole while it is checked and stored:
 * default a sixteenth of the heap ({@code -Xmx}), at least 4 MiB and at most 20 MiB;</li>
 * <li>{@code engram.stimuli.max-pixels}: pixels of one image (read from its header), default 40,000,000. Images are
 * decoded subsampled, so this bounds decoding time and the participant's browser, not the server's heap.</li>
 * </ul>
 * Images are written to the database in transactions of about {@code batchBytes} (a sixty-fourth of the heap, 2–16 MiB).
 */
public record ImportLimits(int maxImages, long maxTotalBytes, int maxImageBytes, long maxPixels, long batchBytes) {

    public static final int DEFAULT_MAX_IMAGES = 20_000;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    static final long MIB = 1024 * 1024;

    public ImportLimits {
        if (maxImages < 1 || maxTotalBytes < 1 || maxImageBytes < 1 || maxPixels < 1 || batchBytes < 1) {
            throw new IllegalArgumentException("stimulus import limits must be positive: " + maxImages + ", " + maxTotalBytes + ", "
                    + maxImageBytes + ", " + maxPixels + ", " + batchBytes);
        }
        if (maxImageBytes > ImageCheck.MAX_BYTES) {
            throw new IllegalArgumentException("engram.stimuli.max-image-bytes is " + maxImageBytes + "; it can be at most " + ImageCheck.MAX_BYTES + " (20 MiB)");
        }
    }

    /** The defaults for a heap of {@code maxHeapBytes} (Runtime.maxMemory()). */
    public static ImportLimits defaultsFor(long maxHeapBytes) {
        int imageBytes = (int) clamp(maxHeapBytes / 16, 4 * MIB, 20 * MIB);
        long batch = clamp(maxHeapBytes / 64, 2 * MIB, 16 * MIB);
        return new ImportLimits(DEFAULT_MAX_IMAGES, DEFAULT_MAX_TOTAL_BYTES, imageBytes, DEFAULT_MAX_PIXELS, batch);
    }

    /** The configured limits, defaults sized against this JVM's heap. */
    public static ImportLimits fromConfig() {
        ImportLimits d = defaultsFor(Runtime.getRuntime().maxMemory());
        Config config = ConfigProvider.getConfig();
        return new ImportLimits(
                config.getOptionalValue("engram.stimuli.max-images", Integer.class).orElse(d.maxImages()),
                config.getOptionalValue("engram.stimuli.max-total-bytes", Long.class).orElse(d.maxTotalBytes()),
                config.getOptionalValue("engram.stimuli.max-image-bytes", Integer.class).orElse(d.maxImageBytes()),
                config.getOptionalValue("engram.stimuli.max-pixels", Long.class).orElse(d.maxPixels()),
                d.batchBytes());
    }

    public ImportLimits withMaxImages(int n) {
        return new ImportLimits(n, maxTotalBytes, maxImageBytes, maxPixels, batchBytes);
    }

    public ImportLimits withMaxTotalBytes(long n) {
        return new ImportLimits(maxImages, n, maxImageBytes, maxPixels, batchBytes);
    }

    public ImportLimits withMaxImageBytes(int n) {
        return new ImportLimits(maxImages, maxTotalBytes, n, maxPixels, batchBytes);
    }

    public ImportLimits withMaxPixels(long n) {
        return new ImportLimits(maxImages, maxTotalBytes, maxImageBytes, n, batchBytes);
    }

    public ImportLimits withBatchBytes(long n) {
        return new ImportLimits(maxImages, maxTotalBytes, maxImageBytes, maxPixels, n);
    }

    /** The limits in a sentence, for the import page. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "at most %,d images and %s in all; each image at most %s and %s", maxImages,
                megabytes(maxTotalBytes), megabytes(maxImageBytes), ImageCheck.pixels(maxPixels));
    }

    /** A byte count for people: "140.3 MiB", "2 GiB". */
    static String megabytes(long bytes) {
        double value = bytes >= 1024 * MIB ? bytes / (1024.0 * MIB) : bytes / (double) MIB;
        String unit = bytes >= 1024 * MIB ? " GiB" : " MiB";
        String number = String.format(java.util.Locale.ROOT, "%.1f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + unit;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
