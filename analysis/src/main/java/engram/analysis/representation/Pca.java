package engram.analysis.representation;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The first principal components of a feature matrix (images × features), for plots: the images' scores on the
 * components and each component's share of the total variance.
 *
 * <p>The columns are centred; the leading eigenvectors of XᵀX are found by subspace iteration with a Rayleigh–Ritz
 * step (start from a fixed seed, at most {@value #MAX_ITERATIONS} iterations, stopped when the subspace no longer
 * turns: every new basis vector lies in the old subspace up to a squared sine of 10⁻¹²), which costs O(n·p) per iteration and never forms a p × p or n × n matrix. Each component's
 * sign is chosen so that its largest loading (in absolute value) is positive. Share of variance = λ_k / trace(XᵀX).
 *
 * @param scores   images × k: the images' coordinates on the components
 * @param variance per component, its share of the total variance (0–1)
 */
public record Pca(double[][] scores, double[] variance) {
    static final int MAX_ITERATIONS = 1000;

    /**
     * @param x rows = images; at least 2 rows; finite values
     * @param k how many components (the result has min(k, features, images − 1) of them, 0 when every column is
     *          constant)
     */
    public static Pca of(double[][] x, int k) {
        if (x.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 images, got " + x.length);
        }
        double[][] c = Matrices.centredColumns(x); // features × images
        int p = c.length;
        int n = x.length;
        double total = 0;
        for (double[] col : c) {
            total += Matrices.dot(col, col);
        }
        int m = Math.min(k, Math.min(p, n - 1));
        if (total == 0 || m <= 0) {
            return new Pca(new double[n][0], new double[0]);
        }
        double[][] v = subspaceIteration(c, seededStart(m, p));
        return rayleighRitz(c, v, total);
    }

    /** @return m orthonormal vectors of length p from seed 1 */
    private static double[][] seededStart(int m, int p) {
        double[][] v = new double[m][p];
        SplittableRandom rng = new SplittableRandom(1);
        for (double[] vi : v) {
            for (int j = 0; j < p; j++) {
                vi[j] = rng.nextDouble() - 0.5;
            }
        }
        orthonormalise(v);
        return v;
    }

    /** @return the basis after applying XᵀX and re-orthonormalising until the subspace no longer turns */
    private static double[][] subspaceIteration(double[][] c, double[][] v) {
        int m = v.length;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] w = new double[m][];
            for (int a = 0; a < m; a++) {
                w[a] = apply(c, v[a]);
            }
            orthonormalise(w);
            double worst = leastSquaredCosine(w, v);
            v = w;
            if (worst > 1 - 1e-12) {
                break;
            }
        }
        return v;
    }

    /** @return over the vectors of w, the least squared length of its projection onto the span of v */
    private static double leastSquaredCosine(double[][] w, double[][] v) {
        double worst = 1;
        for (double[] wa : w) {
            double inside = 0;
            for (double[] vb : v) {
                double d = Matrices.dot(wa, vb);
                inside += d * d;
            }
            worst = Math.min(worst, inside);
        }
        return worst;
    }

    /** Rayleigh–Ritz: the eigenvectors of the small matrix VᵀAV, applied back to V, largest eigenvalue first. */
    private static Pca rayleighRitz(double[][] c, double[][] v, double total) {
        int m = v.length;
        int n = c[0].length;
        double[][] av = new double[m][];
        for (int a = 0; a < m; a++) {
            av[a] = apply(c, v[a]);
        }
        double[][] t = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                t[a][b] = Matrices.dot(v[a], av[b]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(t));
        Integer[] order = new Integer[m];
        double[] lambda = eig.getRealEigenvalues();
        for (int a = 0; a < m; a++) {
            order[a] = a;
        }
        Arrays.sort(order, (i, j) -> Double.compare(lambda[j], lambda[i]));
        double[][] scores = new double[n][m];
        double[] share = new double[m];
        for (int a = 0; a < m; a++) {
            double[] loading = combination(eig.getEigenvector(order[a]).toArray(), v);
            double sign = signOfLargest(loading);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < loading.length; j++) {
                    s += c[j][i] * loading[j];
                }
                scores[i][a] = sign * s;
            }
            share[a] = Math.max(0, lambda[order[a]]) / total;
        }
        return new Pca(scores, share);
    }

    /** @return Σ_b y_b v_b */
    private static double[] combination(double[] y, double[][] v) {
        double[] out = new double[v[0].length];
        for (int b = 0; b < v.length; b++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += y[b] * v[b][j];
            }
        }
        return out;
    }

    /** @return −1 if the loading's largest entry (in absolute value) is negative, else 1 */
    private static double signOfLargest(double[] loading) {
        int big = 0;
        for (int j = 1; j < loading.length; j++) {
            if (Math.abs(loading[j]) > Math.abs(loading[big])) {
                big = j;
            }
        }
        return loading[big] < 0 ? -1 : 1;
    }

    /** @return XᵀX v for the column-major centred X (features × images) */
    private static double[] apply(double[][] c, double[] v) {
        int n = c[0].length;
        double[] xv = new double[n];
        for (int j = 0; j < c.length; j++) {
            double vj = v[j];
            if (vj != 0) {
                double[] col = c[j];
                for (int i = 0; i < n; i++) {
                    xv[i] += col[i] * vj;
                }
            }
        }
        double[] out = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            out[j] = Matrices.dot(c[j], xv);
        }
        return out;
    }

    /**
     * Gram–Schmidt in place (twice, for stability); a vector that vanishes (the matrix has lower rank) is replaced by
     * the first unit vector that is independent of the ones before it.
     */
    private static void orthonormalise(double[][] v) {
        int nextUnit = 0;
        for (int a = 0; a < v.length; a++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < a; b++) {
                    double d = Matrices.dot(v[a], v[b]);
                    for (int j = 0; j < v[a].length; j++) {
                        v[a][j] -= d * v[b][j];
                    }
                }
            }
            double norm = Math.sqrt(Matrices.dot(v[a], v[a]));
            if (norm < 1e-150 && nextUnit < v[a].length) {
                Arrays.fill(v[a], 0);
                v[a][nextUnit++] = 1;
                a--;
                continue;
            }
            for (int j = 0; j < v[a].length; j++) {
                v[a][j] /= norm;
            }
        }
    }
}
