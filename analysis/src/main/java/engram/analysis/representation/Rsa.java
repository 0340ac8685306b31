package engram.analysis.representation;

import engram.analysis.stats.Correlation;
import engram.analysis.stats.Ranks;

/**
 * Representational dissimilarity matrices and representational similarity analysis (Kriegeskorte, Mur &amp;
 * Bandettini 2008): RSA = Spearman's ρ between the upper triangles (i &lt; j) of two RDMs.
 */
public final class Rsa {
    private Rsa() {
    }

    /** How dissimilarity between two images' feature vectors is measured. */
    public enum Distance {
        /** 1 − Pearson's r between the two feature vectors. */
        CORRELATION("correlation"),
        /** Euclidean distance between the two feature vectors. */
        EUCLIDEAN("euclidean");

        private final String label;

        Distance(String label) {
            this.label = label;
        }

        /** @return the name used in files and on the command line */
        public String label() {
            return label;
        }

        /** @return the distance named by its label */
        public static Distance of(String label) {
            for (Distance d : values()) {
                if (d.label.equalsIgnoreCase(label)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown RDM distance '" + label + "' (use correlation or euclidean)");
        }
    }

    /**
     * @return the n × n RDM of the rows of x (0 on the diagonal)
     * @throws IllegalArgumentException for the correlation distance when an image's features are constant
     */
    public static double[][] rdm(double[][] x, Distance distance) {
        int n = x.length;
        if (distance == Distance.EUCLIDEAN) {
            double[][] d = Matrices.squaredDistances(x);
            for (double[] row : d) {
                for (int j = 0; j < n; j++) {
                    row[j] = Math.sqrt(row[j]);
                }
            }
            return d;
        }
        int p = x[0].length;
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int j = 0; j < p; j++) {
                m += x[i][j];
            }
            m /= p;
            double ss = 0;
            for (int j = 0; j < p; j++) {
                z[i][j] = x[i][j] - m;
                ss += z[i][j] * z[i][j];
            }
            if (ss == 0) {
                throw new IllegalArgumentException("image " + (i + 1) + " has constant features, so 1 − Pearson is undefined"
                    + " (use the euclidean RDM)");
            }
            double s = 1 / Math.sqrt(ss);
            for (int j = 0; j < p; j++) {
                z[i][j] *= s;
            }
        }
        double[][] g = Matrices.rowGram(z);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = i == j ? 0 : 1 - Math.max(-1, Math.min(1, g[i][j]));
            }
        }
        return g;
    }

    /** @return Spearman's ρ between the upper triangles of two RDMs of the same images */
    public static double rsa(double[][] a, double[][] b) {
        return Correlation.spearman(Matrices.upperTriangle(a), Matrices.upperTriangle(b));
    }

    /**
     * RSA on a bootstrap resample of the images: pairs (i, j), i &lt; j in resample order, of two different images.
     *
     * @return Spearman's ρ over those pairs
     */
    static double rsaResampled(double[][] a, double[][] b, int[] idx) {
        int m = idx.length;
        double[] va = new double[m * (m - 1) / 2];
        double[] vb = new double[va.length];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (idx[i] != idx[j]) {
                    va[k] = a[idx[i]][idx[j]];
                    vb[k] = b[idx[i]][idx[j]];
                    k++;
                }
            }
        }
        return Correlation.spearman(java.util.Arrays.copyOf(va, k), java.util.Arrays.copyOf(vb, k));
    }

    /** Precomputed centred ranks of two RDMs' upper triangles, for fast permutation tests. */
    static final class RankedPair {
        private final double[][] ca;
        private final double[][] cb;
        private final double norm;

        RankedPair(double[][] a, double[][] b) {
            ca = centredRankMatrix(a);
            cb = centredRankMatrix(b);
            double sa = 0;
            double sb = 0;
            int n = a.length;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    sa += ca[i][j] * ca[i][j];
                    sb += cb[i][j] * cb[i][j];
                }
            }
            norm = Math.sqrt(sa * sb);
        }

        /** @return ρ between A and B with B's images relabelled by perm (B[perm[i]][perm[j]]) */
        double rho(int[] perm) {
            int n = ca.length;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double[] row = cb[perm[i]];
                double[] ar = ca[i];
                for (int j = i + 1; j < n; j++) {
                    s += ar[j] * row[perm[j]];
                }
            }
            return s / norm;
        }

        private static double[][] centredRankMatrix(double[][] m) {
            int n = m.length;
            double[] r = Ranks.of(Matrices.upperTriangle(m)).ranks();
            double mean = (r.length + 1) / 2.0;
            double[][] out = new double[n][n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    out[i][j] = r[k] - mean;
                    out[j][i] = out[i][j];
                    k++;
                }
            }
            return out;
        }
    }
}
