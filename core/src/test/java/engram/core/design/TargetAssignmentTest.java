package engram.core.design;

import engram.core.random.SplitMix64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAssignmentTest {

    @ParameterizedTest(name = "{0} pairs, {1} sequences, {2} repeats")
    @CsvSource({"200, 10, 40", "12, 2, 8", "20, 7, 13", "13, 9, 13", "7, 5, 3", "1, 3, 1", "50, 1, 49",
        "31, 11, 17"})
    void balancedOverManySeeds(int pairs, int sequences, int repeats) {
        for (long seed = 1; seed <= 300; seed++) {
            int[][][] assigned = TargetAssignment.assign(pairs, sequences, repeats, new SplitMix64(seed));
            int[][] memberUses = new int[pairs][2];
            for (int k = 0; k < sequences; k++) {
                boolean[] seen = new boolean[pairs];
                int[] byMember = new int[2];
                for (int[] choice : assigned[k]) {
                    assertTrue(!seen[choice[0]], "pair twice in one sequence, seed " + seed);
                    seen[choice[0]] = true;
                    byMember[choice[1]]++;
                    memberUses[choice[0]][choice[1]]++;
                }
                assertEquals(repeats, byMember[0] + byMember[1]);
                assertTrue(Math.abs(byMember[0] - byMember[1]) <= 1, "seed " + seed + " sequence " + k);
            }
            int low = sequences * repeats / pairs;
            int high = (sequences * repeats + pairs - 1) / pairs;
            for (int[] uses : memberUses) {
                assertTrue(Math.abs(uses[0] - uses[1]) <= 1, "seed " + seed);
                int total = uses[0] + uses[1];
                assertTrue(total >= low && total <= high, "seed " + seed + ": " + total);
            }
        }
    }
}
