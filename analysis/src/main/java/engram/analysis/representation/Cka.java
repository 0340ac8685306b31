package engram.analysis.representation;

import java.util.stream.IntStream;

/**
 * Centred kernel alignment (Kornblith, Norouzi, Lee &amp; Hinton 2019, "Similarity of neural network representations
 * revisited"): CKA(K, L) = HSIC(K, L) / √(HSIC(K, K) HSIC(L, L)) with HSIC(K, L) ∝ tr(KHLH), H = I − 11ᵀ/n.
 * Linear CKA uses K = XXᵀ, which equals ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F) on column-centred X and Y.
 * RBF CKA uses K_ij = exp(−‖x_i − x_j‖² / (2σ²)) with σ = fraction × the median Euclidean distance between distinct
 * images (Kornblith et al. use the median over all entries of the squared-distance matrix instead).
 */
public final class Cka {
    private Cka() {
    }

    /**
     * Linear CKA of two representations of the same images (rows). Uses the feature-space form when the
     * features are fewer than the images, the Gram form otherwise.
     *
     * @return linear CKA in [0, 1]; NaN when one representation is constant over images
     */
    public static double linear(double[][] x, double[][] y) {
        checkSameRows(x, y);
        int n = x.length;
        if (x[0].length + y[0].length >= n) {
            return of(linearGram(x), linearGram(y));
        }
        double[][] xt = Matrices.centredColumns(x);
        double[][] yt = Matrices.centredColumns(y);
        double xy = crossFrobenius2(xt, yt);
        double xx = crossFrobenius2(xt, xt);
        double yy = crossFrobenius2(yt, yt);
        return xy / Math.sqrt(xx * yy);
    }

    /** @return ‖AᵀB‖²_F for column-major (features × images) A and B */
    private static double crossFrobenius2(double[][] at, double[][] bt) {
        boolean same = at == bt;
        double[][] d = Matrices.crossDots(at, bt, same);
        double s = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < (same ? i + 1 : d[i].length); j++) {
                s += (same && j != i ? 2 : 1) * d[i][j] * d[i][j];
            }
        }
        return s;
    }

    /** RBF CKA with σ = fraction × median distance (see the class comment). */
    public static double rbf(double[][] x, double[][] y, double fraction) {
        checkSameRows(x, y);
        return of(rbfGram(x, fraction), rbfGram(y, fraction));
    }

    /** @return the linear kernel XXᵀ of the column-centred rows */
    public static double[][] linearGram(double[][] x) {
        return Matrices.rowGram(Matrices.centredRows(x));
    }

    /**
     * @param fraction σ as a fraction of the median distance between distinct images (&gt; 0)
     * @return the RBF kernel matrix
     */
    public static double[][] rbfGram(double[][] x, double fraction) {
        if (!(fraction > 0) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("the RBF bandwidth fraction must be positive, got " + fraction);
        }
        double[][] d2 = Matrices.squaredDistances(x);
        double[] up = Matrices.upperTriangle(d2);
        for (int k = 0; k < up.length; k++) {
            up[k] = Math.sqrt(up[k]);
        }
        double median = Matrices.median(up);
        int n = x.length;
        double[][] k = new double[n][n];
        if (median == 0) {
            for (double[] row : k) {
                java.util.Arrays.fill(row, 1);
            }
            return k;
        }
        double sigma = fraction * median;
        double scale = -1 / (2 * sigma * sigma);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = Math.exp(d2[i][j] * scale);
            }
        }
        return k;
    }

    /** @return CKA of two n × n kernel matrices */
    public static double of(double[][] k, double[][] l) {
        int[] id = IntStream.range(0, k.length).toArray();
        return of(k, id, l, id);
    }

    /**
     * CKA of the kernels restricted to rows/columns a of K and b of L (a resample or a permutation of the images):
     * Σ K̃_ij L̃_ij / √(Σ K̃² Σ L̃²), K̃ = H K[a][a] H. In a bootstrap resample (a = b with repeated images) the pairs
     * i ≠ j of two copies of the same image are left out of the three sums (the centring still uses every entry):
     * such pairs have distance 0 in both representations and would otherwise inflate the resampled CKA well above
     * the estimate on all images (for RBF kernels the whole bootstrap distribution can lie above it).
     *
     * @return CKA; NaN when a centred kernel is zero
     */
    public static double of(double[][] k, int[] a, double[][] l, int[] b) {
        int m = a.length;
        double[] rk = new double[m];
        double[] rl = new double[m];
        double gk = 0;
        double gl = 0;
        for (int i = 0; i < m; i++) {
            double[] ki = k[a[i]];
            double[] li = l[b[i]];
            double sk = 0;
            double sl = 0;
            for (int j = 0; j < m; j++) {
                sk += ki[a[j]];
                sl += li[b[j]];
            }
            rk[i] = sk / m;
            rl[i] = sl / m;
            gk += rk[i];
            gl += rl[i];
        }
        gk /= m;
        gl /= m;
        double skl = 0;
        double skk = 0;
        double sll = 0;
        for (int i = 0; i < m; i++) {
            double[] ki = k[a[i]];
            double[] li = l[b[i]];
            double ck = gk - rk[i];
            double cl = gl - rl[i];
            for (int j = 0; j < m; j++) {
                if (j != i && a[j] == a[i]) {
                    continue;
                }
                double u = ki[a[j]] - rk[j] + ck;
                double v = li[b[j]] - rl[j] + cl;
                skl += u * v;
                skk += u * u;
                sll += v * v;
            }
        }
        if (skk <= 0 || sll <= 0) {
            return Double.NaN;
        }
        return skl / Math.sqrt(skk * sll);
    }

    static void checkSameRows(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("the representations hold different numbers of images: " + x.length + " vs " + y.length);
        }
        if (x.length < 3) {
            throw new IllegalArgumentException("at least 3 images are needed, got " + x.length);
        }
    }
}
