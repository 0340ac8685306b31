package engram.analysis;

import java.util.List;

/**
 * Settings of an analysis, immutable; change them with the withers, e.g.
 * {@code AnalysisOptions.defaults().withSplits(200).withSeed(7)}.
 *
 * @param grid                  VMS grid size G (cells per side)
 * @param splits                number of random split-halves S
 * @param seed                  seed of the split-halves
 * @param pairConditions        the two conditions compared by the paired and between-condition tests (first − second)
 * @param minVigilanceHitRate   participants with a lower vigilance hit rate are excluded
 * @param maxFalseAlarmRate     participants with this false-alarm rate or higher are excluded
 * @param outlierSd             outliers beyond this many SD from their group mean are dropped in the trimmed tests (≤ 0: no trimmed tests)
 * @param smoothingSigma        Gaussian smoothing of the heatmap PNGs, in cells (0: none); numbers are never smoothed
 * @param maxHeatmaps           at most this many images get heatmap PNGs (−1: all)
 * @param threads               worker threads for the split-halves
 * @param vmsConsistency        whether to compute the split-half consistency of the true VMS maps
 */
public record AnalysisOptions(int grid, int splits, long seed, List<String> pairConditions, double minVigilanceHitRate,
                              double maxFalseAlarmRate, double outlierSd, double smoothingSigma, int maxHeatmaps,
                              int threads, boolean vmsConsistency) {

    /** Validates the settings. */
    public AnalysisOptions {
        if (grid < 1 || grid > 1000) {
            throw new IllegalArgumentException("grid must be between 1 and 1000, got " + grid);
        }
        if (splits < 0) {
            throw new IllegalArgumentException("splits must be 0 or more, got " + splits);
        }
        pairConditions = List.copyOf(pairConditions);
        if (pairConditions.size() != 2 || pairConditions.get(0).equals(pairConditions.get(1))) {
            throw new IllegalArgumentException("pairs must name two different conditions, got " + pairConditions);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        }
        if (!(minVigilanceHitRate >= 0 && minVigilanceHitRate <= 1)) {
            throw new IllegalArgumentException("the minimum vigilance hit rate must be between 0 and 1, got " + minVigilanceHitRate);
        }
        if (!(maxFalseAlarmRate >= 0 && maxFalseAlarmRate <= 1)) {
            throw new IllegalArgumentException("the maximum false-alarm rate must be between 0 and 1, got " + maxFalseAlarmRate);
        }
        if (smoothingSigma < 0) {
            throw new IllegalArgumentException("smoothing must be 0 or more, got " + smoothingSigma);
        }
    }

    /** @return G = 10, S = 1000, seed 1, pairs high,low, vigilance ≥ 0.60, FAR &lt; 0.40, 2 SD, no smoothing, all heatmaps */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(10, 1000, 1, List.of("high", "low"), 0.60, 0.40, 2.0, 0, -1,
            Runtime.getRuntime().availableProcessors(), true);
    }

    public AnalysisOptions withGrid(int g) {
        return new AnalysisOptions(g, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withSplits(int s) {
        return new AnalysisOptions(grid, s, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withSeed(long s) {
        return new AnalysisOptions(grid, splits, s, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withPairConditions(String first, String second) {
        return new AnalysisOptions(grid, splits, seed, List.of(first, second), minVigilanceHitRate, maxFalseAlarmRate,
            outlierSd, smoothingSigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withExclusion(double minVigilance, double maxFar) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilance, maxFar, outlierSd, smoothingSigma,
            maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withOutlierSd(double sd) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, sd,
            smoothingSigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withSmoothing(double sigma) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            sigma, maxHeatmaps, threads, vmsConsistency);
    }

    public AnalysisOptions withMaxHeatmaps(int max) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, max, threads, vmsConsistency);
    }

    public AnalysisOptions withVmsConsistency(boolean on) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, maxHeatmaps, threads, on);
    }

    public AnalysisOptions withThreads(int n) {
        return new AnalysisOptions(grid, splits, seed, pairConditions, minVigilanceHitRate, maxFalseAlarmRate, outlierSd,
            smoothingSigma, maxHeatmaps, n, vmsConsistency);
    }
}
