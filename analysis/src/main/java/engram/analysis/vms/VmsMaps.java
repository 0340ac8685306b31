package engram.analysis.vms;

import engram.analysis.io.Boxes;
import engram.analysis.io.Responses;
import engram.analysis.scores.Scoring.ImageCounts;
import java.util.Arrays;

/**
 * Visual-memory-schema maps (Akagunduz, Bulling and Witkin 2020): per image a G×G grid, row-major, row 0 at the top.
 *
 * <p>For each responding trial the participant's boxes form one union mask; each cell adds the fraction of its area
 * that the mask covers (exact rectangle geometry). The true map sums over hits and is divided by the image's number of
 * repeat showings; the false map sums over false alarms and is divided by its number of first showings. Vigilance
 * trials and excluded participants do not count. Intensity = mean over cells (NaN when the divisor is 0).
 */
public final class VmsMaps {
    private final int grid;
    private final double[] trueMaps;
    private final double[] falseMaps;
    private final double[] trueIntensity;
    private final double[] falseIntensity;
    private final HitCoverage hitCoverage;

    private VmsMaps(int grid, double[] trueMaps, double[] falseMaps, double[] trueIntensity, double[] falseIntensity,
                    HitCoverage hitCoverage) {
        this.grid = grid;
        this.trueMaps = trueMaps;
        this.falseMaps = falseMaps;
        this.trueIntensity = trueIntensity;
        this.falseIntensity = falseIntensity;
        this.hitCoverage = hitCoverage;
    }

    /**
     * Sparse cell coverage of every hit trial that has boxes, grouped by participant: participant p's trials are
     * {@code trialOffsets[p] .. trialOffsets[p+1]−1}; trial t shows {@code image[t]} and covers cells
     * {@code cell[cellOffsets[t] .. cellOffsets[t+1]−1]} by {@code value[...]}.
     */
    public record HitCoverage(int[] trialOffsets, int[] image, int[] cellOffsets, int[] cell, float[] value) {
    }

    /**
     * Builds the maps.
     *
     * @param r        the trials
     * @param b        the boxes, sorted by responses row
     * @param counts   image outcome counts over included participants (the divisors)
     * @param included which participants count
     * @param images   number of images
     * @param grid     G
     */
    public static VmsMaps compute(Responses r, Boxes b, ImageCounts counts, boolean[] included, int images, int grid) {
        int cells = grid * grid;
        double[] trueMaps = new double[images * cells];
        double[] falseMaps = new double[images * cells];
        int[] boxStartOfRow = firstBoxOfRow(r, b);
        int np = r.participants();
        HitCoverageBuilder hits = new HitCoverageBuilder(np);
        BoxUnion union = new BoxUnion();
        double[] cover = new double[cells];
        int[] order = r.byParticipant();
        for (int p = 0; p < np; p++) {
            hits.participant(p);
            if (!included[p]) {
                continue;
            }
            for (int i = r.offset(p); i < r.offset(p + 1); i++) {
                int row = order[i];
                int first = boxStartOfRow[row];
                if (first < 0 || !r.responded(row) || r.kind(row) == Responses.VIGILANCE) {
                    continue;
                }
                int n = union.load(b, first, row);
                if (cover(union.x0, union.y0, union.x1, union.y1, n, grid, cover) == 0) {
                    continue;
                }
                boolean hit = r.presentation(row) == 2;
                int img = r.image(row);
                if (hit) {
                    hits.add(img, cover);
                }
                moveInto(cover, hit ? trueMaps : falseMaps, img * cells);
            }
        }
        double[] ti = new double[images];
        double[] fi = new double[images];
        for (int img = 0; img < images; img++) {
            ti[img] = normalise(trueMaps, img, cells, counts.repeats(img));
            fi[img] = normalise(falseMaps, img, cells, counts.firstShowings(img));
        }
        return new VmsMaps(grid, trueMaps, falseMaps, ti, fi, hits.build());
    }

    /** @return per responses row, the index of its first box (the boxes are sorted by row), −1 when it has none */
    private static int[] firstBoxOfRow(Responses r, Boxes b) {
        int[] first = new int[r.size()];
        Arrays.fill(first, -1);
        for (int i = b.size() - 1; i >= 0; i--) {
            first[b.row(i)] = i;
        }
        return first;
    }

    /** Adds a trial's cell coverage to its image's map (which starts at {@code at}) and sets the coverage to 0. */
    private static void moveInto(double[] cover, double[] maps, int at) {
        for (int c = 0; c < cover.length; c++) {
            if (cover[c] > 0) {
                maps[at + c] += cover[c];
                cover[c] = 0;
            }
        }
    }

    /** The boxes of one trial as corner arrays, reused from trial to trial. */
    private static final class BoxUnion {
        double[] x0 = new double[8];
        double[] y0 = new double[8];
        double[] x1 = new double[8];
        double[] y1 = new double[8];

        /** @return how many boxes of the responses row, from index first on, were loaded */
        int load(Boxes b, int first, int row) {
            int n = 0;
            for (int k = first; k < b.size() && b.row(k) == row; k++) {
                if (n == x0.length) {
                    x0 = Arrays.copyOf(x0, n * 2);
                    y0 = Arrays.copyOf(y0, n * 2);
                    x1 = Arrays.copyOf(x1, n * 2);
                    y1 = Arrays.copyOf(y1, n * 2);
                }
                x0[n] = b.x(k);
                y0[n] = b.y(k);
                x1[n] = b.x(k) + b.width(k);
                y1[n] = b.y(k) + b.height(k);
                n++;
            }
            return n;
        }
    }

    /** Collects {@link HitCoverage} participant by participant and trial by trial. */
    private static final class HitCoverageBuilder {
        private final int[] trialOffsets;
        private final GrowInt trialImage = new GrowInt();
        private final GrowInt cellOffsets = new GrowInt();
        private final GrowInt cellIds = new GrowInt();
        private final GrowFloat cellValues = new GrowFloat();

        HitCoverageBuilder(int participants) {
            trialOffsets = new int[participants + 1];
            cellOffsets.add(0);
        }

        void participant(int p) {
            trialOffsets[p] = trialImage.size();
        }

        /** Adds a hit trial on the image with its covered cells. */
        void add(int image, double[] cover) {
            trialImage.add(image);
            for (int c = 0; c < cover.length; c++) {
                if (cover[c] > 0) {
                    cellIds.add(c);
                    cellValues.add((float) cover[c]);
                }
            }
            cellOffsets.add(cellIds.size());
        }

        HitCoverage build() {
            trialOffsets[trialOffsets.length - 1] = trialImage.size();
            return new HitCoverage(trialOffsets, trialImage.toArray(), cellOffsets.toArray(), cellIds.toArray(),
                cellValues.toArray());
        }
    }

    private static double normalise(double[] maps, int img, int cells, int divisor) {
        if (divisor == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int c = 0; c < cells; c++) {
            maps[img * cells + c] /= divisor;
            sum += maps[img * cells + c];
        }
        return sum / cells;
    }

    /**
     * Adds the covered fraction of each cell to {@code cover} (cells row-major).
     *
     * @return the number of cells touched
     */
    public static int cover(double[] x0, double[] y0, double[] x1, double[] y1, int n, int grid, double[] cover) {
        if (n == 0) {
            return 0;
        }
        double minX = 1;
        double minY = 1;
        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x0[i]);
            minY = Math.min(minY, y0[i]);
            maxX = Math.max(maxX, x1[i]);
            maxY = Math.max(maxY, y1[i]);
        }
        int c0 = Math.max(0, (int) Math.floor(minX * grid));
        int c1 = Math.min(grid - 1, (int) Math.ceil(maxX * grid) - 1);
        int r0 = Math.max(0, (int) Math.floor(minY * grid));
        int r1 = Math.min(grid - 1, (int) Math.ceil(maxY * grid) - 1);
        double cellArea = 1.0 / ((double) grid * grid);
        int touched = 0;
        for (int row = r0; row <= r1; row++) {
            double cy0 = (double) row / grid;
            double cy1 = (double) (row + 1) / grid;
            for (int col = c0; col <= c1; col++) {
                double a = RectangleUnion.area(x0, y0, x1, y1, n, (double) col / grid, cy0, (double) (col + 1) / grid, cy1);
                if (a > 0) {
                    cover[row * grid + col] = Math.min(1, a / cellArea);
                    touched++;
                }
            }
        }
        return touched;
    }

    /** @return G */
    public int grid() {
        return grid;
    }

    /** @return the true map value of a cell (row-major, row 0 at the top) */
    public double trueValue(int image, int row, int col) {
        return trueMaps[(image * grid + row) * grid + col];
    }

    /** @return the false map value of a cell */
    public double falseValue(int image, int row, int col) {
        return falseMaps[(image * grid + row) * grid + col];
    }

    /** @return a copy of an image's true map, row-major */
    public double[] trueMap(int image) {
        int cells = grid * grid;
        return Arrays.copyOfRange(trueMaps, image * cells, (image + 1) * cells);
    }

    /** @return a copy of an image's false map, row-major */
    public double[] falseMap(int image) {
        int cells = grid * grid;
        return Arrays.copyOfRange(falseMaps, image * cells, (image + 1) * cells);
    }

    /** @return mean over cells of the true map per image (NaN without repeats) */
    public double[] trueIntensity() {
        return trueIntensity.clone();
    }

    /** @return mean over cells of the false map per image (NaN without first showings) */
    public double[] falseIntensity() {
        return falseIntensity.clone();
    }

    /** @return the per-trial coverage of hits, for split-half consistency */
    public HitCoverage hitCoverage() {
        return hitCoverage;
    }

    /** Growable int array. */
    static final class GrowInt {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Growable float array. */
    static final class GrowFloat {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
