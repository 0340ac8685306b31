package engram.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour model. Rate checks accept counts inside the binomial central region of probability 1 - 2e-6, whose
 * bounds are {@code scipy.stats.binom(n, p).ppf([1e-6, 1 - 1e-6])} (SciPy, run here).
 */
class BehaviourModelTest {

    /** Image k at positions 2k (first showing) and 2k+1 (repeat). */
    private static RunLayout pairs(int images, int minBoxes, int maxBoxes) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < images; k++) {
            ids.add("img_" + k);
            ids.add("img_" + k);
        }
        return new RunLayout(3000, 500, minBoxes, maxBoxes, ids);
    }

    private static BehaviourModel model(double hit, double falseAlarm) {
        return new BehaviourModel(HitRates.uniform(hit), falseAlarm, 700, 150, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 99})
    void hitAndFalseAlarmRatesAreReproducedWithinBinomialBounds(long seed) {
        ParticipantPlan plan = model(0.7, 0.1).plan(pairs(20_000, 1, 5), new SplittableRandom(seed));
        int hits = 0;
        int falseAlarms = 0;
        for (TrialAnswer answer : plan.answers()) {
            assertEquals(answer.position() % 2 == 1, answer.repeat());
            if (answer.responded()) {
                if (answer.repeat()) {
                    hits++;
                } else {
                    falseAlarms++;
                }
            }
        }
        assertBetween(13_691, 14_307, hits, "hits of 20000 at p=0.7");
        assertBetween(1_801, 2_205, falseAlarms, "false alarms of 20000 at p=0.1");
    }

    @Test
    void perConditionHitRatesFollowTheManifest() {
        Map<String, String> manifest = new HashMap<>();
        for (int k = 0; k < 20_000; k++) {
            manifest.put("img_" + k, k % 2 == 0 ? "high" : "low");
        }
        HitRates rates = HitRates.byCondition(Map.of("high", 0.9, "low", 0.3), manifest, 0.7);
        ParticipantPlan plan = new BehaviourModel(rates, 0.1, 700, 150, 0, 0)
                .plan(pairs(20_000, 1, 5), new SplittableRandom(5));
        int highHits = 0;
        int lowHits = 0;
        for (TrialAnswer answer : plan.answers()) {
            if (answer.repeat() && answer.responded()) {
                int k = Integer.parseInt(answer.imageId().substring(4));
                if (k % 2 == 0) {
                    highHits++;
                } else {
                    lowHits++;
                }
            }
        }
        assertBetween(8_855, 9_140, highHits, "hits of 10000 at p=0.9");
        assertBetween(2_784, 3_219, lowHits, "hits of 10000 at p=0.3");
    }

    @Test
    void imagesOutsideTheManifestUseTheDefaultEntryOrElseTheFallback() {
        Map<String, String> manifest = Map.of("a", "high", "b", "odd");
        HitRates withDefault = HitRates.byCondition(Map.of("high", 0.9, "default", 0.2), manifest, 0.7);
        assertEquals(0.9, withDefault.forImage("a"));
        assertEquals(0.2, withDefault.forImage("b"));
        assertEquals(0.2, withDefault.forImage("unknown"));
        assertTrue(withDefault.conditionsWithoutRate().isEmpty());
        HitRates withoutDefault = HitRates.byCondition(Map.of("high", 0.9), manifest, 0.7);
        assertEquals(0.7, withoutDefault.forImage("unknown"));
        assertEquals(List.of("odd"), List.copyOf(withoutDefault.conditionsWithoutRate()));
    }

    @Test
    void responsesCarryValidBoxesAndClampedReactionTimes() {
        for (int[] range : new int[][]{{1, 5}, {0, 1}, {2, 2}, {3, 8}, {4, 6}}) {
            RunLayout layout = pairs(5_000, range[0], range[1]);
            BehaviourModel model = new BehaviourModel(HitRates.uniform(0.8), 0.5, 400, 2_000, 0, 0);
            ParticipantPlan plan = model.plan(layout, new SplittableRandom(range[0] * 31L + range[1]));
            int fewest = Math.max(1, range[0]);
            int most = Math.max(fewest, Math.min(3, range[1]));
            boolean sawFewest = false;
            boolean sawMost = false;
            double previousOnset = Double.NEGATIVE_INFINITY;
            for (TrialAnswer answer : plan.answers()) {
                if (answer.responded()) {
                    int count = answer.boxes().size();
                    assertTrue(count >= fewest && count <= most, "box count " + count + " for " + range[0] + ".."
                            + range[1]);
                    sawFewest |= count == fewest;
                    sawMost |= count == most;
                    for (Box box : answer.boxes()) {
                        assertTrue(box.liesInsideImage(), box.toString());
                    }
                    assertTrue(answer.rtMs() >= 150 && answer.rtMs() <= 3500, "rt " + answer.rtMs());
                } else {
                    assertNull(answer.rtMs());
                    assertTrue(answer.boxes().isEmpty());
                }
                assertEquals(3000, answer.durationMs(), 2.0);
                assertEquals(answer.onsetMs() + answer.durationMs(), answer.offsetMs(), 0.1 + 1e-9);
                if (answer.position() > 0) {
                    assertEquals(3500, answer.onsetMs() - previousOnset, 0.1 + 1e-9);
                }
                previousOnset = answer.onsetMs();
            }
            assertTrue(sawFewest && sawMost, "both ends of the box count range are drawn");
            assertTrue(plan.answers().get(0).onsetMs() >= 1000 && plan.answers().get(0).onsetMs() <= 5000);
        }
    }

    @Test
    void reactionTimesFollowTheRequestedNormal() {
        // mean 700, sd 150: the clamp at 150 moves the mean by 0.0045 ms (scipy.stats.norm), below the tolerance
        ParticipantPlan plan = model(0.7, 0.1).plan(pairs(20_000, 1, 5), new SplittableRandom(3));
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (TrialAnswer answer : plan.answers()) {
            if (answer.responded()) {
                sum += answer.rtMs();
                sumSquares += answer.rtMs() * answer.rtMs();
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt((sumSquares - n * mean * mean) / (n - 1));
        // tolerances: 5 standard errors, sd/sqrt(n) for the mean and sd/sqrt(2n) for the sd
        assertEquals(700, mean, 5 * 150 / Math.sqrt(n));
        assertEquals(150, sd, 5 * 150 / Math.sqrt(2.0 * n));
    }

    @Test
    void dropoutAndReloadHappenAtTheRequestedRatesAtPositionsInRange() {
        BehaviourModel model = new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, 150, 0.2, 0.05);
        RunLayout layout = pairs(5, 1, 5);
        int drops = 0;
        int reloads = 0;
        int[] dropPositions = new int[10];
        for (int i = 0; i < 20_000; i++) {
            ParticipantPlan plan = model.plan(layout, SyntheticIds.behaviourRandom(17, i));
            if (plan.dropsOut()) {
                drops++;
                dropPositions[plan.dropoutAt()]++;
            }
            if (plan.reloads()) {
                reloads++;
                assertTrue(plan.reloadAt() >= 0 && plan.reloadAt() < 10);
            }
        }
        assertBetween(3_733, 4_271, drops, "dropouts of 20000 at p=0.2");
        assertBetween(857, 1_150, reloads, "reloads of 20000 at p=0.05");
        for (int count : dropPositions) {
            assertTrue(count > 0, "every position can be a drop-out point");
        }
    }

    @Test
    void aPlanIsAFunctionOfTheSeedAndTheLayout() {
        BehaviourModel model = new BehaviourModel(HitRates.uniform(0.6), 0.2, 700, 150, 0.3, 0.3);
        RunLayout layout = pairs(200, 1, 5);
        assertEquals(model.plan(layout, SyntheticIds.behaviourRandom(8, 3)),
                model.plan(layout, SyntheticIds.behaviourRandom(8, 3)));
        assertNotEquals(model.plan(layout, SyntheticIds.behaviourRandom(8, 3)),
                model.plan(layout, SyntheticIds.behaviourRandom(8, 4)));
        assertNotEquals(model.plan(layout, SyntheticIds.behaviourRandom(8, 3)),
                model.plan(layout, SyntheticIds.behaviourRandom(9, 3)));
    }

    @Test
    void syntheticIdsAre24HexCharactersUniquePerIndexAndStable() {
        java.util.Set<String> pids = new java.util.HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String pid = SyntheticIds.prolificPid(123, i);
            assertTrue(pid.matches("[0-9a-f]{24}"), pid);
            assertTrue(pids.add(pid), "duplicate " + pid);
            assertFalse(pid.equals(SyntheticIds.sessionId(123, i)));
        }
        assertEquals(SyntheticIds.prolificPid(123, 7), SyntheticIds.prolificPid(123, 7));
        assertNotEquals(SyntheticIds.prolificPid(123, 7), SyntheticIds.prolificPid(124, 7));
    }

    @Test
    void rejectsRatesOutsideTheUnitInterval() {
        assertThrowsNaming("false-alarm rate", () -> model(0.7, 1.2));
        assertThrowsNaming("hit rate", () -> model(-0.1, 0.1));
        assertThrowsNaming("dropout", () -> new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, 150, 2, 0));
        assertThrowsNaming("RT sd", () -> new BehaviourModel(HitRates.uniform(0.7), 0.1, 700, -1, 0, 0));
    }

    private static void assertThrowsNaming(String name, Runnable action) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                action::run);
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
    }

    private static void assertBetween(int low, int high, int actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " outside [" + low + ", " + high + "]");
    }
}
