package engram.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins the synthetic ids and seeds to the values they had before they used core's SplitMix64, so a seed repeats a run. */
class SyntheticIdsTest {

    @Test
    void idsAndSeedsOfASeedAreUnchanged() {
        assertEquals("339596c5ac4f1fb04d966123", SyntheticIds.prolificPid(7, 0));
        assertEquals("3d9aafc35970dac33480457e", SyntheticIds.prolificPid(-3, 41));
        assertEquals("3bb4aad8e9e359c541d67944", SyntheticIds.sessionId(7, 0));
        assertEquals("42cda522c40b83b2438d303d", SyntheticIds.sessionId(7, 5, 2));
        assertEquals(538893494460803349L, SyntheticIds.behaviourRandom(7, 5, 3).nextLong());
        assertEquals(9131054130585351864L, SyntheticIds.jitterRandom(7, 5).nextLong());
    }
}
