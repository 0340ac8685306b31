package engram.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CKA and RSA against NumPy 2.4.6 / SciPy 1.17.1 (analysis/src/test/python/representation_reference.py).
 * Tolerance: 1e-10 absolute on values in [−1, 1] (the Java code sums in a different order).
 */
class RepresentationReferenceTest {
    private static final double TOL = 1e-10;
    static final double[][] X = {{-0.365, 0.326, 0.098, -2.14}, {-2.405, 0.795, 0.523, -1.885}, {-0.777, -0.011, -0.98, 2.802}, {0.212, 0.652, 0.064, -0.576}, {-0.15, -0.395, 0.458, -0.555}, {0.441, 0.611, 0.753, -0.78}, {0.327, 0.664, -1.012, -0.763}, {-0.678, 0.552, -0.057, -0.6}, {1.937, -1.445, -0.361, 1.354}, {-0.385, -0.045, -1.409, -2.154}};
    static final double[][] Y = {{1.13, -3.177, 1.528}, {-0.038, -2.644, 2.123}, {-1.028, 3.208, -0.777}, {-0.292, -1.802, -0.248}, {0.54, -0.045, -0.601}, {0.622, -1.59, 0.066}, {-0.165, -1.726, 0.761}, {-0.781, -2.123, 0.58}, {0.798, 2.731, -1.416}, {0.547, -4.564, 2.703}};
    static final double[][] Z = {{-0.459, 0.727, 2.723, -1.131, 0.104, -0.51, 0.044, -1.586, 0.391, 1.265, 0.924, -0.814}, {-2.08, -1.643, 0.977, 1.339, 1.342, 1.34, -0.342, -1.273, -0.417, 0.079, 1.695, -0.173}, {0.023, -0.44, 0.722, -0.432, -0.322, -0.38, -0.821, -1.093, -0.679, -0.297, -0.953, 1.623}, {0.089, 0.801, 1.133, -0.789, -0.787, 1.837, 1.229, 1.484, 0.384, -0.487, -2.362, 1.487}, {-2.575, -1.336, 0.317, -0.257, 0.134, -1.276, 1.261, -0.536, 0.521, -0.157, -0.667, 0.979}, {-1.594, 1.325, -0.551, 3.026, -0.54, 0.343, -0.352, 1.737, 0.421, 0.636, 0.403, 0.062}, {-0.983, 0.002, -0.875, 0.211, 0.403, -0.902, 2.459, 0.974, 0.537, -0.861, -1.275, -0.52}, {-1.131, 0.315, -1.502, 1.884, 0.059, -0.066, 0.04, 1.841, 0.364, 0.812, 0.428, -1.26}, {0.086, -1.489, -2.579, -1.602, 0.288, -2.09, -1.583, -1.423, -0.533, 0.162, -0.077, 0.849}, {-0.108, -1.568, -0.108, 0.937, -0.298, -1.104, -0.397, -1.796, -0.775, -0.889, -0.411, -2.521}};

    private static double[][] named(String name) {
        return switch (name) {
            case "X" -> X;
            case "Y" -> Y;
            default -> Z;
        };
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "X, Y, 0.8418059790201607, 0.8797234471057387, 0.8582950479039388, 0.8241106719367588, 0.8102766798418972",
        "X, Z, 0.45063325564307755, 0.7944679461033426, 0.6310014170599798, 0.04387351778656126, 0.03399209486166008",
        "Y, Z, 0.3392993180095159, 0.7739974753915251, 0.607948863482868, 0.1494071146245059, 0.1354413702239789",
    })
    void matchesNumpy(String a, String b, double linear, double rbf05, double rbf10, double rsaCorr, double rsaEucl) {
        double[][] x = named(a);
        double[][] y = named(b);
        assertEquals(linear, Cka.linear(x, y), TOL, "linear CKA");
        assertEquals(linear, Cka.linear(y, x), TOL, "linear CKA is symmetric");
        assertEquals(linear, Cka.of(Cka.linearGram(x), Cka.linearGram(y)), TOL, "linear CKA, Gram form");
        assertEquals(rbf05, Cka.rbf(x, y, 0.5), TOL, "RBF CKA σ = 0.5 median");
        assertEquals(rbf10, Cka.rbf(x, y, 1.0), TOL, "RBF CKA σ = median");
        assertEquals(rsaCorr, Rsa.rsa(Rsa.rdm(x, Rsa.Distance.CORRELATION), Rsa.rdm(y, Rsa.Distance.CORRELATION)), TOL, "RSA 1 − r");
        assertEquals(rsaEucl, Rsa.rsa(Rsa.rdm(x, Rsa.Distance.EUCLIDEAN), Rsa.rdm(y, Rsa.Distance.EUCLIDEAN)), TOL, "RSA Euclidean");
    }

    @Test
    void bootstrapResampleLeavesOutPairsOfCopies() {
        int[] idx = {0, 0, 1, 2, 3, 3, 3, 5, 6, 9};
        assertEquals(0.8866438073233008, Cka.of(Cka.linearGram(X), idx, Cka.linearGram(Y), idx), TOL, "linear");
        assertEquals(0.9098978551240452, Cka.of(Cka.rbfGram(X, 0.5), idx, Cka.rbfGram(Y, 0.5), idx), TOL, "RBF");
    }

    @Test
    void selfSimilarityIsOne() {
        for (double[][] m : List.of(X, Y, Z)) {
            assertEquals(1, Cka.linear(m, m), 1e-12);
            assertEquals(1, Cka.rbf(m, m, 0.5), 1e-12);
            assertEquals(1, Rsa.rsa(Rsa.rdm(m, Rsa.Distance.CORRELATION), Rsa.rdm(m, Rsa.Distance.CORRELATION)), 1e-12);
        }
    }

    @Test
    void invariantToOrthogonalTransformAndIsotropicScaling() {
        double[][] q = randomOrthogonal(12, 5);
        double[][] zq = times(Z, q);
        double[][] zs = scale(Z, 3.7);
        double[][] zqs = scale(times(Z, q), 0.01);
        for (double[][] other : List.of(X, Y)) {
            double lin = Cka.linear(Z, other);
            double rbf = Cka.rbf(Z, other, 0.5);
            for (double[][] t : List.of(zq, zs, zqs)) {
                assertEquals(lin, Cka.linear(t, other), 1e-10, "linear CKA");
                assertEquals(rbf, Cka.rbf(t, other, 0.5), 1e-10, "RBF CKA (σ follows the median distance)");
                assertEquals(Rsa.rsa(Rsa.rdm(Z, Rsa.Distance.EUCLIDEAN), Rsa.rdm(other, Rsa.Distance.EUCLIDEAN)),
                    Rsa.rsa(Rsa.rdm(t, Rsa.Distance.EUCLIDEAN), Rsa.rdm(other, Rsa.Distance.EUCLIDEAN)), 1e-10, "RSA Euclidean");
            }
        }
        // an isotropic scaling of one feature only is not a similarity transform: linear CKA changes
        double[][] stretched = Z.clone();
        for (int i = 0; i < stretched.length; i++) {
            stretched[i] = Z[i].clone();
            stretched[i][0] *= 10;
        }
        assertTrue(Math.abs(Cka.linear(Z, X) - Cka.linear(stretched, X)) > 1e-3);
    }

    @Test
    void permutationAndBootstrapAreSeededAndSensible() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40;
        double[][] a = new double[n][6];
        double[][] b = new double[n][5];
        double[][] c = new double[n][5];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = rng.nextGaussian();
            }
            for (int j = 0; j < 5; j++) {
                b[i][j] = a[i][j] + 0.3 * rng.nextGaussian();
                c[i][j] = rng.nextGaussian();
            }
        }
        List<String> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add("img" + i);
        }
        Map<String, double[][]> la = new LinkedHashMap<>();
        la.put("a", a);
        Map<String, double[][]> lb = new LinkedHashMap<>();
        lb.put("related", b);
        lb.put("unrelated", c);
        FeatureFolder fa = new FeatureFolder(Path.of("A"), images, la);
        FeatureFolder fb = new FeatureFolder(Path.of("B"), images, lb);
        Compare cmp = Compare.withDefaults().withBootstrap(200).withPermutations(199).withSeed(11);
        Compare.Result r1 = cmp.run(fa, fb, s -> { });
        Compare.Result r2 = cmp.run(fa, fb, s -> { });
        assertEquals(r1.pairs(), r2.pairs(), "same seed, same results");
        Compare.PairResult related = r1.pairs().get(0);
        Compare.PairResult unrelated = r1.pairs().get(1);
        for (Estimate e : List.of(related.linear(), related.rbf(), related.rsa())) {
            assertEquals(1.0 / 200, e.p(), 1e-12, "no permutation reaches the related pair");
            assertTrue(e.ciLow() <= e.value() && e.value() <= e.ciHigh(), e.toString());
        }
        assertTrue(unrelated.linear().p() > 0.05, unrelated.toString());
        assertTrue(unrelated.rsa().p() > 0.05, unrelated.toString());
        assertEquals(Cka.linear(a, b), related.linear().value(), 1e-12);
        Compare.Result other = cmp.withSeed(12).run(fa, fb, s -> { });
        assertTrue(other.pairs().get(0).linear().ciLow() != related.linear().ciLow(), "a different seed resamples differently");
        List<String> progress = new ArrayList<>();
        cmp.withBootstrap(0).withPermutations(0).run(fa, fb, s -> { }, (stage, done, total) -> progress.add(stage + " " + done + "/" + total));
        assertEquals(List.of("compare 0/2", "compare 1/2", "compare 2/2"), progress, "one report per layer pair");
    }

    @Test
    void fastPermutationRhoEqualsDirectSpearman() {
        double[][] ra = Rsa.rdm(X, Rsa.Distance.CORRELATION);
        double[][] rb = Rsa.rdm(Y, Rsa.Distance.EUCLIDEAN);
        int[] perm = {3, 1, 4, 0, 9, 2, 6, 5, 8, 7};
        double[][] permuted = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                permuted[i][j] = rb[perm[i]][perm[j]];
            }
        }
        assertEquals(Rsa.rsa(ra, permuted), new Rsa.RankedPair(ra, rb).rho(perm), 1e-12);
        int[] boot = {0, 0, 1, 2, 3, 3, 4, 5, 6, 9};
        int[] distinct = {0, 1, 2, 3, 4, 5, 6, 9};
        double[][] da = new double[8][8];
        double[][] db = new double[8][8];
        // pairs of the same image are dropped; the remaining pairs repeat, so compare against SciPy-free direct sums
        assertTrue(Double.isFinite(Rsa.rsaResampled(ra, rb, boot)));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                da[i][j] = ra[distinct[i]][distinct[j]];
                db[i][j] = rb[distinct[i]][distinct[j]];
            }
        }
        assertEquals(Rsa.rsa(da, db), Rsa.rsaResampled(ra, rb, distinct), 1e-12);
        assertArrayEquals(new double[] {0, 0}, new double[] {ra[0][0], rb[0][0]});
    }

    static double[][] randomOrthogonal(int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = new double[p][p];
        for (int i = 0; i < p; i++) {
            q[i][i] = 1;
        }
        for (int k = 0; k < 3 * p; k++) {
            int i = rng.nextInt(p);
            int j = (i + 1 + rng.nextInt(p - 1)) % p;
            double t = rng.nextDouble() * 2 * Math.PI;
            double c = Math.cos(t);
            double s = Math.sin(t);
            for (int r = 0; r < p; r++) {
                double a = q[r][i];
                double b = q[r][j];
                q[r][i] = c * a - s * b;
                q[r][j] = s * a + c * b;
            }
        }
        return q;
    }

    static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] scale(double[][] a, double s) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] *= s;
            }
        }
        return c;
    }
}
