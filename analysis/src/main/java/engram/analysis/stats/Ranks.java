package engram.analysis.stats;

import java.util.Arrays;
import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/**
 * Average ranks ("fractional ranking", ties get the mean of the ranks they span, 1-based) from Commons Statistics'
 * {@link NaturalRanking}, as {@code scipy.stats.rankdata}. The library does not report the tie groups, so the
 * tie term Σ(t³ − t) used by the rank tests' variance corrections is counted here.
 */
public final class Ranks {
    private static final NaturalRanking AVERAGE = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

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
        double[] r = AVERAGE.apply(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double tieSum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tieSum += t * t * t - t;
            i = j;
        }
        return new Ranks(r, tieSum, tieSum > 0);
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
