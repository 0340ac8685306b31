package engram.analysis.representation;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Cross-validated ridge regression from features to targets. The images are split into k folds (a seeded shuffle,
 * then contiguous blocks; the first n mod k folds get one image more, as scikit-learn's KFold). On each training
 * fold, X and y are centred (the intercept is not penalised) and the ridge strength λ is chosen per target unit from
 * a grid by efficient leave-one-out: with Xc = USVᵀ, the hat matrix is H = 11ᵀ/n + U diag(s²/(s² + λ)) Uᵀ and the
 * leave-one-out residual is (y_i − ŷ_i) / (1 − H_ii) (Golub, Heath &amp; Wahba 1979; Rifkin &amp; Lippert 2007).
 * The held-out fold is then predicted with β = V diag(s/(s² + λ)) Uᵀ yc.
 *
 * @param folds   k, at least 2
 * @param seed    seed of the fold assignment
 * @param lambdas the λ grid as multiples of the mean non-zero eigenvalue s² of the training fold
 */
public record CvRidge(int folds, long seed, double[] lambdas) {

    public CvRidge {
        if (folds < 2) {
            throw new IllegalArgumentException("`folds` must be at least 2, got " + folds);
        }
        if (lambdas.length == 0 || Arrays.stream(lambdas).anyMatch(l -> !(l > 0) || Double.isInfinite(l))) {
            throw new IllegalArgumentException("the ridge grid needs positive, finite values");
        }
        lambdas = lambdas.clone();
    }

    /** @return 5 folds, seed 1, λ = 10^−4 … 10^4 (in half decades) × the mean eigenvalue */
    public static CvRidge withDefaults() {
        double[] grid = new double[17];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.pow(10, -4 + 0.5 * i);
        }
        return new CvRidge(5, 1, grid);
    }

    public CvRidge withFolds(int k) {
        return new CvRidge(k, seed, lambdas);
    }

    public CvRidge withSeed(long s) {
        return new CvRidge(folds, s, lambdas);
    }

    public CvRidge withLambdas(double... grid) {
        return new CvRidge(folds, seed, grid);
    }

    /**
     * Held-out predictions.
     *
     * @param predictions images × units, each image predicted by the model fitted without its fold
     * @param fold        the fold of each image
     * @param lambda      folds × units, the chosen λ (absolute)
     */
    public record Fit(double[][] predictions, int[] fold, double[][] lambda) {
    }

    /** @return the fold (0..k−1) of each of n images */
    public int[] assignFolds(int n) {
        if (n < 2 * folds) {
            throw new IllegalArgumentException(n + " images are too few for " + folds + " folds (need at least " + 2 * folds + ")");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] fold = new int[n];
        int pos = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            for (int i = 0; i < size; i++) {
                fold[perm[pos++]] = f;
            }
        }
        return fold;
    }

    /**
     * Fits and predicts every image from the other folds.
     *
     * @param x images × features
     * @param y images × units
     */
    public Fit fit(double[][] x, double[][] y) {
        return fit(x, y, assignFolds(x.length));
    }

    /**
     * Fits and predicts with a given fold assignment (0..folds−1 per image, every fold non-empty).
     */
    public Fit fit(double[][] x, double[][] y, int[] fold) {
        int n = x.length;
        if (y.length != n || fold.length != n) {
            throw new IllegalArgumentException("features have " + n + " images but targets " + y.length);
        }
        int u = y[0].length;
        double[][] pred = new double[n][u];
        double[][] chosen = new double[folds][];
        for (int f = 0; f < folds; f++) {
            int[] train = indices(fold, f, false);
            int[] test = indices(fold, f, true);
            double[][] yhat = new double[test.length][];
            chosen[f] = fitFold(rows(x, train), rows(y, train), rows(x, test), yhat).lambda();
            for (int i = 0; i < test.length; i++) {
                pred[test[i]] = yhat[i];
            }
        }
        return new Fit(pred, fold, chosen);
    }

    /**
     * A fitted linear map: prediction_u = intercept_u + Σ_q x_q β_qu.
     *
     * @param beta      features × units
     * @param intercept per unit
     * @param lambda    the λ chosen per unit by leave-one-out
     */
    public record Linear(double[][] beta, double[] intercept, double[] lambda) {
        /** @return the predictions for one image's features */
        public double[] predict(double[] x) {
            double[] out = intercept.clone();
            for (int q = 0; q < x.length; q++) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += x[q] * beta[q][j];
                }
            }
            return out;
        }
    }

    /** Fits on all images, with λ per unit chosen by leave-one-out over all of them (for a final readout). */
    public Linear fitAll(double[][] x, double[][] y) {
        double[][] none = new double[0][];
        return fitFold(x, y, none, none);
    }

    /**
     * One training fold: centres, decomposes, picks λ per unit by leave-one-out and predicts xTest into out.
     *
     * @return the fitted map
     */
    Linear fitFold(double[][] x, double[][] y, double[][] xTest, double[][] out) {
        double[] mx = columnMeans(x);
        double[] my = columnMeans(y);
        double[][] xc = minus(x, mx);
        double[][] yc = minus(y, my);
        Svd svd = Svd.of(xc);
        double[][] c = svd.projected(yc);
        double[] best = leaveOneOutLambdas(svd, c, yc);
        double[][] beta = coefficients(svd, c, xc, best);
        predictInto(xTest, mx, my, beta, out);
        return new Linear(beta, intercept(mx, my, beta), best);
    }

    /** @return per unit, the λ of the grid with the least leave-one-out error (a later λ wins only by more than 1e-12 relative) */
    private double[] leaveOneOutLambdas(Svd svd, double[][] c, double[][] yc) {
        int u = yc[0].length;
        double[] bestLoss = new double[u];
        Arrays.fill(bestLoss, Double.POSITIVE_INFINITY);
        double[] best = new double[u];
        double mean = svd.meanEigenvalue();
        for (double rel : lambdas) {
            double lambda = rel * mean;
            double[] loss = leaveOneOutLoss(svd, c, yc, lambda);
            for (int j = 0; j < u; j++) {
                if (Double.isInfinite(bestLoss[j]) || loss[j] < bestLoss[j] - 1e-12 * Math.abs(bestLoss[j])) {
                    bestLoss[j] = loss[j];
                    best[j] = lambda;
                }
            }
        }
        return best;
    }

    /** @return per unit, Σ_i ((yc_i − ŷ_i) / (1 − H_ii))² for one λ */
    private static double[] leaveOneOutLoss(Svd svd, double[][] c, double[][] yc, double lambda) {
        int n = yc.length;
        int u = yc[0].length;
        int r = svd.s2.length;
        double[] shrink = new double[r];
        for (int k = 0; k < r; k++) {
            shrink[k] = svd.s2[k] / (svd.s2[k] + lambda);
        }
        double[] loss = new double[u];
        for (int i = 0; i < n; i++) {
            double h = 1.0 / n;
            double[] fitted = new double[u];
            for (int k = 0; k < r; k++) {
                double w = svd.u[i][k] * shrink[k];
                h += w * svd.u[i][k];
                for (int j = 0; j < u; j++) {
                    fitted[j] += w * c[k][j];
                }
            }
            double denom = 1 - h;
            for (int j = 0; j < u; j++) {
                double e = (yc[i][j] - fitted[j]) / denom;
                loss[j] += e * e;
            }
        }
        return loss;
    }

    /** @return β = V diag(s/(s²+λ)) c = Xcᵀ U diag(1/(s²+λ)) c, features × units, each unit with its own λ */
    private static double[][] coefficients(Svd svd, double[][] c, double[][] xc, double[] lambda) {
        int n = xc.length;
        int p = xc[0].length;
        int u = lambda.length;
        int r = svd.s2.length;
        double[][] a = new double[n][u];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < r; k++) {
                double uik = svd.u[i][k];
                for (int j = 0; j < u; j++) {
                    a[i][j] += uik * c[k][j] / (svd.s2[k] + lambda[j]);
                }
            }
        }
        double[][] beta = new double[p][u];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < p; q++) {
                double xv = xc[i][q];
                for (int j = 0; j < u; j++) {
                    beta[q][j] += xv * a[i][j];
                }
            }
        }
        return beta;
    }

    private static double[] intercept(double[] mx, double[] my, double[][] beta) {
        double[] intercept = my.clone();
        for (int q = 0; q < mx.length; q++) {
            for (int j = 0; j < intercept.length; j++) {
                intercept[j] -= mx[q] * beta[q][j];
            }
        }
        return intercept;
    }

    /** Predicts each row of xTest as my + (x − mx) β into out. */
    private static void predictInto(double[][] xTest, double[] mx, double[] my, double[][] beta, double[][] out) {
        for (int t = 0; t < xTest.length; t++) {
            double[] row = my.clone();
            for (int q = 0; q < mx.length; q++) {
                double xv = xTest[t][q] - mx[q];
                for (int j = 0; j < row.length; j++) {
                    row[j] += xv * beta[q][j];
                }
            }
            out[t] = row;
        }
    }

    /** Left singular vectors and squared singular values of a centred matrix, from the smaller Gram matrix. */
    private record Svd(double[][] u, double[] s2) {
        static Svd of(double[][] xc) {
            int n = xc.length;
            int p = xc[0].length;
            boolean dual = n <= p;
            double[][] g = dual ? Matrices.rowGram(xc) : Matrices.rowGram(Matrices.centredColumns(xc));
            RealMatrix m = MatrixUtils.createRealMatrix(g);
            EigenDecomposition eig = new EigenDecomposition(m);
            double[] ev = eig.getRealEigenvalues();
            double max = Arrays.stream(ev).max().orElse(0);
            int[] keep = java.util.stream.IntStream.range(0, ev.length).filter(k -> ev[k] > 1e-10 * max && max > 0).toArray();
            double[][] u = new double[n][keep.length];
            double[] s2 = new double[keep.length];
            for (int kk = 0; kk < keep.length; kk++) {
                int k = keep[kk];
                s2[kk] = ev[k];
                double[] vec = eig.getEigenvector(k).toArray();
                if (dual) {
                    for (int i = 0; i < n; i++) {
                        u[i][kk] = vec[i];
                    }
                } else {
                    double s = Math.sqrt(ev[k]);
                    for (int i = 0; i < n; i++) {
                        u[i][kk] = Matrices.dot(xc[i], vec) / s;
                    }
                }
            }
            return new Svd(u, s2);
        }

        /** @return the mean kept eigenvalue s², or 1 when none is kept (the λ grid's unit) */
        double meanEigenvalue() {
            double mean = 0;
            for (double v : s2) {
                mean += v;
            }
            return s2.length == 0 ? 1 : mean / s2.length;
        }

        /** @return Uᵀ yc, kept components × units */
        double[][] projected(double[][] yc) {
            int r = s2.length;
            int units = yc[0].length;
            double[][] c = new double[r][units];
            for (int k = 0; k < r; k++) {
                for (int i = 0; i < yc.length; i++) {
                    double uik = u[i][k];
                    for (int j = 0; j < units; j++) {
                        c[k][j] += uik * yc[i][j];
                    }
                }
            }
            return c;
        }
    }

    private static int[] indices(int[] fold, int f, boolean in) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }

    static double[][] rows(double[][] m, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    private static double[][] minus(double[][] m, double[] mean) {
        double[][] out = new double[m.length][mean.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = m[i][j] - mean[j];
            }
        }
        return out;
    }

    private static double[] columnMeans(double[][] m) {
        double[] s = new double[m[0].length];
        for (double[] row : m) {
            for (int j = 0; j < s.length; j++) {
                s[j] += row[j];
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= m.length;
        }
        return s;
    }
}
