package engram.analysis.report;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Draws a VMS map as a heatmap over its image (or over a grey square when the image is not available). */
public final class Heatmaps {
    private static final int SIZE = 320;

    private Heatmaps() {
    }

    /**
     * Separable Gaussian smoothing of a G×G grid (sigma in cells, kernel cut at 3σ, edges renormalised).
     *
     * @return a smoothed copy; the input when sigma is 0
     */
    public static double[] smooth(double[] grid, int g, double sigma) {
        if (sigma <= 0) {
            return grid;
        }
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
        }
        double[] tmp = new double[grid.length];
        double[] out = new double[grid.length];
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < g; c++) {
                double s = 0;
                double w = 0;
                for (int k = -radius; k <= radius; k++) {
                    int cc = c + k;
                    if (cc >= 0 && cc < g) {
                        s += kernel[k + radius] * grid[r * g + cc];
                        w += kernel[k + radius];
                    }
                }
                tmp[r * g + c] = s / w;
            }
        }
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < g; c++) {
                double s = 0;
                double w = 0;
                for (int k = -radius; k <= radius; k++) {
                    int rr = r + k;
                    if (rr >= 0 && rr < g) {
                        s += kernel[k + radius] * tmp[rr * g + c];
                        w += kernel[k + radius];
                    }
                }
                out[r * g + c] = s / w;
            }
        }
        return out;
    }

    /**
     * @param map    G×G values, row-major
     * @param g      G
     * @param image  the stimulus, or empty
     * @return PNG bytes
     */
    public static byte[] png(double[] map, int g, Optional<BufferedImage> image) {
        int width = SIZE;
        int height = SIZE;
        if (image.isPresent()) {
            BufferedImage src = image.get();
            double scale = (double) SIZE / Math.max(src.getWidth(), src.getHeight());
            width = Math.max(1, (int) Math.round(src.getWidth() * scale));
            height = Math.max(1, (int) Math.round(src.getHeight() * scale));
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (image.isPresent()) {
                gr.drawImage(image.get(), 0, 0, width, height, null);
            } else {
                gr.setColor(new Color(160, 160, 160));
                gr.fillRect(0, 0, width, height);
            }
            double max = 0;
            for (double v : map) {
                max = Math.max(max, v);
            }
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    double v = max > 0 ? map[r * g + c] / max : 0;
                    if (v <= 0) {
                        continue;
                    }
                    int x0 = c * width / g;
                    int x1 = (c + 1) * width / g;
                    int y0 = r * height / g;
                    int y1 = (r + 1) * height / g;
                    gr.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.15 + 0.6 * v)));
                    gr.setColor(heat(v));
                    gr.fillRect(x0, y0, x1 - x0, y1 - y0);
                }
            }
        } finally {
            gr.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Color heat(double v) {
        // yellow (low) to red (high)
        return new Color(255, (int) Math.round(220 * (1 - v)), 0);
    }
}
