package engram.analysis.representation;

import engram.analysis.stats.Correlation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Split-half reliability of a target unit measured in R repetitions, corrected to the full number of repetitions
 * with the Spearman–Brown formula ρ = 2r / (1 + r) (Spearman 1910; Brown 1910). The repetitions are split into two
 * halves (⌊R/2⌋ and ⌈R/2⌉), each half is averaged per image, and Pearson's r between the halves across images is
 * averaged over splits: over every balanced split when there are at most {@code splits} of them, else over
 * {@code splits} seeded random ones.
 */
public final class NoiseCeiling {
    private NoiseCeiling() {
    }

    /** @return 2r / (1 + r) */
    public static double spearmanBrown(double r) {
        return 2 * r / (1 + r);
    }

    /**
     * @param reps   repetition × image values of one unit (at least 2 repetitions)
     * @param splits the most splits to average
     * @param seed   seed for random splits
     * @return the Spearman–Brown corrected split-half reliability
     */
    public static double reliability(double[][] reps, int splits, long seed) {
        return spearmanBrown(meanSplitHalfR(reps, splits, seed));
    }

    /** @return the mean split-half Pearson r (before correction) */
    public static double meanSplitHalfR(double[][] reps, int splits, long seed) {
        int r = reps.length;
        if (r < 2) {
            throw new IllegalArgumentException("a noise ceiling needs at least 2 repetitions, got " + r);
        }
        List<boolean[]> halves = allSplits(r);
        if (halves == null || halves.size() > splits) {
            halves = randomSplits(r, splits, seed);
        }
        double sum = 0;
        int count = 0;
        for (boolean[] first : halves) {
            double v = Correlation.pearson(halfMean(reps, first, true), halfMean(reps, first, false));
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double[] halfMean(double[][] reps, boolean[] first, boolean which) {
        int n = reps[0].length;
        double[] m = new double[n];
        int c = 0;
        for (int k = 0; k < reps.length; k++) {
            if (first[k] == which) {
                c++;
                for (int i = 0; i < n; i++) {
                    m[i] += reps[k][i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            m[i] /= c;
        }
        return m;
    }

    /** Every split of r repetitions into ⌊r/2⌋ (containing repetition 0 when r is even) and the rest; null if too many. */
    private static List<boolean[]> allSplits(int r) {
        if (r > 20) {
            return null;
        }
        int half = r / 2;
        List<boolean[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << r; mask++) {
            if (Integer.bitCount(mask) != half || (r % 2 == 0 && (mask & 1) == 0)) {
                continue;
            }
            boolean[] first = new boolean[r];
            for (int k = 0; k < r; k++) {
                first[k] = (mask >> k & 1) == 1;
            }
            out.add(first);
        }
        return out;
    }

    private static List<boolean[]> randomSplits(int r, int splits, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<boolean[]> out = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            int[] p = new int[r];
            for (int i = 0; i < r; i++) {
                p[i] = i;
            }
            for (int i = r - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            boolean[] first = new boolean[r];
            for (int i = 0; i < r / 2; i++) {
                first[p[i]] = true;
            }
            out.add(first);
        }
        return out;
    }
}
