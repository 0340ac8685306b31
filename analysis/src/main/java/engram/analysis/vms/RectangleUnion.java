package engram.analysis.vms;

import java.util.Arrays;

/**
 * Exact area of the union of axis-aligned rectangles inside a clip rectangle, by sweeping the x edges
 * and merging the y intervals in each slab (no pixel sampling).
 */
public final class RectangleUnion {
    private RectangleUnion() {
    }

    /**
     * @param x0 left edges
     * @param y0 top edges
     * @param x1 right edges
     * @param y1 bottom edges
     * @param n  number of rectangles to use (the first n entries)
     * @param cx0 clip left
     * @param cy0 clip top
     * @param cx1 clip right
     * @param cy1 clip bottom
     * @return the area of (∪ rectangles) ∩ clip
     */
    public static double area(double[] x0, double[] y0, double[] x1, double[] y1, int n,
                              double cx0, double cy0, double cx1, double cy1) {
        if (n == 1) {
            double w = Math.min(x1[0], cx1) - Math.max(x0[0], cx0);
            double h = Math.min(y1[0], cy1) - Math.max(y0[0], cy0);
            return w > 0 && h > 0 ? w * h : 0;
        }
        double[] xs = new double[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.max(x0[i], cx0);
            double b = Math.min(x1[i], cx1);
            if (b > a && Math.min(y1[i], cy1) > Math.max(y0[i], cy0)) {
                xs[m++] = a;
                xs[m++] = b;
            }
        }
        if (m == 0) {
            return 0;
        }
        Arrays.sort(xs, 0, m);
        double[] lo = new double[n];
        double[] hi = new double[n];
        double area = 0;
        for (int s = 0; s + 1 < m; s++) {
            double left = xs[s];
            double right = xs[s + 1];
            if (right <= left) {
                continue;
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (Math.max(x0[i], cx0) <= left && Math.min(x1[i], cx1) >= right) {
                    double a = Math.max(y0[i], cy0);
                    double b = Math.min(y1[i], cy1);
                    if (b > a) {
                        lo[k] = a;
                        hi[k++] = b;
                    }
                }
            }
            area += (right - left) * coveredLength(lo, hi, k);
        }
        return area;
    }

    private static double coveredLength(double[] lo, double[] hi, int k) {
        if (k == 0) {
            return 0;
        }
        // insertion sort by lower end: k is small (the boxes of one trial)
        for (int i = 1; i < k; i++) {
            double a = lo[i];
            double b = hi[i];
            int j = i - 1;
            while (j >= 0 && lo[j] > a) {
                lo[j + 1] = lo[j];
                hi[j + 1] = hi[j];
                j--;
            }
            lo[j + 1] = a;
            hi[j + 1] = b;
        }
        double total = 0;
        double start = lo[0];
        double end = hi[0];
        for (int i = 1; i < k; i++) {
            if (lo[i] > end) {
                total += end - start;
                start = lo[i];
                end = hi[i];
            } else if (hi[i] > end) {
                end = hi[i];
            }
        }
        return total + end - start;
    }
}
