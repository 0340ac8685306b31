package engram.core.design;

import engram.core.random.SplitMix64;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * target (exactly equal when the count is even). See de Werra (1971) on equitable edge colourings.
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

    private static int[][] colour(int pairs, int sequences, int[][] chosen, SplitMix64 random) {
        int repeats = chosen.length == 0 ? 0 : chosen[0].length;
        int pairDummy = pairs + sequences;      // on the pair side, joined to odd sequences
        int sequenceDummy = pairDummy + 1;      // on the sequence side, joined to odd pairs
        int vertices = sequenceDummy + 1;
        List<int[]> edges = new ArrayList<>();  // {u, v, k, j}; k = -1 for dummy edges
        List<int[]> real = new ArrayList<>();
        for (int k = 0; k < sequences; k++) {
            for (int j = 0; j < repeats; j++) {
                real.add(new int[] {chosen[k][j], pairs + k, k, j});
            }
        }
        random.shuffle(real);
        edges.addAll(real);
        int[] degree = new int[vertices];
        for (int[] edge : real) {
            degree[edge[0]]++;
            degree[edge[1]]++;
        }
        for (int p = 0; p < pairs; p++) {
            if (degree[p] % 2 == 1) {
                edges.add(new int[] {p, sequenceDummy, -1, -1});
                degree[sequenceDummy]++;
            }
        }
        for (int k = 0; k < sequences; k++) {
            if (degree[pairs + k] % 2 == 1) {
                edges.add(new int[] {pairDummy, pairs + k, -1, -1});
                degree[pairDummy]++;
            }
        }
        if (degree[pairDummy] % 2 == 1) {
            edges.add(new int[] {pairDummy, sequenceDummy, -1, -1});
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int v = 0; v < vertices; v++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            adjacent.get(edges.get(e)[0]).add(e);
            adjacent.get(edges.get(e)[1]).add(e);
        }
        int[][] member = new int[sequences][repeats];
        boolean[] used = new boolean[edges.size()];
        int[] next = new int[vertices];
        for (int start = 0; start < vertices; start++) {
            List<Integer> circuit = eulerCircuit(start, edges, adjacent, used, next);
            int flip = random.nextBoolean() ? 1 : 0;
            for (int n = 0; n < circuit.size(); n++) {
                int[] edge = edges.get(circuit.get(n));
                if (edge[2] >= 0) {
                    member[edge[2]][edge[3]] = (n + flip) % 2;
                }
            }
        }
        return member;
    }

    /** Hierholzer's algorithm on the unused edges reachable from {@code start}; edges in circuit order. */
    private static List<Integer> eulerCircuit(int start, List<int[]> edges, List<List<Integer>> adjacent,
                                              boolean[] used, int[] next) {
        List<Integer> circuit = new ArrayList<>();
        Deque<int[]> stack = new ArrayDeque<>();   // {vertex, edge by which it was reached or -1}
        stack.push(new int[] {start, -1});
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            int vertex = top[0];
            List<Integer> around = adjacent.get(vertex);
            while (next[vertex] < around.size() && used[around.get(next[vertex])]) {
                next[vertex]++;
            }
            if (next[vertex] < around.size()) {
                int e = around.get(next[vertex]);
                used[e] = true;
                int[] edge = edges.get(e);
                stack.push(new int[] {edge[0] == vertex ? edge[1] : edge[0], e});
            } else {
                stack.pop();
                if (top[1] >= 0) {
                    circuit.add(top[1]);
                }
            }
        }
        return circuit;
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
