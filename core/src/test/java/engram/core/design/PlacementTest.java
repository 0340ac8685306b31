package engram.core.design;

import engram.core.random.SplitMix64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementTest {

    private static void assertValid(Placement.Layout layout, int length, int targets, int minLag, int maxLag,
                                    int vigilance, int vigilanceMinLag, int vigilanceMaxLag) {
        boolean[] taken = new boolean[length];
        for (int item = 0; item < targets + vigilance; item++) {
            int first = layout.first()[item];
            int second = layout.second()[item];
            assertTrue(!taken[first] && !taken[second], "position used twice");
            taken[first] = true;
            taken[second] = true;
            int lag = second - first;
            boolean target = item < targets;
            assertTrue(lag >= (target ? minLag : vigilanceMinLag) && lag <= (target ? maxLag : vigilanceMaxLag),
                    "item " + item + " lag " + lag);
        }
    }

    @ParameterizedTest(name = "L={0} R={1} lag {2}..{3} V={4} lag {5}..{6}")
    @CsvSource({"150, 40, 30, 149, 0, 1, 7", "30, 8, 4, 12, 2, 1, 7", "40, 10, 30, 30, 0, 1, 1",
        "40, 20, 20, 39, 0, 1, 1", "60, 30, 1, 59, 0, 1, 1", "12, 6, 6, 6, 0, 1, 1", "20, 5, 5, 8, 4, 1, 2"})
    void blockLayoutAndGreedyLayoutsAreValid(int length, int targets, int minLag, int maxLag, int vigilance,
                                             int vigilanceMinLag, int vigilanceMaxLag) {
        Placement placement = new Placement(length, targets, minLag, maxLag, vigilance, vigilanceMinLag,
                vigilanceMaxLag);
        for (long seed = 1; seed <= 50; seed++) {
            Optional<Placement.Layout> blocks = placement.blockLayout(new SplitMix64(seed));
            assertTrue(blocks.isPresent(), "block layout, seed " + seed);
            assertValid(blocks.get(), length, targets, minLag, maxLag, vigilance, vigilanceMinLag, vigilanceMaxLag);
            Optional<Placement.Layout> any = placement.place(new SplitMix64(seed));
            assertTrue(any.isPresent(), "seed " + seed);
            assertValid(any.get(), length, targets, minLag, maxLag, vigilance, vigilanceMinLag, vigilanceMaxLag);
        }
    }

    @ParameterizedTest(name = "L={0} R={1} lag {2}..{3}")
    @CsvSource({"8, 4, 3, 3", "10, 6, 5, 9"})
    void impossibleLayoutsAreNotFound(int length, int targets, int minLag, int maxLag) {
        // 8/4/3..3: 0-3, 1-4, 2-5 leave 6, 7 unpaired. 10/6/5..9: 12 showings do not fit in 10 positions.
        assertEquals(Optional.empty(), new Placement(length, targets, minLag, maxLag, 0, 1, 1)
                .place(new SplitMix64(1)));
    }
}
