package engram.analysis.representation.bench;

import engram.analysis.representation.Cka;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times linear and RBF CKA between two random representations of n images × p features (Y = a random linear map of X
 * plus noise, so that CKA is well inside (0, 1)). Usage: {@code CkaBenchmark n p runs [linear|rbf|both] [seed]}.
 * Prints one line per run and the medians. Not a test.
 */
public final class CkaBenchmark {
    private CkaBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int p = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        String which = args.length > 3 ? args[3] : "both";
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        // Y = X W + noise, W a sparse random map (each output mixes 8 inputs), computed in O(n p)
        double[][] y = new double[n][p];
        int[][] from = new int[p][8];
        double[][] w = new double[p][8];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < 8; k++) {
                from[j][k] = rng.nextInt(p);
                w[j][k] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 2 * rng.nextGaussian();
                for (int k = 0; k < 8; k++) {
                    s += w[j][k] * x[i][from[j][k]];
                }
                y[i][j] = s;
            }
        }
        System.out.printf(Locale.ROOT, "n=%d p=%d runs=%d threads(availableProcessors)=%d java=%s%n", n, p, runs,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        double[] lin = new double[runs];
        double[] rbf = new double[runs];
        for (int r = 0; r < runs; r++) {
            if (!which.equals("rbf")) {
                long t0 = System.nanoTime();
                double v = Cka.linear(x, y);
                lin[r] = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "run %d linear CKA %.6f in %.2f s%n", r + 1, v, lin[r]);
            }
            if (!which.equals("linear")) {
                long t0 = System.nanoTime();
                double v = Cka.rbf(x, y, 0.5);
                rbf[r] = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "run %d RBF CKA (sigma 0.5 x median) %.6f in %.2f s%n", r + 1, v, rbf[r]);
            }
        }
        if (!which.equals("rbf")) {
            System.out.printf(Locale.ROOT, "median linear CKA: %.2f s%n", median(lin));
        }
        if (!which.equals("linear")) {
            System.out.printf(Locale.ROOT, "median RBF CKA: %.2f s%n", median(rbf));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
