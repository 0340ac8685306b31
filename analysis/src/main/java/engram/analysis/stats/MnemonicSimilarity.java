package engram.analysis.stats;

/**
 * Scores of the old/similar/new (mnemonic similarity) task, Stark et al. (2013), Neuropsychologia 51, 2442–2449:
 * the lure discrimination index LDI = p("similar" | lure) − p("similar" | foil) and the recognition score
 * REC = p("old" | target) − p("old" | foil), proportions of answered trials, uncorrected.
 */
public final class MnemonicSimilarity {
    private MnemonicSimilarity() {
    }

    /** @return p("similar" | lure) − p("similar" | foil); NaN when there are no lure or no foil answers */
    public static double ldi(long similarToLures, long lures, long similarToFoils, long foils) {
        return difference(similarToLures, lures, similarToFoils, foils);
    }

    /** @return p("old" | target) − p("old" | foil); NaN when there are no target or no foil answers */
    public static double rec(long oldToTargets, long targets, long oldToFoils, long foils) {
        return difference(oldToTargets, targets, oldToFoils, foils);
    }

    private static double difference(long a, long na, long b, long nb) {
        Arguments.check(a >= 0 && b >= 0 && a <= na && b <= nb, "counts must satisfy 0 <= count <= trials");
        return SignalDetection.rate(a, na) - SignalDetection.rate(b, nb);
    }
}
