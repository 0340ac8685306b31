package engram.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The plot projection against a full eigendecomposition of the covariance matrix by Commons Math (an independent
 * implementation): the same scores (up to the documented sign) and variance shares, tolerance 1e-6 relative to the
 * largest score and 1e-9 on the shares.
 */
class PcaTest {
    static double[][] data(int n, int p, long seed, double[] scales) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = 3 + r.nextGaussian() * scales[j % scales.length];
            }
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"40, 6, 1", "12, 30, 2", "200, 3, 3"})
    void matchesTheEigendecompositionOfTheCovariance(int n, int p, long seed) {
        double[][] x = data(n, p, seed, new double[] {4, 2.5, 1.5, 1, 0.7, 0.5});
        // mix the features so that the components are not the axes
        double[][] mixed = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mixed[i][j] = x[i][j] + 0.5 * x[i][(j + 1) % p];
            }
        }
        Pca pca = Pca.of(mixed, 2);
        double[][] c = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] row : mixed) {
                m += row[j] / n;
            }
            for (int i = 0; i < n; i++) {
                c[i][j] = mixed[i][j] - m;
            }
        }
        RealMatrix cm = new Array2DRowRealMatrix(c);
        EigenDecomposition eig = new EigenDecomposition(cm.transpose().multiply(cm));
        double[] lambda = eig.getRealEigenvalues(); // Commons Math sorts them in descending order
        double total = 0;
        for (double l : lambda) {
            total += l;
        }
        assertEquals(2, pca.variance().length);
        double scale = 0;
        for (int a = 0; a < 2; a++) {
            assertEquals(lambda[a] / total, pca.variance()[a], 1e-9, "share of component " + (a + 1));
            double[] v = eig.getEigenvector(a).toArray();
            int big = 0;
            for (int j = 1; j < p; j++) {
                if (Math.abs(v[j]) > Math.abs(v[big])) {
                    big = j;
                }
            }
            double sign = v[big] < 0 ? -1 : 1;
            double[] expected = cm.operate(v);
            for (int i = 0; i < n; i++) {
                expected[i] *= sign;
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], pca.scores()[i][a], 1e-6 * scale, "image " + i + ", component " + (a + 1));
            }
        }
        assertTrue(pca.variance()[0] >= pca.variance()[1]);
    }

    @Test
    void aSingleFeatureIsItsCentredValues() {
        Pca pca = Pca.of(new double[][] {{1}, {2}, {6}}, 2);
        assertArrayEquals(new double[] {1.0}, pca.variance(), 1e-12);
        assertEquals(-2, pca.scores()[0][0], 1e-12);
        assertEquals(-1, pca.scores()[1][0], 1e-12);
        assertEquals(3, pca.scores()[2][0], 1e-12);
    }

    @Test
    void rankOneDataHasOneComponentWithAllTheVariance() {
        double[][] x = new double[10][3];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, 2.0 * i, -i};
        }
        Pca pca = Pca.of(x, 2);
        assertEquals(1, pca.variance()[0], 1e-12);
        assertEquals(0, pca.variance()[1], 1e-12);
        // the loading is (1, 2, -1)/√6, largest entry positive: scores (i − 4.5)·√6
        for (int i = 0; i < 10; i++) {
            assertEquals((i - 4.5) * Math.sqrt(6), pca.scores()[i][0], 1e-9);
        }
    }

    @Test
    void constantFeaturesHaveNoComponentAndOneImageIsRefused() {
        assertEquals(0, Pca.of(new double[][] {{1, 2}, {1, 2}, {1, 2}}, 2).variance().length);
        assertThrows(IllegalArgumentException.class, () -> Pca.of(new double[][] {{1, 2}}, 2));
    }
}
