package engram.simulate;

import java.util.Map;
import java.util.TreeSet;

/**
 * Probability of responding to a repeated image: one rate for all images, or one per condition where a manifest maps
 * each image id to its condition. An image without a condition, or whose condition has no rate, uses the rate named
 * {@code default} when given, otherwise the overall rate.
 */
public final class HitRates {

    /** The key in a per-condition map that applies to images whose condition has no rate of its own. */
    public static final String DEFAULT_KEY = "default";

    private final double overall;
    private final Map<String, Double> byCondition;
    private final Map<String, String> conditionByImage;

    private HitRates(double overall, Map<String, Double> byCondition, Map<String, String> conditionByImage) {
        this.overall = Arguments.probability("hit rate", overall);
        byCondition.forEach((condition, rate) -> Arguments.probability("hit rate for " + condition, rate));
        this.byCondition = Map.copyOf(byCondition);
        this.conditionByImage = Map.copyOf(conditionByImage);
    }

    /** @return one rate for every image */
    public static HitRates uniform(double rate) {
        return new HitRates(rate, Map.of(), Map.of());
    }

    /**
     * @param byCondition rate per condition, optionally with a {@value #DEFAULT_KEY} entry
     * @param conditionByImage condition of each image id (from the manifest)
     * @param fallback rate for images not covered by either map and no default entry
     * @return per-condition rates
     */
    public static HitRates byCondition(Map<String, Double> byCondition, Map<String, String> conditionByImage,
                                       double fallback) {
        return new HitRates(byCondition.getOrDefault(DEFAULT_KEY, fallback), byCondition, conditionByImage);
    }

    /** @return the probability of responding when {@code imageId} is shown again */
    public double forImage(String imageId) {
        String condition = conditionByImage.get(imageId);
        if (condition == null) {
            return overall;
        }
        return byCondition.getOrDefault(condition, overall);
    }

    /** @return whether rates are given per condition */
    public boolean perCondition() {
        return !byCondition.isEmpty();
    }

    /** @return the manifest's conditions that have no rate of their own, and no default entry covers */
    public TreeSet<String> conditionsWithoutRate() {
        TreeSet<String> missing = new TreeSet<>();
        if (byCondition.isEmpty() || byCondition.containsKey(DEFAULT_KEY)) {
            return missing;
        }
        for (String condition : conditionByImage.values()) {
            if (!byCondition.containsKey(condition)) {
                missing.add(condition);
            }
        }
        return missing;
    }

    Map<String, Double> rates() {
        return byCondition;
    }

    Map<String, String> manifest() {
        return conditionByImage;
    }

    double overall() {
        return overall;
    }
}
