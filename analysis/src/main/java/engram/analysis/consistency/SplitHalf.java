package engram.analysis.consistency;

import engram.analysis.io.Responses;
import engram.analysis.stats.Descriptive;
import engram.analysis.stats.Ranks;
import engram.analysis.vms.VmsMaps.HitCoverage;
import engram.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Split-half consistency (Isola, Xiao, Torralba and Oliva 2011; Bylinskii et al. 2015): S random splits of the
 * included participants into halves of ⌊n/2⌋ and ⌈n/2⌉; in each split, each image's hit rate in each half; Spearman ρ
 * (average ranks for ties) over the images seen as repeats in both halves. The true VMS maps use the same halves and
 * Pearson's r over the concatenated cells of those images. Reported: mean, SD and the Spearman–Brown prophecy
 * 2·mean/(1 + mean).
 *
 * <p>Split s draws its half with {@code new SplittableRandom(mix(seed, s))} (a partial Fisher–Yates shuffle), so
 * the result does not depend on the number of threads. Internally the repeats are stored per participant as
 * {@code image << 1 | hit}; a split adds {@code 1 + (hit << 16)} per repeat of the first half into one int per image,
 * and ranks by sorting primitive long keys (truncated rate bits, image position).
 */
public final class SplitHalf {
    private final int images;
    private final int participants;
    private final int[] eventOffsets;
    private final int[] events;
    private final int[] totalRepeats;
    private final int[] totalHits;
    private final boolean withVms;
    private final int cells;
    private final int[] nonzeroOffsets;
    private final int[] nonzeroCells;
    private final double[] totalMapSum;
    private final int[] imageTrialOffsets;
    private final int[] imageTrialMembers;
    private final int[] imageTrialCellOffsets;
    private final int[] imageTrialCells;
    private final float[] imageTrialValues;
    private final boolean packed;

    private SplitHalf(int images, int participants, int[] eventOffsets, int[] events, HitCoverage coverage, int cells,
                      int[] coverageIndex) {
        this.images = images;
        this.participants = participants;
        this.eventOffsets = eventOffsets;
        this.events = events;
        this.withVms = coverage != null;
        this.cells = cells;
        totalRepeats = new int[images];
        totalHits = new int[images];
        for (int e : events) {
            totalRepeats[e >>> 1]++;
            totalHits[e >>> 1] += e & 1;
        }
        int max = 0;
        for (int v : totalRepeats) {
            max = Math.max(max, v);
        }
        packed = max < 0xFFFF;
        // total map sums and their non-zero cells per image
        totalMapSum = new double[coverage == null ? 0 : images * cells];
        int[] count = new int[images + 1];
        if (coverage != null) {
            for (int t = 0; t < coverage.image().length; t++) {
                int img = coverage.image()[t];
                for (int k = coverage.cellOffsets()[t]; k < coverage.cellOffsets()[t + 1]; k++) {
                    totalMapSum[img * cells + coverage.cell()[k]] += coverage.value()[k];
                }
            }
            for (int img = 0; img < images; img++) {
                for (int c = 0; c < cells; c++) {
                    if (totalMapSum[img * cells + c] != 0) {
                        count[img + 1]++;
                    }
                }
            }
        }
        for (int img = 0; img < images; img++) {
            count[img + 1] += count[img];
        }
        nonzeroOffsets = count;
        nonzeroCells = new int[count[images]];
        if (coverage != null) {
            int k = 0;
            for (int img = 0; img < images; img++) {
                for (int c = 0; c < cells; c++) {
                    if (totalMapSum[img * cells + c] != 0) {
                        nonzeroCells[k++] = c;
                    }
                }
            }
        }
        // the hits' coverage copied in image order, so that a split streams each image's trials into a small buffer
        int trials = coverage == null ? 0 : coverage.image().length;
        imageTrialOffsets = new int[coverage == null ? 0 : images + 1];
        imageTrialMembers = new int[trials];
        imageTrialCellOffsets = new int[trials + 1];
        imageTrialCells = new int[coverage == null ? 0 : coverage.cell().length];
        imageTrialValues = new float[imageTrialCells.length];
        if (coverage != null) {
            int[] trialOffsets = coverage.trialOffsets();
            int[] cellOffsets = coverage.cellOffsets();
            int[] trialsOrdered = new int[trials];
            for (int t = 0; t < trials; t++) {
                imageTrialOffsets[coverage.image()[t] + 1]++;
            }
            for (int img = 0; img < images; img++) {
                imageTrialOffsets[img + 1] += imageTrialOffsets[img];
            }
            int[] next = Arrays.copyOf(imageTrialOffsets, images);
            for (int j = 0; j < participants; j++) {
                int p = coverageIndex[j];
                for (int t = trialOffsets[p]; t < trialOffsets[p + 1]; t++) {
                    int q = next[coverage.image()[t]]++;
                    trialsOrdered[q] = t;
                    imageTrialMembers[q] = j;
                }
            }
            int k = 0;
            for (int q = 0; q < trials; q++) {
                int t = trialsOrdered[q];
                for (int c = cellOffsets[t]; c < cellOffsets[t + 1]; c++) {
                    imageTrialCells[k] = coverage.cell()[c];
                    imageTrialValues[k] = coverage.value()[c];
                    k++;
                }
                imageTrialCellOffsets[q + 1] = k;
            }
        }
    }

    /**
     * Prepares the split-halves over the included participants' target repeats.
     *
     * @param r        the trials
     * @param included which participants count
     * @param images   number of images
     * @param coverage the hits' VMS coverage (from {@code VmsMaps}), or null to skip the VMS consistency
     * @param grid     G of the coverage
     */
    public static SplitHalf of(Responses r, boolean[] included, int images, HitCoverage coverage, int grid) {
        List<Integer> members = new ArrayList<>();
        for (int p = 0; p < r.participants(); p++) {
            if (included[p]) {
                members.add(p);
            }
        }
        int n = members.size();
        int[] offsets = new int[n + 1];
        int total = 0;
        int[] order = r.byParticipant();
        for (int j = 0; j < n; j++) {
            int p = members.get(j);
            for (int i = r.offset(p); i < r.offset(p + 1); i++) {
                int row = order[i];
                if (r.presentation(row) == 2 && r.kind(row) == Responses.TARGET) {
                    total++;
                }
            }
            offsets[j + 1] = total;
        }
        int[] events = new int[total];
        int k = 0;
        for (int j = 0; j < n; j++) {
            int p = members.get(j);
            for (int i = r.offset(p); i < r.offset(p + 1); i++) {
                int row = order[i];
                if (r.presentation(row) == 2 && r.kind(row) == Responses.TARGET) {
                    events[k++] = (r.image(row) << 1) | (r.responded(row) ? 1 : 0);
                }
            }
        }
        int[] coverageIndex = null;
        if (coverage != null) {
            coverageIndex = new int[n];
            for (int j = 0; j < n; j++) {
                coverageIndex[j] = members.get(j);
            }
            if (coverage.image().length == 0) {
                coverage = null;
            }
        }
        return new SplitHalf(images, n, offsets, events, coverage, grid * grid, coverageIndex);
    }

    /** Both consistencies, and the image hit rates of split 0 for plots. */
    public record Result(Consistency hitRate, Consistency vmsTrue, double[] firstSplitHalfA, double[] firstSplitHalfB) {
    }

    /**
     * Runs the splits.
     *
     * @param splits   S
     * @param seed     the seed
     * @param threads  worker threads
     * @param progress receives a line every 10% of the splits
     */
    public Result run(int splits, long seed, int threads, Consumer<String> progress) {
        return run(splits, seed, threads, progress, null);
    }

    /**
     * Runs the splits, counting them.
     *
     * @param splits     S
     * @param seed       the seed
     * @param threads    worker threads
     * @param progress   receives a line every 10% of the splits, when {@code splitsDone} is null
     * @param splitsDone told the number of splits done after each split (for a progress display), or null
     */
    public Result run(int splits, long seed, int threads, Consumer<String> progress, LongConsumer splitsDone) {
        double[] rhoHit = new double[splits];
        double[] rhoVms = new double[splits];
        double[][] first = new double[2][];
        AtomicInteger done = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, splits));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "split-half");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    Worker state = new Worker();
                    for (int s = worker; s < splits; s += workers) {
                        state.split(s, seed, rhoHit, rhoVms, s == 0 ? first : null);
                        int d = done.incrementAndGet();
                        if (splitsDone != null) {
                            splitsDone.accept(d);
                        } else if (splits >= 10 && d % (splits / 10) == 0) {
                            progress.accept("split-half: " + d + "/" + splits);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("split-half interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("split-half failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(summarise("hit_rate", rhoHit),
            withVms ? summarise("vms_true", rhoVms) : summarise("vms_true", new double[0]),
            first[0] == null ? new double[0] : first[0], first[1] == null ? new double[0] : first[1]);
    }

    private static Consistency summarise(String measure, double[] rhos) {
        double[] finite = Arrays.stream(rhos).filter(Double::isFinite).toArray();
        double mean = Descriptive.mean(finite);
        return new Consistency(measure, finite.length, mean, Descriptive.sd(finite), 2 * mean / (1 + mean));
    }

    private long maxRepeats() {
        long max = 1;
        for (int v : totalRepeats) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** The seed of split {@code split}: seed and split combined linearly, then SplitMix64's finalizer. */
    static long mix(long seed, long split) {
        return SplitMix64.mix64(seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    /** Per-thread buffers. */
    private final class Worker {
        private final int[] permutation = new int[participants];
        private final int[] acc = new int[packed ? images : 0];
        private final int[] repA = new int[packed ? 0 : images];
        private final int[] hitA = new int[packed ? 0 : images];
        private final int[] position = new int[images];
        private final double[] rateA = new double[images];
        private final double[] rateB = new double[images];
        private final long[] keys = new long[images];
        private final double[] ranksA = new double[images];
        private final double[] ranksB = new double[images];
        private final double[] mapA = withVms ? new double[cells] : null;
        private final boolean[] inHalfA = new boolean[withVms ? participants : 0];
        private final int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, images - 1)));
        /** Distinct rates h/r with r ≤ R differ by ≥ 1/R²; truncating indexBits mantissa bits keeps them apart when R² ≤ 2^(51 − indexBits). */
        private final boolean exactKeys = maxRepeats() * maxRepeats() <= (1L << Math.max(0, 51 - indexBits));

        void split(int s, long seed, double[] rhoHit, double[] rhoVms, double[][] first) {
            SplittableRandom random = new SplittableRandom(mix(seed, s));
            for (int i = 0; i < participants; i++) {
                permutation[i] = i;
            }
            int half = participants / 2;
            for (int i = 0; i < half; i++) {
                int j = i + random.nextInt(participants - i);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            if (packed) {
                Arrays.fill(acc, 0);
                for (int i = 0; i < half; i++) {
                    int p = permutation[i];
                    for (int k = eventOffsets[p]; k < eventOffsets[p + 1]; k++) {
                        int e = events[k];
                        acc[e >>> 1] += 1 + ((e & 1) << 16);
                    }
                }
            } else {
                Arrays.fill(repA, 0);
                Arrays.fill(hitA, 0);
                for (int i = 0; i < half; i++) {
                    int p = permutation[i];
                    for (int k = eventOffsets[p]; k < eventOffsets[p + 1]; k++) {
                        int e = events[k];
                        repA[e >>> 1]++;
                        hitA[e >>> 1] += e & 1;
                    }
                }
            }
            int m = 0;
            for (int img = 0; img < images; img++) {
                int ra = packed ? acc[img] & 0xFFFF : repA[img];
                int ha = packed ? acc[img] >>> 16 : hitA[img];
                int rb = totalRepeats[img] - ra;
                if (ra > 0 && rb > 0) {
                    position[m] = img;
                    rateA[m] = (double) ha / ra;
                    rateB[m] = (double) (totalHits[img] - ha) / rb;
                    m++;
                }
            }
            if (first != null) {
                first[0] = Arrays.copyOf(rateA, m);
                first[1] = Arrays.copyOf(rateB, m);
            }
            rhoHit[s] = m < 2 ? Double.NaN : rankCorrelation(m);
            if (withVms) {
                rhoVms[s] = vmsCorrelation(half, m);
            }
        }

        private double rankCorrelation(int m) {
            rank(rateA, m, ranksA);
            rank(rateB, m, ranksB);
            double mean = (m + 1) / 2.0;
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int j = 0; j < m; j++) {
                double a = ranksA[j] - mean;
                double b = ranksB[j] - mean;
                sab += a * b;
                saa += a * a;
                sbb += b * b;
            }
            return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
        }

        private void rank(double[] values, int m, double[] ranks) {
            if (!exactKeys) {
                double[] r = Ranks.of(Arrays.copyOf(values, m)).ranks();
                System.arraycopy(r, 0, ranks, 0, m);
                return;
            }
            for (int j = 0; j < m; j++) {
                keys[j] = ((Double.doubleToRawLongBits(values[j]) >>> indexBits) << indexBits) | j;
            }
            Arrays.sort(keys, 0, m);
            int i = 0;
            while (i < m) {
                long value = keys[i] >>> indexBits;
                int j = i + 1;
                while (j < m && (keys[j] >>> indexBits) == value) {
                    j++;
                }
                double avg = (i + 1 + j) / 2.0;
                long mask = (1L << indexBits) - 1;
                for (int k = i; k < j; k++) {
                    ranks[(int) (keys[k] & mask)] = avg;
                }
                i = j;
            }
        }

        private double vmsCorrelation(int half, int m) {
            for (int i = 0; i < half; i++) {
                inHalfA[permutation[i]] = true;
            }
            double sa = 0;
            double sb = 0;
            double saa = 0;
            double sbb = 0;
            double sab = 0;
            for (int j = 0; j < m; j++) {
                int img = position[j];
                for (int k = nonzeroOffsets[img]; k < nonzeroOffsets[img + 1]; k++) {
                    mapA[nonzeroCells[k]] = 0;
                }
                for (int q = imageTrialOffsets[img]; q < imageTrialOffsets[img + 1]; q++) {
                    if (inHalfA[imageTrialMembers[q]]) {
                        for (int k = imageTrialCellOffsets[q]; k < imageTrialCellOffsets[q + 1]; k++) {
                            mapA[imageTrialCells[k]] += imageTrialValues[k];
                        }
                    }
                }
                int ra = packed ? acc[img] & 0xFFFF : repA[img];
                int rb = totalRepeats[img] - ra;
                for (int k = nonzeroOffsets[img]; k < nonzeroOffsets[img + 1]; k++) {
                    int c = nonzeroCells[k];
                    double a = mapA[c] / ra;
                    double b = (totalMapSum[img * cells + c] - mapA[c]) / rb;
                    sa += a;
                    sb += b;
                    saa += a * a;
                    sbb += b * b;
                    sab += a * b;
                }
            }
            for (int i = 0; i < half; i++) {
                inHalfA[permutation[i]] = false;
            }
            double n = (double) m * cells;
            double cov = n * sab - sa * sb;
            double va = n * saa - sa * sa;
            double vb = n * sbb - sb * sb;
            return va <= 0 || vb <= 0 ? Double.NaN : cov / Math.sqrt(va * vb);
        }
    }
}
