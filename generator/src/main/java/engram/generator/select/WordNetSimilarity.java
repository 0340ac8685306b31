package engram.generator.select;

import engram.generator.StimulusException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * WordNet 3.1 similarity (extjwnl with the Maven-packaged WordNet data), the built-in fallback when no word
 * vectors are given. Each concept maps to its most frequent noun sense; similarity is Wu and Palmer's (1994)
 * sim = 2·N3 / (N1 + N2 + 2·N3), where N3 is the depth of the lowest common hypernym (root = 1, shortest
 * path) and N1, N2 the path lengths from each sense to it. Concepts missing from WordNet are an error.
 */
public final class WordNetSimilarity implements SemanticSimilarity {
    private final Dictionary dictionary;
    private final Map<String, Synset> senses = new HashMap<>();

    private WordNetSimilarity(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Opens the packaged WordNet. */
    public static WordNetSimilarity open() {
        try {
            return new WordNetSimilarity(Dictionary.getDefaultResourceInstance());
        } catch (JWNLException e) {
            throw new StimulusException("WordNet: cannot open the packaged dictionary: " + e.getMessage(), e);
        }
    }

    /** The concept's first noun sense, or null when WordNet lacks it. */
    Synset sense(String concept) {
        return senses.computeIfAbsent(concept, c -> {
            try {
                IndexWord word = dictionary.lookupIndexWord(POS.NOUN, SemanticSimilarity.words(c));
                return word == null || word.getSenses().isEmpty() ? null : word.getSenses().get(0);
            } catch (JWNLException e) {
                throw new StimulusException("WordNet: lookup of '" + c + "' failed: " + e.getMessage(), e);
            }
        });
    }

    /** Throws naming the first concept that WordNet does not know. */
    public void requireAll(Iterable<String> concepts, String source) {
        for (String c : concepts) {
            if (sense(c) == null) {
                throw new StimulusException("database " + source + ": concept folder '" + c + "' ('" + SemanticSimilarity.words(c)
                        + "') is not a WordNet noun; give `wordVectors` (a FILE) instead");
            }
        }
    }

    @Override
    public double between(String conceptA, String conceptB) {
        Synset a = sense(conceptA);
        Synset b = sense(conceptB);
        if (a == null || b == null) {
            throw new StimulusException("WordNet: no noun sense for '" + (a == null ? conceptA : conceptB) + "'");
        }
        Map<Long, Integer> upA = ancestorCache.computeIfAbsent(a.getOffset(), o -> ancestors(a));
        Map<Long, Integer> upB = ancestorCache.computeIfAbsent(b.getOffset(), o -> ancestors(b));
        double best = 0;
        for (Map.Entry<Long, Integer> e : upA.entrySet()) {
            Integer distanceB = upB.get(e.getKey());
            if (distanceB == null) {
                continue;
            }
            int depth = depth(e.getKey());
            double sim = 2.0 * depth / (e.getValue() + distanceB + 2.0 * depth);
            best = Math.max(best, sim);
        }
        return best;
    }

    private final Map<Long, Synset> byOffset = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> ancestorCache = new HashMap<>();
    private final Map<Long, Integer> depths = new HashMap<>();

    /** Every hypernym ancestor (including the synset) with its shortest distance. */
    private Map<Long, Integer> ancestors(Synset start) {
        Map<Long, Integer> distance = new HashMap<>();
        ArrayDeque<Synset> queue = new ArrayDeque<>();
        distance.put(start.getOffset(), 0);
        byOffset.put(start.getOffset(), start);
        queue.add(start);
        while (!queue.isEmpty()) {
            Synset s = queue.poll();
            int d = distance.get(s.getOffset());
            for (Synset parent : parents(s)) {
                if (!distance.containsKey(parent.getOffset())) {
                    distance.put(parent.getOffset(), d + 1);
                    byOffset.put(parent.getOffset(), parent);
                    queue.add(parent);
                }
            }
        }
        return distance;
    }

    /** Depth of a synset: 1 + shortest hypernym path to a root. */
    private int depth(long offset) {
        return depths.computeIfAbsent(offset, o -> {
            Map<Long, Integer> up = ancestors(byOffset.get(o));
            int best = Integer.MAX_VALUE;
            for (Map.Entry<Long, Integer> e : up.entrySet()) {
                if (parents(byOffset.get(e.getKey())).isEmpty()) {
                    best = Math.min(best, e.getValue());
                }
            }
            return best + 1;
        });
    }

    private static java.util.List<Synset> parents(Synset s) {
        java.util.List<Synset> parents = new java.util.ArrayList<>();
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.HYPERNYM || p.getType() == PointerType.INSTANCE_HYPERNYM) {
                try {
                    parents.add(p.getTargetSynset());
                } catch (JWNLException e) {
                    throw new StimulusException("WordNet: cannot follow a hypernym pointer: " + e.getMessage(), e);
                }
            }
        }
        return parents;
    }

    @Override
    public String describe() {
        return "WordNet 3.1 Wu-Palmer similarity of the first noun senses (extjwnl)";
    }
}
