package engram.analysis.stats;

/**
 * The confidence-based ROC of an old/new test and the area under it.
 *
 * <p>Each answered trial gets a rating on one scale of 2L points (L = the confidence levels; L = 1 without a
 * confidence scale): "new" with confidence c is rating L + 1 − c, "old" with confidence c is rating L + c, so 1 is
 * the surest "new" and 2L the surest "old". For each criterion r = 2L, 2L − 1, …, 1 the point is
 * (F(r), H(r)) with H(r) = P(rating ≥ r | target) and F(r) = P(rating ≥ r | foil), uncorrected proportions; r = 1
 * gives (1, 1). The AUC is the trapezoid rule over (0, 0) and these points, in that order. Without a confidence scale
 * that is (1 + H − F)/2. The trapezoid AUC equals the Mann–Whitney probability P(rating of a target &gt; rating of a
 * foil) + ½ P(equal) (Bamber 1975), which the SciPy reference test uses as a second check.
 */
public final class Roc {
    private Roc() {
    }

    /**
     * @param targets counts of target trials per rating, index 0 = rating 1
     * @param foils   counts of foil trials per rating, same length
     * @return the points for criteria r = 2L … 1 as {F, H} pairs (points[0] is r = 2L); null when either has no trials
     */
    public static double[][] points(long[] targets, long[] foils) {
        Arguments.check(targets.length == foils.length && targets.length >= 2,
            "targets and foils need the same number of ratings (2 or more)");
        long nt = 0;
        long nf = 0;
        for (int i = 0; i < targets.length; i++) {
            Arguments.check(targets[i] >= 0 && foils[i] >= 0, "counts must be 0 or more");
            nt += targets[i];
            nf += foils[i];
        }
        if (nt == 0 || nf == 0) {
            return null;
        }
        int r = targets.length;
        double[][] out = new double[r][];
        long ct = 0;
        long cf = 0;
        for (int k = r - 1; k >= 0; k--) {
            ct += targets[k];
            cf += foils[k];
            out[r - 1 - k] = new double[] {(double) cf / nf, (double) ct / nt};
        }
        return out;
    }

    /** @return the area under the ROC by the trapezoid rule from (0, 0) over {@link #points}; NaN without trials */
    public static double auc(long[] targets, long[] foils) {
        double[][] p = points(targets, foils);
        if (p == null) {
            return Double.NaN;
        }
        double area = 0;
        double f = 0;
        double h = 0;
        for (double[] point : p) {
            area += (point[0] - f) * (point[1] + h) / 2;
            f = point[0];
            h = point[1];
        }
        return area;
    }

    /** @return the rating 1..2L of an answer ("old" or "new") with confidence c in 1..L (L = 1 and c = 1 without a scale) */
    public static int rating(boolean old, int confidence, int levels) {
        Arguments.check(levels >= 1 && confidence >= 1 && confidence <= levels,
            "confidence must lie in 1.." + levels + ", got " + confidence);
        return old ? levels + confidence : levels + 1 - confidence;
    }
}
