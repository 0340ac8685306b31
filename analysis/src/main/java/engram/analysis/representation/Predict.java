package engram.analysis.representation;

import engram.analysis.stats.Correlation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictivity of feature sets for target units: cross-validated ridge ({@link CvRidge}), then per unit Pearson's r
 * between held-out predictions and targets, the cross-validated R² (1 − SSE/SST), the explained variance 100·r² with
 * seeded bootstrap CIs over images, and — with repeated targets — the noise-corrected EV 100·r²/ρ_SB, ρ_SB the unit's
 * Spearman–Brown split-half reliability ({@link NoiseCeiling}). With two or more feature sets, the partial correlation
 * of the targets with one set's predictions given another's ({@link PartialCorrelation}).
 *
 * @param ridge     the cross-validated ridge
 * @param bootstrap bootstrap resamples of images for the CIs (0: none)
 * @param splits    the most split-halves for the noise ceiling
 * @param level     the confidence level
 */
public record Predict(CvRidge ridge, int bootstrap, int splits, double level) {

    public Predict {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("`bootstrap` must be ≥ 0, got " + bootstrap);
        }
        if (splits < 1) {
            throw new IllegalArgumentException("`splits` must be ≥ 1, got " + splits);
        }
    }

    /** @return 5 folds, seed 1, 1000 bootstrap resamples, up to 100 split-halves, 95% CIs */
    public static Predict withDefaults() {
        return new Predict(CvRidge.withDefaults(), 1000, 100, 0.95);
    }

    public Predict withRidge(CvRidge r) {
        return new Predict(r, bootstrap, splits, level);
    }

    public Predict withBootstrap(int b) {
        return new Predict(ridge, b, splits, level);
    }

    public Predict withSplits(int s) {
        return new Predict(ridge, bootstrap, s, level);
    }

    /**
     * One model × unit.
     *
     * @param ev          100·r² (%)
     * @param reliability Spearman–Brown split-half reliability of the unit (NaN with one repetition)
     * @param evCorrected 100·r²/reliability (NaN without a ceiling)
     */
    public record UnitResult(String model, String unit, int images, Estimate r, double r2cv, Estimate ev, double reliability,
                             double evCorrected, double lambdaMedian) {
    }

    /** Partial r of a unit's targets with model's predictions given the other model's predictions. */
    public record PartialResult(String model, String given, String unit, Estimate partialR) {
    }

    /**
     * @param predictions model → images × units held-out predictions
     */
    public record Result(List<String> images, List<String> units, List<UnitResult> unitResults, List<PartialResult> partials,
                         Map<String, double[][]> predictions, Targets targets, Predict options) {
    }

    /**
     * @param models model name → images × features (the same images as the targets, in the same order)
     */
    public Result run(Map<String, double[][]> models, Targets targets, List<String> images) {
        return run(models, targets, images, StepProgress.NONE);
    }

    /**
     * As {@link #run(Map, Targets, List)}, reporting stage "ridge" (models fitted of all models) and, with two or more
     * models, stage "partial" (ordered model pairs done of all pairs).
     */
    public Result run(Map<String, double[][]> models, Targets targets, List<String> images, StepProgress progress) {
        int n = images.size();
        ridge.assignFolds(n);
        int u = targets.units().size();
        double[] reliability = new double[u];
        for (int j = 0; j < u; j++) {
            reliability[j] = targets.repetitions() < 2 ? Double.NaN
                : NoiseCeiling.reliability(targets.unitReps(j), splits, ridge.seed());
        }
        int[][] boots = Resampling.bootstrap(n, bootstrap, ridge.seed());
        Map<String, double[][]> preds = new LinkedHashMap<>();
        List<UnitResult> results = new ArrayList<>();
        progress.update("ridge", 0, models.size());
        for (Map.Entry<String, double[][]> m : models.entrySet()) {
            CvRidge.Fit fit = ridge.fit(m.getValue(), targets.mean());
            preds.put(m.getKey(), fit.predictions());
            for (int j = 0; j < u; j++) {
                double[] y = column(targets.mean(), j);
                double[] p = column(fit.predictions(), j);
                double r = Correlation.pearson(y, p);
                double[] rb = new double[boots.length];
                double[] evb = new double[boots.length];
                for (int b = 0; b < boots.length; b++) {
                    rb[b] = Correlation.pearson(pick(y, boots[b]), pick(p, boots[b]));
                    evb[b] = 100 * rb[b] * rb[b];
                }
                double[] rci = boots.length == 0 ? new double[] {Double.NaN, Double.NaN} : Resampling.interval(rb, level);
                double[] evci = boots.length == 0 ? new double[] {Double.NaN, Double.NaN} : Resampling.interval(evb, level);
                double[] lam = new double[fit.lambda().length];
                for (int f = 0; f < lam.length; f++) {
                    lam[f] = fit.lambda()[f][j];
                }
                results.add(new UnitResult(m.getKey(), targets.units().get(j), n, new Estimate(r, rci[0], rci[1], Double.NaN),
                    r2cv(y, p), new Estimate(100 * r * r, evci[0], evci[1], Double.NaN), reliability[j],
                    Double.isNaN(reliability[j]) ? Double.NaN : 100 * r * r / reliability[j], Matrices.median(lam)));
            }
            progress.update("ridge", preds.size(), models.size());
        }
        List<PartialResult> partials = new ArrayList<>();
        long pairs = (long) preds.size() * (preds.size() - 1);
        long pairsDone = 0;
        for (String a : preds.keySet()) {
            for (String b : preds.keySet()) {
                if (a.equals(b)) {
                    continue;
                }
                if (pairsDone == 0) {
                    progress.update("partial", 0, pairs);
                }
                for (int j = 0; j < u; j++) {
                    double[] y = column(targets.mean(), j);
                    double[] pa = column(preds.get(a), j);
                    double[] pb = column(preds.get(b), j);
                    double v = PartialCorrelation.of(y, pa, pb);
                    double[] bs = new double[boots.length];
                    for (int k = 0; k < boots.length; k++) {
                        bs[k] = PartialCorrelation.of(pick(y, boots[k]), pick(pa, boots[k]), pick(pb, boots[k]));
                    }
                    double[] ci = boots.length == 0 ? new double[] {Double.NaN, Double.NaN} : Resampling.interval(bs, level);
                    partials.add(new PartialResult(a, b, targets.units().get(j), new Estimate(v, ci[0], ci[1], Double.NaN)));
                }
                progress.update("partial", ++pairsDone, pairs);
            }
        }
        return new Result(images, targets.units(), results, partials, preds, targets, this);
    }

    /** @return 1 − Σ(y − ŷ)² / Σ(y − ȳ)² */
    static double r2cv(double[] y, double[] p) {
        double mean = Arrays.stream(y).average().orElse(Double.NaN);
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - p[i]) * (y[i] - p[i]);
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }

    static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
