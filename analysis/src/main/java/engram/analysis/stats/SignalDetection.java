package engram.analysis.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Signal-detection measures with the log-linear correction (Hautus 1995, Behavior Research Methods,
 * Instruments &amp; Computers 27, 46–51): H′ = (hits + 0.5)/(hits + misses + 1),
 * F′ = (false alarms + 0.5)/(false alarms + correct rejections + 1);
 * d′ = z(H′) − z(F′), c = −(z(H′) + z(F′))/2 with z the standard normal quantile.
 */
public final class SignalDetection {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private SignalDetection() {
    }

    /** @return count/total, NaN when total is 0 */
    public static double rate(long count, long total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }

    /** @return (count + 0.5)/(total + 1) */
    public static double corrected(long count, long total) {
        return (count + 0.5) / (total + 1.0);
    }

    /** @return d′, NaN when there are no signal or no noise trials */
    public static double dprime(long hits, long misses, long falseAlarms, long correctRejections) {
        if (hits + misses == 0 || falseAlarms + correctRejections == 0) {
            return Double.NaN;
        }
        return z(corrected(hits, hits + misses)) - z(corrected(falseAlarms, falseAlarms + correctRejections));
    }

    /** @return the criterion c, NaN when there are no signal or no noise trials */
    public static double criterion(long hits, long misses, long falseAlarms, long correctRejections) {
        if (hits + misses == 0 || falseAlarms + correctRejections == 0) {
            return Double.NaN;
        }
        return -(z(corrected(hits, hits + misses)) + z(corrected(falseAlarms, falseAlarms + correctRejections))) / 2;
    }

    private static double z(double p) {
        return STANDARD.inverseCumulativeProbability(p);
    }
}
