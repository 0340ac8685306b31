package engram.analysis.representation;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Small dense-matrix helpers on row-major {@code double[][]} (rows = images). */
final class Matrices {
    private Matrices() {
    }

    /** @return the columns of x, each centred on its mean, as a column-major copy (features × images) */
    static double[][] centredColumns(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] t = new double[p][n];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i][j];
            }
            double m = s / n;
            for (int i = 0; i < n; i++) {
                t[j][i] = x[i][j] - m;
            }
        }
        return t;
    }

    static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Dot products of four vectors a0..a3 with b, in one pass over b (a register-blocked kernel: b is read once for
     * four products, which keeps large products from being limited by memory bandwidth).
     */
    static void dot4(double[] a0, double[] a1, double[] a2, double[] a3, double[] b, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = 0; k < b.length; k++) {
            double v = b[k];
            s0 += a0[k] * v;
            s1 += a1[k] * v;
            s2 += a2[k] * v;
            s3 += a3[k] * v;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /**
     * All dot products of the rows of a with the rows of b, in blocks of four rows of a.
     *
     * @param lowerOnly when a == b, only j ≤ i is computed (the rest is left 0)
     */
    static double[][] crossDots(double[][] a, double[][] b, boolean lowerOnly) {
        int n = a.length;
        int m = b.length;
        double[][] out = new double[n][m];
        int blocks = (n + 3) / 4;
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int i0 = blk * 4;
            double[] r = new double[4];
            if (i0 + 3 < n) {
                int jEnd = lowerOnly ? i0 + 4 : m;
                for (int j = 0; j < jEnd; j++) {
                    dot4(a[i0], a[i0 + 1], a[i0 + 2], a[i0 + 3], b[j], r);
                    for (int q = 0; q < 4; q++) {
                        out[i0 + q][j] = r[q];
                    }
                }
            } else {
                for (int i = i0; i < n; i++) {
                    int jEnd = lowerOnly ? i + 1 : m;
                    for (int j = 0; j < jEnd; j++) {
                        out[i][j] = dot(a[i], b[j]);
                    }
                }
            }
        });
        return out;
    }

    /** @return the n × n Gram matrix of the rows, x xᵀ (rows as given) */
    static double[][] rowGram(double[][] x) {
        int n = x.length;
        double[][] k = crossDots(x, x, true);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                k[j][i] = k[i][j];
            }
        }
        return k;
    }

    /** @return the rows of x with their column means removed (a copy) */
    static double[][] centredRows(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = new double[p];
            for (int j = 0; j < p; j++) {
                c[i][j] = x[i][j] - mean[j];
            }
        }
        return c;
    }

    /** @return squared Euclidean distances between rows */
    static double[][] squaredDistances(double[][] x) {
        double[][] c = centredRows(x);
        double[][] g = rowGram(c);
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = i == j ? 0 : Math.max(0, g[i][i] + g[j][j] - 2 * g[i][j]);
            }
        }
        return d;
    }

    /** @return the values above the diagonal, row by row */
    static double[] upperTriangle(double[][] m) {
        int n = m.length;
        double[] out = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[k++] = m[i][j];
            }
        }
        return out;
    }

    /** @return the median (mean of the two middle values for an even count) */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return the q-quantile with linear interpolation between order statistics (NumPy's default "linear") */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
