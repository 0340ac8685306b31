package engram.analysis.representation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Layer × layer comparison of two feature folders over the same images: linear and RBF CKA, and RSA on RDMs, each
 * with a seeded bootstrap CI over images and a seeded permutation test over images.
 * Configure with withers: {@code Compare.withDefaults().withBootstrap(1000).withSeed(7).run(a, b, notes, progress)}.
 *
 * @param bootstrap    bootstrap resamples of the images (0: no CIs)
 * @param permutations permutations of the images of B (0: no p-values)
 * @param seed         seed for both
 * @param rbfFraction  RBF bandwidth σ as a fraction of the median distance
 * @param distance     the RDM distance
 * @param level        the confidence level of the CIs
 */
public record Compare(int bootstrap, int permutations, long seed, double rbfFraction, Rsa.Distance distance, double level) {

    public Compare {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("`bootstrap` must be ≥ 0, got " + bootstrap);
        }
        if (permutations < 0) {
            throw new IllegalArgumentException("`permutations` must be ≥ 0, got " + permutations);
        }
        if (!(rbfFraction > 0) || Double.isInfinite(rbfFraction)) {
            throw new IllegalArgumentException("the RBF bandwidth fraction must be positive, got " + rbfFraction);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be in (0, 1), got " + level);
        }
    }

    /** @return 1000 bootstrap resamples, 1000 permutations, seed 1, σ = 0.5 × median distance, 1 − Pearson RDMs, 95% CIs */
    public static Compare withDefaults() {
        return new Compare(1000, 1000, 1, 0.5, Rsa.Distance.CORRELATION, 0.95);
    }

    public Compare withBootstrap(int n) {
        return new Compare(n, permutations, seed, rbfFraction, distance, level);
    }

    public Compare withPermutations(int n) {
        return new Compare(bootstrap, n, seed, rbfFraction, distance, level);
    }

    public Compare withSeed(long s) {
        return new Compare(bootstrap, permutations, s, rbfFraction, distance, level);
    }

    public Compare withRbfFraction(double f) {
        return new Compare(bootstrap, permutations, seed, f, distance, level);
    }

    public Compare withDistance(Rsa.Distance d) {
        return new Compare(bootstrap, permutations, seed, rbfFraction, d, level);
    }

    /**
     * One pair of layers.
     *
     * @param layerA layer of A
     * @param layerB layer of B
     * @param linear linear CKA
     * @param rbf    RBF CKA
     * @param rsa    Spearman ρ between the RDMs' upper triangles
     */
    public record PairResult(String layerA, String layerB, Estimate linear, Estimate rbf, Estimate rsa) {
    }

    /**
     * @param layersA the layers of A, in order
     * @param layersB the layers of B, in order
     * @param images  the number of images
     * @param pairs   every (a, b) pair, A-major
     * @param options the settings used
     */
    public record Result(List<String> layersA, List<String> layersB, int images, List<PairResult> pairs, Compare options) {
    }

    /** Compares every layer of a with every layer of b (b may be a itself), with notes but no progress reports. */
    public Result run(FeatureFolder a, FeatureFolder b, Consumer<String> notes) {
        return run(a, b, notes, StepProgress.NONE);
    }

    /**
     * Compares every layer of a with every layer of b (b may be a itself).
     *
     * @param notes    receives a line for each layer whose RSA is left empty, and why
     * @param progress receives stage "compare": layer pairs done of all pairs
     */
    public Result run(FeatureFolder a, FeatureFolder b, Consumer<String> notes, StepProgress progress) {
        FeatureFolder.requireSameImages(a, b);
        int n = a.images().size();
        int[][] boots = Resampling.bootstrap(n, bootstrap, seed);
        int[][] perms = Resampling.permutations(n, permutations, seed);
        Map<String, Kernels> cache = new HashMap<>();
        List<PairResult> out = new ArrayList<>();
        long total = (long) a.layers().size() * b.layers().size();
        progress.update("compare", 0, total);
        for (Map.Entry<String, double[][]> la : a.layers().entrySet()) {
            Kernels ka = kernels(cache, "a:" + la.getKey(), a, la.getKey(), la.getValue(), notes);
            for (Map.Entry<String, double[][]> lb : b.layers().entrySet()) {
                Kernels kb = b == a ? kernels(cache, "a:" + lb.getKey(), a, lb.getKey(), lb.getValue(), notes)
                    : kernels(cache, "b:" + lb.getKey(), b, lb.getKey(), lb.getValue(), notes);
                out.add(new PairResult(la.getKey(), lb.getKey(), cka(ka.linear, kb.linear, boots, perms),
                    cka(ka.rbf, kb.rbf, boots, perms), rsa(ka.rdm, kb.rdm, boots, perms)));
                progress.update("compare", out.size(), total);
            }
        }
        return new Result(List.copyOf(a.layers().keySet()), List.copyOf(b.layers().keySet()), n, out, this);
    }

    private record Kernels(double[][] linear, double[][] rbf, double[][] rdm) {
    }

    private Kernels kernels(Map<String, Kernels> cache, String key, FeatureFolder f, String layer, double[][] x,
                            Consumer<String> notes) {
        return cache.computeIfAbsent(key, k -> {
            double[][] rdm;
            try {
                rdm = Rsa.rdm(x, distance);
            } catch (IllegalArgumentException e) {
                // e.g. a one-feature layer: every image's features are constant, so 1 − Pearson is undefined
                notes.accept("note: " + f.dir().resolve(layer + ".npy") + ": " + e.getMessage() + "; its RSA is left empty");
                rdm = null;
            }
            return new Kernels(Cka.linearGram(x), Cka.rbfGram(x, rbfFraction), rdm);
        });
    }

    private Estimate cka(double[][] k, double[][] l, int[][] boots, int[][] perms) {
        double value = Cka.of(k, l);
        double[] bs = new double[boots.length];
        for (int i = 0; i < boots.length; i++) {
            bs[i] = Cka.of(k, boots[i], l, boots[i]);
        }
        int[] id = java.util.stream.IntStream.range(0, k.length).toArray();
        double[] ps = new double[perms.length];
        for (int i = 0; i < perms.length; i++) {
            ps[i] = Cka.of(k, id, l, perms[i]);
        }
        return estimate(value, bs, ps);
    }

    private Estimate rsa(double[][] a, double[][] b, int[][] boots, int[][] perms) {
        if (a == null || b == null) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double value = Rsa.rsa(a, b);
        double[] bs = new double[boots.length];
        for (int i = 0; i < boots.length; i++) {
            bs[i] = Rsa.rsaResampled(a, b, boots[i]);
        }
        double[] ps = new double[perms.length];
        if (perms.length > 0) {
            Rsa.RankedPair ranked = new Rsa.RankedPair(a, b);
            for (int i = 0; i < perms.length; i++) {
                ps[i] = ranked.rho(perms[i]);
            }
        }
        return estimate(value, bs, ps);
    }

    private Estimate estimate(double value, double[] boots, double[] nulls) {
        double[] ci = boots.length == 0 ? new double[] {Double.NaN, Double.NaN} : Resampling.interval(boots, level);
        return new Estimate(value, ci[0], ci[1], Resampling.pGreater(value, nulls));
    }
}
