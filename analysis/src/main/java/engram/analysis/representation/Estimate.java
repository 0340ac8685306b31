package engram.analysis.representation;

/**
 * A statistic with its bootstrap percentile confidence interval over images and its permutation p-value.
 *
 * @param value  the statistic on all images
 * @param ciLow  lower bound of the percentile CI (NaN without bootstrap)
 * @param ciHigh upper bound of the percentile CI (NaN without bootstrap)
 * @param p      one-sided permutation p-value, (1 + #{null ≥ value}) / (1 + permutations) (NaN without permutations)
 */
public record Estimate(double value, double ciLow, double ciHigh, double p) {
}
