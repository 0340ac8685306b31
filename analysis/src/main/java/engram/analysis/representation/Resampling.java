package engram.analysis.representation;

import java.util.SplittableRandom;

/** Seeded resamples of image indices: bootstrap draws with replacement and permutations (Fisher–Yates). */
final class Resampling {
    private Resampling() {
    }

    /** @return count bootstrap index vectors of length n, from the seed */
    static int[][] bootstrap(int n, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] out = new int[count][n];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < n; i++) {
                out[b][i] = rng.nextInt(n);
            }
        }
        return out;
    }

    /** @return count permutations of 0..n-1, from the seed */
    static int[][] permutations(int n, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            out[b] = p;
        }
        return out;
    }

    /** @return the percentile interval [α/2, 1 − α/2] of the finite values, NaNs when there are none */
    static double[] interval(double[] values, double level) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double alpha = 1 - level;
        return new double[] {Matrices.quantile(finite, alpha / 2), Matrices.quantile(finite, 1 - alpha / 2)};
    }

    /** @return (1 + #{null ≥ observed}) / (1 + count), NaN when count is 0 or observed is NaN */
    static double pGreater(double observed, double[] nulls) {
        if (nulls.length == 0 || Double.isNaN(observed)) {
            return Double.NaN;
        }
        int ge = 0;
        for (double v : nulls) {
            if (v >= observed - 1e-12) {
                ge++;
            }
        }
        return (1.0 + ge) / (1.0 + nulls.length);
    }
}
