package engram.generator.report;

import java.util.List;

/**
 * Fréchet distance between two sets of feature vectors, each taken as a Gaussian (the FID of Heusel et al.
 * 2017 when the features are Inception pool features):
 * d² = ‖μ₁ − μ₂‖² + Tr(Σ₁) + Tr(Σ₂) − 2 Tr((Σ₁Σ₂)^½).
 *
 * <p>With centred data A = X_c/√(n₁−1), B = Y_c/√(n₂−1), Σ₁ = AᵀA and Σ₂ = BᵀB, the non-zero eigenvalues of
 * Σ₁Σ₂ are the squared singular values of ABᵀ, so Tr((Σ₁Σ₂)^½) is the sum of the square roots of the
 * eigenvalues of (ABᵀ)(ABᵀ)ᵀ, an n₁×n₁ matrix (cyclic Jacobi eigenvalue method). This is exact and cheap
 * when the sets are smaller than the feature dimension.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** The squared Fréchet distance d² between feature sets x and y (each needs ≥ 2 vectors). */
    public static double between(List<float[]> x, List<float[]> y) {
        if (x.size() < 2 || y.size() < 2) {
            throw new IllegalArgumentException("Fréchet distance needs at least 2 images per set");
        }
        int d = x.get(0).length;
        double[] mx = mean(x, d);
        double[] my = mean(y, d);
        double[][] a = centred(x, mx, d);
        double[][] b = centred(y, my, d);
        double meanTerm = 0;
        for (int k = 0; k < d; k++) {
            meanTerm += (mx[k] - my[k]) * (mx[k] - my[k]);
        }
        double traceA = frobenius2(a);
        double traceB = frobenius2(b);
        int n1 = a.length;
        int n2 = b.length;
        double[][] ab = new double[n1][n2];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i][k] * b[j][k];
                }
                ab[i][j] = s;
            }
        }
        double[][] gram = new double[n1][n1];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n1; j++) {
                double s = 0;
                for (int k = 0; k < n2; k++) {
                    s += ab[i][k] * ab[j][k];
                }
                gram[i][j] = s;
            }
        }
        double nuclear = 0;
        for (double eigen : symmetricEigenvalues(gram)) {
            nuclear += Math.sqrt(Math.max(0, eigen));
        }
        return Math.max(0, meanTerm + traceA + traceB - 2 * nuclear);
    }

    /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, §8.5). */
    static double[] symmetricEigenvalues(double[][] input) {
        int n = input.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = input[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += m[i][j] * m[i][j];
                    if (i != j) {
                        off += m[i][j] * m[i][j];
                    }
                }
            }
            if (off <= 1e-22 * Math.max(total, 1e-300)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                }
            }
        }
        double[] eigen = new double[n];
        for (int i = 0; i < n; i++) {
            eigen[i] = m[i][i];
        }
        return eigen;
    }

    private static double[] mean(List<float[]> v, int d) {
        double[] m = new double[d];
        for (float[] row : v) {
            for (int k = 0; k < d; k++) {
                m[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= v.size();
        }
        return m;
    }

    private static double[][] centred(List<float[]> v, double[] mean, int d) {
        double scale = 1 / Math.sqrt(v.size() - 1.0);
        double[][] c = new double[v.size()][d];
        for (int i = 0; i < v.size(); i++) {
            for (int k = 0; k < d; k++) {
                c[i][k] = (v.get(i)[k] - mean[k]) * scale;
            }
        }
        return c;
    }

    private static double frobenius2(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }
}
