package engram.generator.select;

import engram.generator.image.Images;
import java.awt.image.BufferedImage;

/**
 * A model-free perceptual descriptor, used when no feature-extractor card is given. The image is resized to
 * 64×64 and described by two blocks, each centred and scaled to unit length so they weigh equally:
 * (1) colour layout: mean R, G, B of an 8×8 grid (192 values);
 * (2) gradient-orientation histograms: in each of 4×4 cells, central-difference gradient magnitudes summed
 * into 8 unsigned orientation bins (128 values; in the spirit of HOG, Dalal and Triggs 2005).
 */
public final class ImageDescriptor {
    static final int SIDE = 64;

    private ImageDescriptor() {
    }

    /** The 320-value descriptor of an image. */
    public static float[] of(BufferedImage image) {
        BufferedImage small = Images.resize(Images.toRgb(image), SIDE, SIDE);
        double[][] r = new double[SIDE][SIDE];
        double[][] g = new double[SIDE][SIDE];
        double[][] b = new double[SIDE][SIDE];
        double[][] lum = new double[SIDE][SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = small.getRGB(x, y);
                r[y][x] = ((rgb >> 16) & 0xFF) / 255.0;
                g[y][x] = ((rgb >> 8) & 0xFF) / 255.0;
                b[y][x] = (rgb & 0xFF) / 255.0;
                lum[y][x] = 0.299 * r[y][x] + 0.587 * g[y][x] + 0.114 * b[y][x];
            }
        }
        double[] layout = new double[8 * 8 * 3];
        int cell = SIDE / 8;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int c = ((y / cell) * 8 + x / cell) * 3;
                layout[c] += r[y][x];
                layout[c + 1] += g[y][x];
                layout[c + 2] += b[y][x];
            }
        }
        double[] orientation = new double[4 * 4 * 8];
        int hogCell = SIDE / 4;
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                double gx = lum[y][x + 1] - lum[y][x - 1];
                double gy = lum[y + 1][x] - lum[y - 1][x];
                double magnitude = Math.hypot(gx, gy);
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min(7, (int) (angle / Math.PI * 8));
                orientation[((y / hogCell) * 4 + x / hogCell) * 8 + bin] += magnitude;
            }
        }
        float[] out = new float[layout.length + orientation.length];
        copyStandardised(layout, out, 0);
        copyStandardised(orientation, out, layout.length);
        return out;
    }

    private static void copyStandardised(double[] block, float[] out, int offset) {
        double mean = 0;
        for (double v : block) {
            mean += v;
        }
        mean /= block.length;
        double norm = 0;
        for (double v : block) {
            norm += (v - mean) * (v - mean);
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < block.length; i++) {
            out[offset + i] = (float) (norm == 0 ? 0 : (block[i] - mean) / norm);
        }
    }
}
