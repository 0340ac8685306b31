package engram.analysis.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.io.Responses;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.scores.Scoring;
import engram.analysis.stats.Correlation;
import engram.analysis.vms.VmsMaps;
import engram.analysis.synthetic.SyntheticExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast split-halves agree with plain recomputations of the same halves. */
class SplitHalfTest {
    @TempDir
    Path dir;

    @Test
    void matchesDirectSpearmanOfTheSameHalves() throws Exception {
        SyntheticExport.writeFolder(new SyntheticExport.Design(60, 41, 12, 3, 2, false, 5), dir);
        Study s = StudyReader.create().readFiles(dir.resolve("responses.csv"), dir.resolve("boxes.csv"),
            dir.resolve("manifest.csv"));
        Responses r = s.responses();
        boolean[] all = new boolean[r.participants()];
        Arrays.fill(all, true);
        int splits = 7;
        SplitHalf.Result fast = SplitHalf.of(r, all, s.manifest().size(), null, 10).run(splits, 99, 2, x -> { });
        SplitHalf.Result single = SplitHalf.of(r, all, s.manifest().size(), null, 10).run(splits, 99, 1, x -> { });
        assertEquals(fast.hitRate(), single.hitRate());
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        SplitHalf.Result withCounter = SplitHalf.of(r, all, s.manifest().size(), null, 10)
            .run(splits, 99, 2, lines::add, d -> counted.accumulateAndGet(d, Math::max));
        assertEquals(fast.hitRate(), withCounter.hitRate());
        assertEquals(splits, counted.get(), "every split is counted");
        assertEquals(java.util.List.of(), lines, "a counter replaces the 10% lines");
        double[] rhos = new double[splits];
        int n = r.participants();
        for (int split = 0; split < splits; split++) {
            boolean[] inA = halfA(n, 99, split);
            int images = s.manifest().size();
            int[][] hits = new int[2][images];
            int[][] reps = new int[2][images];
            for (int row = 0; row < r.size(); row++) {
                if (r.presentation(row) == 2 && r.kind(row) == Responses.TARGET) {
                    int h = inA[r.participant(row)] ? 0 : 1;
                    reps[h][r.image(row)]++;
                    hits[h][r.image(row)] += r.responded(row) ? 1 : 0;
                }
            }
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                if (reps[0][i] > 0 && reps[1][i] > 0) {
                    pairs.add(new double[] {(double) hits[0][i] / reps[0][i], (double) hits[1][i] / reps[1][i]});
                }
            }
            rhos[split] = Correlation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        }
        double mean = Arrays.stream(rhos).average().orElseThrow();
        assertEquals(mean, fast.hitRate().meanRho(), 1e-12);
        assertEquals(splits, fast.hitRate().splits());
        assertEquals(2 * mean / (1 + mean), fast.hitRate().spearmanBrown(), 1e-12);
        assertTrue(fast.firstSplitHalfA().length > 10);
    }

    /** Each split's true VMS maps, rebuilt from scratch for each half with VmsMaps.compute, give the same Pearson r. */
    @Test
    void vmsConsistencyMatchesMapsRebuiltForEachHalf() throws Exception {
        SyntheticExport.writeFolder(new SyntheticExport.Design(40, 37, 12, 3, 2, true, 11), dir);
        Study s = StudyReader.create().readFiles(dir.resolve("responses.csv"), dir.resolve("boxes.csv"),
            dir.resolve("manifest.csv"));
        Responses r = s.responses();
        int images = s.manifest().size();
        int grid = 6;
        boolean[] all = new boolean[r.participants()];
        Arrays.fill(all, true);
        VmsMaps everyone = VmsMaps.compute(r, s.boxes(), Scoring.imageCounts(r, images, all), all, images, grid);
        int splits = 5;
        SplitHalf.Result fast = SplitHalf.of(r, all, images, everyone.hitCoverage(), grid).run(splits, 7, 2, x -> { });

        int n = r.participants();
        double[] rhos = new double[splits];
        for (int split = 0; split < splits; split++) {
            boolean[] inA = halfA(n, 7, split);
            boolean[] inB = new boolean[n];
            for (int p = 0; p < n; p++) {
                inB[p] = !inA[p];
            }
            Scoring.ImageCounts countsA = Scoring.imageCounts(r, images, inA);
            Scoring.ImageCounts countsB = Scoring.imageCounts(r, images, inB);
            VmsMaps mapsA = VmsMaps.compute(r, s.boxes(), countsA, inA, images, grid);
            VmsMaps mapsB = VmsMaps.compute(r, s.boxes(), countsB, inB, images, grid);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int img = 0; img < images; img++) {
                if (countsA.hits()[img] + countsA.misses()[img] > 0 && countsB.hits()[img] + countsB.misses()[img] > 0) {
                    for (double v : mapsA.trueMap(img)) {
                        a.add(v);
                    }
                    for (double v : mapsB.trueMap(img)) {
                        b.add(v);
                    }
                }
            }
            rhos[split] = Correlation.pearson(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double mean = Arrays.stream(rhos).average().orElseThrow();
        assertTrue(mean > 0.05 && mean < 0.99, "a non-trivial consistency: " + mean);
        assertEquals(splits, fast.vmsTrue().splits());
        assertEquals(mean, fast.vmsTrue().meanRho(), 1e-9);
    }

    /** The split seeds, pinned to the values of engram's former private copy of the SplitMix64 finalizer. */
    @Test
    void splitSeedsAreUnchanged() {
        assertEquals(2902805962516761537L, SplitHalf.mix(0, 0));
        assertEquals(-6429352811279228707L, SplitHalf.mix(0, 1));
        assertEquals(838225664887715625L, SplitHalf.mix(1, 999));
        assertEquals(-4260201114382624677L, SplitHalf.mix(42, 0));
        assertEquals(423626791611156139L, SplitHalf.mix(-7, 999));
    }

    private static boolean[] halfA(int n, long seed, int split) {
        SplittableRandom random = new SplittableRandom(SplitHalf.mix(seed, split));
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < n / 2; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        boolean[] inA = new boolean[n];
        for (int i = 0; i < n / 2; i++) {
            inA[perm[i]] = true;
        }
        return inA;
    }
}
