package engram.core.design;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import engram.core.random.SplitMix64;

/**
 * Colours the edges of a bipartite multigraph with 0 and 1 so that at every vertex the two colours occur equally
 * often, or differ by one where the degree is odd (de Werra 1971): odd-degree vertices are joined to a dummy vertex on
 * the other side, each Euler circuit (even, as the graph is bipartite) is coloured alternately, and the dummy edges
 * are dropped. {@link TargetAssignment} colours its pair-sequence graph with it.
 */
final class EquitableColouring {

    private EquitableColouring() {
    }

    /**
     * @param left  vertices on the left, 0..left-1
     * @param right vertices on the right, 0..right-1
     * @param edges {@code edges[e] = {l, r}}
     * @return the colour of each edge, 0 or 1
     */
    static int[] colour(int left, int right, int[][] edges, SplitMix64 random) {
        int leftDummy = left + right;
        int rightDummy = leftDummy + 1;
        int vertices = rightDummy + 1;
        List<int[]> all = new ArrayList<>();
        int[] degree = new int[vertices];
        for (int e = 0; e < edges.length; e++) {
            all.add(new int[] {edges[e][0], left + edges[e][1], e});
            degree[edges[e][0]]++;
            degree[left + edges[e][1]]++;
        }
        for (int v = 0; v < left; v++) {
            if (degree[v] % 2 == 1) {
                all.add(new int[] {v, rightDummy, -1});
                degree[rightDummy]++;
            }
        }
        for (int v = left; v < left + right; v++) {
            if (degree[v] % 2 == 1) {
                all.add(new int[] {leftDummy, v, -1});
                degree[leftDummy]++;
            }
        }
        if (degree[leftDummy] % 2 == 1) {
            all.add(new int[] {leftDummy, rightDummy, -1});
        }
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int v = 0; v < vertices; v++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < all.size(); e++) {
            adjacent.get(all.get(e)[0]).add(e);
            adjacent.get(all.get(e)[1]).add(e);
        }
        int[] colours = new int[edges.length];
        boolean[] used = new boolean[all.size()];
        int[] next = new int[vertices];
        for (int start = 0; start < vertices; start++) {
            List<Integer> circuit = circuit(start, all, adjacent, used, next);
            int flip = random.nextBoolean() ? 1 : 0;
            for (int n = 0; n < circuit.size(); n++) {
                int original = all.get(circuit.get(n))[2];
                if (original >= 0) {
                    colours[original] = (n + flip) % 2;
                }
            }
        }
        return colours;
    }

    /** Hierholzer's algorithm over the unused edges reachable from {@code start}; edges in circuit order. */
    private static List<Integer> circuit(int start, List<int[]> edges, List<List<Integer>> adjacent, boolean[] used,
                                         int[] next) {
        List<Integer> circuit = new ArrayList<>();
        Deque<int[]> stack = new ArrayDeque<>();
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
}
