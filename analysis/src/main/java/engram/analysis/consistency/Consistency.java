package engram.analysis.consistency;

/**
 * Split-half consistency of one measure.
 *
 * @param measure       {@code hit_rate} or {@code vms_true}
 * @param splits        number of splits whose correlation was defined (≤ the splits asked for)
 * @param meanRho       mean correlation over the splits
 * @param sdRho         standard deviation (n − 1) of the correlation over the splits
 * @param spearmanBrown 2·meanRho/(1 + meanRho)
 */
public record Consistency(String measure, int splits, double meanRho, double sdRho, double spearmanBrown) {
}
