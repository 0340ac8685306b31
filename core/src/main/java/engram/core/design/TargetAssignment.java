package engram.core.design;

import engram.core.random.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which pairs are targets in which sequence and which member is shown.
 * <p>
 * Pairs are dealt to sequences round-robin from reshuffled rounds, so every pair is a target in
 * floor(KR/P) or ceil(KR/P) sequences and never twice in one. The members are then chosen by an equitable
 * 2-colouring of the edges of the bipartite pair-sequence graph (one edge per use): odd-degree vertices are joined
 * to a dummy vertex on the other side, an Euler circuit of each component is coloured alternately (circuits are
 * even because the graph is bipartite), so at every vertex both colours occur equally often and, once the dummy
 * edges are removed, within one. Colour 0 shows the member in the first target condition, colour 1 the other.
 * Hence each pair's two members differ by at most one use, and each sequence's two conditions by at most one
 * target (exactly equal when the count is even). See de Werra (1971) on equitable edge colourings; the colouring
 * itself is {@link EquitableColouring}'s, shared with the recognition designs.
 */
final class TargetAssignment {

    private TargetAssignment() {
    }

    /**
     * Returns, for each sequence k, {@code repeats} entries {pairIndex, member}, member 0 or 1.
     * Requires repeats <= pairs.
     */
    static int[][][] assign(int pairs, int sequences, int repeats, SplitMix64 random) {
        int[][] chosen = dealPairs(pairs, sequences, repeats, random);
        int[][] member = colour(pairs, sequences, chosen, random);
        int[][][] result = new int[sequences][repeats][];
        for (int k = 0; k < sequences; k++) {
            for (int j = 0; j < repeats; j++) {
                result[k][j] = new int[] {chosen[k][j], member[k][j]};
            }
        }
        return result;
    }

    private static int[][] dealPairs(int pairs, int sequences, int repeats, SplitMix64 random) {
        int[][] chosen = new int[sequences][repeats];
        int[] order = identity(pairs);
        random.shuffle(order);
        int cursor = 0;
        for (int k = 0; k < sequences; k++) {
            boolean[] inSequence = new boolean[pairs];
            for (int j = 0; j < repeats; j++) {
                if (cursor == pairs) {
                    order = newRound(pairs, inSequence, repeats - j, random);
                    cursor = 0;
                }
                int pair = order[cursor++];
                chosen[k][j] = pair;
                inSequence[pair] = true;
            }
        }
        return chosen;
    }

    /** A fresh random order whose first {@code needed} pairs are not already in the current sequence. */
    private static int[] newRound(int pairs, boolean[] inSequence, int needed, SplitMix64 random) {
        int[] order = identity(pairs);
        random.shuffle(order);
        for (int t = 0; t < needed; t++) {
            if (inSequence[order[t]]) {
                List<Integer> free = new ArrayList<>();
                for (int u = needed; u < pairs; u++) {
                    if (!inSequence[order[u]]) {
                        free.add(u);
                    }
                }
                int u = free.get(random.nextInt(free.size()));
                int swap = order[t];
                order[t] = order[u];
                order[u] = swap;
            }
        }
        return order;
    }

    /** Shuffles the pair-sequence edges and colours them with {@link EquitableColouring}: member[k][j]. */
    private static int[][] colour(int pairs, int sequences, int[][] chosen, SplitMix64 random) {
        int repeats = chosen.length == 0 ? 0 : chosen[0].length;
        List<int[]> uses = new ArrayList<>();   // {pair, k, j}
        for (int k = 0; k < sequences; k++) {
            for (int j = 0; j < repeats; j++) {
                uses.add(new int[] {chosen[k][j], k, j});
            }
        }
        random.shuffle(uses);
        int[][] edges = new int[uses.size()][];
        for (int e = 0; e < edges.length; e++) {
            edges[e] = new int[] {uses.get(e)[0], uses.get(e)[1]};
        }
        int[] colours = EquitableColouring.colour(pairs, sequences, edges, random);
        int[][] member = new int[sequences][repeats];
        for (int e = 0; e < edges.length; e++) {
            member[uses.get(e)[1]][uses.get(e)[2]] = colours[e];
        }
        return member;
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
