package engram.generator.image;

import java.awt.image.BufferedImage;

/**
 * Heatmap images of a G×G map: the map (min..max of its values, or 0..1) bilinearly upsampled and coloured
 * with a blue–cyan–yellow–red ramp, blended 55/45 over the image.
 */
public final class Heatmaps {
    private Heatmaps() {
    }

    /** An overlay of {@code map} (grid×grid, row-major) on {@code image}. */
    public static BufferedImage overlay(BufferedImage image, float[] map, int grid) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            double gy = Math.min(Math.max((y + 0.5) * grid / h - 0.5, 0), grid - 1);
            int y0 = (int) gy;
            int y1 = Math.min(y0 + 1, grid - 1);
            double fy = gy - y0;
            for (int x = 0; x < w; x++) {
                double gx = Math.min(Math.max((x + 0.5) * grid / w - 0.5, 0), grid - 1);
                int x0 = (int) gx;
                int x1 = Math.min(x0 + 1, grid - 1);
                double fx = gx - x0;
                double v = (1 - fy) * ((1 - fx) * map[y0 * grid + x0] + fx * map[y0 * grid + x1])
                        + fy * ((1 - fx) * map[y1 * grid + x0] + fx * map[y1 * grid + x1]);
                int[] c = ramp(Math.max(0, Math.min(1, v)));
                int rgb = image.getRGB(x, y);
                int r = (int) Math.round(0.55 * c[0] + 0.45 * ((rgb >> 16) & 0xFF));
                int g = (int) Math.round(0.55 * c[1] + 0.45 * ((rgb >> 8) & 0xFF));
                int b = (int) Math.round(0.55 * c[2] + 0.45 * (rgb & 0xFF));
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Colour ramp for v in [0, 1]: blue → cyan → yellow → red. */
    static int[] ramp(double v) {
        double[][] stops = {{0, 0, 160}, {0, 200, 220}, {250, 230, 0}, {220, 20, 0}};
        double t = v * (stops.length - 1);
        int i = Math.min((int) t, stops.length - 2);
        double f = t - i;
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (int) Math.round(stops[i][k] + f * (stops[i + 1][k] - stops[i][k]));
        }
        return c;
    }
}
