package engram.core.design;

import java.util.List;

/**
 * The rules of a set of sequences. Lag is always (index of the second showing) - (index of the first showing),
 * so lag 1 means back to back and lag L means L-1 other images in between.
 *
 * @param sequences            K, the number of sequences (default 10)
 * @param length               positions per sequence (default 150)
 * @param repeats              target images repeated in each sequence (default 40)
 * @param minLag               smallest target lag (default 30, see docs/sequences.md)
 * @param maxLag               largest target lag; {@link #UNBOUNDED_LAG} (the default) means length - 1
 * @param vigilanceRepeats     attention-check repeats per sequence (default 0)
 * @param vigilanceMinLag      smallest vigilance lag (default 1)
 * @param vigilanceMaxLag      largest vigilance lag (default 7)
 * @param targetConditions     the two conditions of a pair's members, e.g. high and low (default [high, low])
 * @param fillerConditions     conditions of images used only as fillers (default [foil])
 * @param allowRepeatedFillers whether a filler or vigilance image may be used in more than one sequence (default true)
 * @param seed                 seed of the generator (default 1)
 */
public record DesignParameters(int sequences, int length, int repeats, int minLag, int maxLag,
                               int vigilanceRepeats, int vigilanceMinLag, int vigilanceMaxLag,
                               List<String> targetConditions, List<String> fillerConditions,
                               boolean allowRepeatedFillers, long seed) {

    /** maxLag value meaning "no upper bound" (length - 1). */
    public static final int UNBOUNDED_LAG = Integer.MAX_VALUE;

    public DesignParameters {
        Arguments.atLeast(sequences, 1, "sequences");
        Arguments.atLeast(length, 1, "length");
        Arguments.atLeast(repeats, 0, "repeats");
        Arguments.atLeast(minLag, 1, "minLag");
        Arguments.atLeast(maxLag, 1, "maxLag");
        Arguments.atLeast(vigilanceRepeats, 0, "vigilanceRepeats");
        Arguments.atLeast(vigilanceMinLag, 1, "vigilanceMinLag");
        Arguments.atLeast(vigilanceMaxLag, 1, "vigilanceMaxLag");
        targetConditions = Arguments.distinct(targetConditions, "targetConditions", "condition");
        fillerConditions = Arguments.distinct(fillerConditions, "fillerConditions", "condition");
    }

    /** The model study's design (Kyle-Davidson, Bors &amp; Evans 2022): 10 x 150 trials, 40 repeats at lag >= 30. */
    public static DesignParameters withDefaults() {
        return new DesignParameters(10, 150, 40, 30, UNBOUNDED_LAG, 0, 1, 7,
                List.of("high", "low"), List.of("foil"), true, 1L);
    }

    public DesignParameters withSequences(int value) {
        return new DesignParameters(value, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withLength(int value) {
        return new DesignParameters(sequences, value, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withRepeats(int value) {
        return new DesignParameters(sequences, length, value, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withMinLag(int value) {
        return new DesignParameters(sequences, length, repeats, value, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withMaxLag(int value) {
        return new DesignParameters(sequences, length, repeats, minLag, value, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    /** Target lags between {@code min} and {@code max} inclusive. */
    public DesignParameters withLag(int min, int max) {
        return withMinLag(min).withMaxLag(max);
    }

    public DesignParameters withVigilanceRepeats(int value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, value, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withVigilanceMinLag(int value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, value,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withVigilanceMaxLag(int value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                value, targetConditions, fillerConditions, allowRepeatedFillers, seed);
    }

    /** Vigilance lags between {@code min} and {@code max} inclusive. */
    public DesignParameters withVigilanceLag(int min, int max) {
        return withVigilanceMinLag(min).withVigilanceMaxLag(max);
    }

    public DesignParameters withTargetConditions(List<String> value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, value, fillerConditions, allowRepeatedFillers, seed);
    }

    public DesignParameters withFillerConditions(List<String> value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, value, allowRepeatedFillers, seed);
    }

    public DesignParameters withAllowRepeatedFillers(boolean value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, value, seed);
    }

    public DesignParameters withSeed(long value) {
        return new DesignParameters(sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag,
                vigilanceMaxLag, targetConditions, fillerConditions, allowRepeatedFillers, value);
    }

    /** maxLag with {@link #UNBOUNDED_LAG} resolved: min(maxLag, length - 1). */
    public int effectiveMaxLag() {
        return Math.min(maxLag, length - 1);
    }

    /** min(vigilanceMaxLag, length - 1). */
    public int effectiveVigilanceMaxLag() {
        return Math.min(vigilanceMaxLag, length - 1);
    }

    /** Positions per sequence shown once: length - 2 x repeats - 2 x vigilanceRepeats (negative when infeasible). */
    public int fillersPerSequence() {
        return length - 2 * repeats - 2 * vigilanceRepeats;
    }
}
