package engram.analysis.stats;

import java.util.Arrays;

/** Average ranks ("fractional ranking", ties get the mean of the ranks they span), 1-based. */
public final class Ranks {
    private final double[] ranks;
    private final double tieTerm;
    private final boolean ties;

    private Ranks(double[] ranks, double tieTerm, boolean ties) {
        this.ranks = ranks;
        this.tieTerm = tieTerm;
        this.ties = ties;
    }

    /**
     * Ranks the values; ties receive the average of the ranks they occupy.
     *
     * @param values finite values
     * @return the ranks with the tie statistics
     */
    public static Ranks of(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] r = new double[n];
        double tieSum = 0;
        boolean anyTie = false;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && values[order[j]] == values[order[i]]) {
                j++;
            }
            double avg = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                r[order[k]] = avg;
            }
            double t = j - i;
            if (t > 1) {
                anyTie = true;
                tieSum += t * t * t - t;
            }
            i = j;
        }
        return new Ranks(r, tieSum, anyTie);
    }

    /** @return the ranks, in the order of the input values (a copy) */
    public double[] ranks() {
        return ranks.clone();
    }

    double[] ranksNoCopy() {
        return ranks;
    }

    /** @return the sum over tie groups of t³ − t */
    public double tieTerm() {
        return tieTerm;
    }

    /** @return whether any two values are equal */
    public boolean hasTies() {
        return ties;
    }
}
