package engram.generator.select;

/** Semantic similarity between two concept names (higher = closer in meaning). */
public interface SemanticSimilarity {
    /** Similarity of two concepts. */
    double between(String conceptA, String conceptB);

    /** Short description for generation.json. */
    String describe();

    /**
     * The word(s) of a concept folder name: lower case, '_' and '-' as spaces, a trailing sense number
     * dropped ("bat2" → "bat", as in THINGS).
     */
    static String words(String concept) {
        return concept.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\d+$", "").trim();
    }
}
