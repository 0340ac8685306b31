package engram.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ridge CV predictions, partial correlation and the Spearman–Brown noise ceiling against NumPy 2.4.6 / SciPy 1.17.1
 * (analysis/src/test/python/representation_reference.py; the ridge reference refits every leave-one-out model by brute
 * force). Tolerances: predictions 1e-8 absolute, chosen λ 1e-9 relative, correlations 1e-12 absolute.
 */
class PredictReferenceTest {
    static final double[][] RX = {{0.708, -1.805, 0.172, 1.775, 2.294}, {0.05, -0.393, -1.073, 2.089, 0.988}, {0.137, -0.237, -0.137, 0.803, -0.341}, {-0.782, -1.156, 0.005, -0.123, 0.416}, {0.385, -0.843, 0.204, 0.496, 1.478}, {-0.218, -0.741, 0.395, 0.653, -0.196}, {0.863, 0.982, 0.062, -0.667, 0.609}, {-0.595, 0.49, -0.369, 0.65, 0.087}, {-0.228, 0.818, -1.817, -0.333, -1.345}, {-0.926, -0.932, 0.35, -1.553, -1.822}, {-0.998, 0.609, 0.983, 0.066, 0.946}, {0.459, -0.43, -1.374, -0.74, 1.097}, {-0.177, -0.917, 1.818, -0.162, -0.828}, {1.515, -0.687, -0.007, 1.072, 0.479}, {0.666, -0.099, -0.415, 0.24, -0.0}, {-0.713, 0.369, 0.225, -0.015, -0.352}, {0.175, 0.385, 0.232, -0.44, 0.163}, {0.186, 1.777, 0.401, -0.693, 0.425}, {-0.584, -0.196, -1.872, 0.679, 1.127}, {-1.217, -0.063, 0.429, 1.218, 0.702}, {0.085, 0.141, -0.705, -0.421, -0.897}, {-0.085, 0.004, 0.26, -0.844, -0.434}, {1.853, 1.167, 1.199, 0.104, -1.563}, {1.002, -0.118, -0.207, 0.044, 0.143}};
    static final double[][] RY = {{-1.149, 1.488}, {-1.565, -1.122}, {-1.206, -1.046}, {-0.629, 3.001}, {0.386, 1.817}, {-1.353, 2.226}, {1.697, -2.509}, {-0.652, 1.23}, {-0.046, -1.093}, {-0.726, 3.65}, {-0.019, 0.503}, {0.888, -1.346}, {-1.113, -2.044}, {0.232, 1.878}, {0.864, 1.283}, {-0.635, 1.514}, {0.163, -5.459}, {2.178, -5.81}, {-1.252, -2.671}, {-2.032, 0.644}, {0.965, -1.405}, {0.65, -2.413}, {1.326, -0.795}, {1.585, -0.282}};
    static final int[] RFOLD = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
    static final double[][] RPRED = {{-0.6694724846510022, 3.6220083466517567}, {-1.406560837434386, 0.024065434921760553}, {-0.701207735874561, 0.24377239264257672}, {-1.029800280065321, 0.039540883241922065}, {0.23820353384292633, 1.4937103882516463}, {-0.9686029101464092, -0.170890457162339}, {2.142414918113413, -3.364664687829042}, {-0.7387646489575274, -1.1540243554329683}, {-0.3884020820472742, -3.470522237085481}, {-0.2736234781356991, -0.6472205666300185}, {-0.34906925982610054, -1.5464873501802958}, {1.1657036425897125, -0.9808842205551201}, {-0.5041584960690437, 4.898562731962429}, {0.27580875238807306, -0.24974204776970493}, {0.4556390800943755, -0.6638184246395098}, {-0.5094759392649219, -1.0674001212175217}, {0.8429672211007584, -0.8934588892749543}, {1.360944908749781, -0.8231726718672543}, {-0.6847033768108886, 0.5735666133069899}, {-1.8173814537253874, -0.6002031499409961}, {0.025765212066543468, -0.8854633832353845}, {0.4769906697863534, -0.6236312610019841}, {1.7796207797226296, -3.4644940124037045}, {0.7603035062291426, -0.7467166095933314}};
    static final double[][] RLAMBDA = {{0.3678973605317434, 0.011633936044444442}, {1.22452871, 38.72299783867804}, {0.4051658059015743, 4.051658059015743}, {0.4635136979540805, 14.657590122222226}};
    static final double[][] WX = {{-1.712, -0.886, 0.556, 0.7, -0.5, 0.401, -1.704, 0.804, 1.329, 0.131, 0.146, 0.698, -2.614, -0.631, -0.013, -0.097, -0.86, -1.659, -0.813, 1.072}, {-0.21, 0.762, 1.016, 0.208, 0.317, 1.844, -0.162, -0.071, -0.605, -0.311, -0.16, 0.252, -1.129, 0.891, -0.136, -0.917, 0.297, 0.084, -0.169, -0.288}, {-0.861, 0.191, 1.47, -0.564, 0.763, 0.155, 2.054, 2.296, 0.836, -0.332, 0.097, -0.755, -0.456, -0.293, -0.275, 0.073, 0.973, -1.812, 0.44, 0.944}, {-1.033, 0.706, 1.806, -0.164, 1.652, -1.508, 0.016, -0.562, 1.901, -0.367, -0.871, -0.305, -0.124, -2.923, 1.268, -0.274, -0.076, -1.302, 1.592, -1.954}, {2.304, 0.015, -0.305, -0.018, -0.313, -0.238, 0.547, -0.741, 0.632, -1.91, 0.754, 0.499, -0.454, 1.883, -0.931, -0.867, -0.899, -0.189, -1.314, -0.263}, {1.191, -0.503, -1.366, -0.707, -0.719, 0.846, -0.837, 0.606, 0.483, 1.834, -0.169, -0.034, 0.468, 0.867, 1.781, -0.753, -0.476, 1.116, 1.051, 0.595}, {-2.282, -1.416, -1.444, -1.776, -0.227, -0.007, -1.141, -0.125, 0.355, 0.669, -0.623, 1.969, 2.445, -0.056, 0.714, 2.714, 0.081, -0.078, 1.236, 1.784}, {0.526, 0.979, -0.024, -1.218, 0.509, 0.726, 0.821, 0.112, 0.427, 1.404, 0.987, 2.927, -1.227, -1.372, -0.794, -0.645, -1.571, -1.589, -0.887, -0.535}, {-0.681, 0.106, -0.822, 0.346, 0.896, -0.893, 1.067, -0.843, -0.979, 0.94, 0.159, 0.362, 0.713, -1.273, 1.066, -0.196, -0.708, -2.616, -0.017, -1.623}, {-1.091, -0.45, 1.08, -0.066, -0.315, 0.077, -0.415, -1.078, -0.046, -0.174, -3.366, 0.201, 0.285, -0.875, -0.041, 0.598, 3.095, -0.683, -1.234, -0.219}, {1.43, 0.536, -0.97, 1.694, -0.862, -0.684, -0.034, 0.745, 1.961, -2.005, -0.541, 1.226, 0.464, 0.593, 0.255, 0.011, -0.728, -0.206, -0.499, -1.174}, {1.215, -0.762, -0.958, -0.476, 0.055, -1.623, -0.575, 0.471, -2.369, -0.686, -0.451, 1.164, 0.606, 0.911, 0.499, -1.062, 1.075, 0.694, 0.355, 2.228}};
    static final double[][] WY = {{-2.169}, {1.866}, {1.031}, {1.802}, {2.399}, {-0.629}, {-5.099}, {2.349}, {-1.473}, {0.065}, {0.667}, {-0.638}};
    static final int[] WFOLD = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
    static final double[][] WPRED = {{1.4885643657211354}, {0.455723689221768}, {0.6608577062651231}, {-0.7606423245853909}, {0.26218332289439905}, {-0.7987773882023494}, {-1.728304699834092}, {-1.5578351436574538}, {1.4699798062876732}, {-0.29803849840360985}, {-0.007033783043608022}, {-0.5116770333236167}};
    static final double[][] WLAMBDA = {{0.001998195575}, {0.0025251066107142856}, {0.0024984764357142866}};

    private static void check(double[][] x, double[][] y, int[] fold, double[][] pred, double[][] lambda, int k) {
        CvRidge.Fit fit = CvRidge.withDefaults().withFolds(k).fit(x, y, fold);
        for (int i = 0; i < pred.length; i++) {
            for (int j = 0; j < pred[i].length; j++) {
                assertEquals(pred[i][j], fit.predictions()[i][j], 1e-8, "prediction " + i + "," + j);
            }
        }
        for (int f = 0; f < lambda.length; f++) {
            for (int j = 0; j < lambda[f].length; j++) {
                assertEquals(lambda[f][j], fit.lambda()[f][j], 1e-9 * lambda[f][j], "λ fold " + f + " unit " + j);
            }
        }
    }

    @Test
    void ridgeCvMatchesBruteForceLeaveOneOut() {
        check(RX, RY, RFOLD, RPRED, RLAMBDA, 4);
    }

    @Test
    void ridgeCvMatchesWithMoreFeaturesThanImages() {
        check(WX, WY, WFOLD, WPRED, WLAMBDA, 3);
    }

    @Test
    void partialCorrelationMatchesResidualRegression() {
        double[] y = {-0.2, 0.175, 2.453, -0.393, 0.783, 0.052, 0.52, -1.918, -0.491, 0.808, 0.734, 0.343, 0.861, -1.27, 0.471};
        double[] a = {0.427, 0.773, 1.665, 0.44, 0.9, -0.297, -0.052, -3.437, -0.904, 1.212, 1.438, 0.881, 0.625, 0.011, 1.519};
        double[] b = {1.686, 0.373, 2.355, 0.447, 0.818, -0.426, 1.116, -0.125, -1.415, 2.321, -0.006, 0.541, -2.025, -2.108, 1.759};
        assertEquals(0.7408051020302128, PartialCorrelation.of(y, a, b), 1e-12);
        assertEquals(0.3235776475152652, PartialCorrelation.of(y, b, a), 1e-12);
    }

    @Test
    void splitHalfNoiseCeilingMatchesScipy() {
        double[][] imagesByReps = {{0.778, 0.018, -0.061, 0.274}, {2.353, 1.923, 3.123, 2.826}, {0.39, 0.339, -0.066, 1.331}, {-0.463, 0.894, -0.477, -0.046}, {0.947, 1.645, 1.273, 0.456}, {-0.805, -1.72, -1.192, -1.908}, {0.445, 2.094, 1.192, 0.147}, {0.32, -1.011, 0.887, 1.577}, {-0.155, -0.235, 1.131, -0.192}, {-0.93, 1.596, -0.392, 0.772}, {0.4, -2.133, -1.774, -0.168}, {-0.794, 0.687, 1.034, -0.095}};
        double[][] reps = new double[4][12];
        for (int i = 0; i < 12; i++) {
            for (int k = 0; k < 4; k++) {
                reps[k][i] = imagesByReps[i][k];
            }
        }
        // 4 repetitions: the 3 balanced splits are all used
        assertEquals(0.7200396625740243, NoiseCeiling.meanSplitHalfR(reps, 100, 1), 1e-12);
        assertEquals(0.8372361152375885, NoiseCeiling.reliability(reps, 100, 1), 1e-12);
        assertEquals(0.44332625693295885, NoiseCeiling.reliability(new double[][] {reps[0], reps[1]}, 100, 1), 1e-12);
        assertEquals(0.5 * 2 / 1.5, NoiseCeiling.spearmanBrown(0.5), 1e-15);
    }

    /**
     * Planted structure: y = Xw + ε with var(Xw) and var(ε) chosen so that the population EV is 20, 50 or 80%;
     * the held-out EV's 95% bootstrap CI covers it, and with 4 noisy repetitions the noise-corrected EV covers the
     * EV of the noise-free signal within its CI scaled by the ceiling.
     */
    @Test
    void plantedLinearMapIsRecoveredWithinItsCi() {
        int n = 600;
        int p = 10;
        SplittableRandom rng = new SplittableRandom(2026);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[] w = new double[p];
        double ww = 0;
        for (int j = 0; j < p; j++) {
            w[j] = rng.nextGaussian();
            ww += w[j] * w[j];
        }
        double[] evs = {0.2, 0.5, 0.8};
        double[][] y = new double[n][evs.length];
        List<String> units = new ArrayList<>();
        for (int u = 0; u < evs.length; u++) {
            units.add("ev" + evs[u]);
            double noiseVar = ww * (1 - evs[u]) / evs[u]; // var(Xw) = ‖w‖² for standard normal features
            for (int i = 0; i < n; i++) {
                y[i][u] = Matrices.dot(x[i], w) + Math.sqrt(noiseVar) * rng.nextGaussian();
            }
        }
        List<String> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add("i" + i);
        }
        Targets t = new Targets(units, y, new double[][][] {y}, List.of());
        Map<String, double[][]> models = new LinkedHashMap<>();
        models.put("m", x);
        Predict.Result r = Predict.withDefaults().withBootstrap(500).run(models, t, images);
        List<String> progress = new ArrayList<>();
        Map<String, double[][]> two = new LinkedHashMap<>(models);
        two.put("m2", x);
        Predict.withDefaults().withBootstrap(0).run(two, t, images, (stage, done, total) -> progress.add(stage + " " + done + "/" + total));
        assertEquals(List.of("ridge 0/2", "ridge 1/2", "ridge 2/2", "partial 0/2", "partial 1/2", "partial 2/2"), progress,
            "one report per model fitted, then per ordered pair of models");
        for (int u = 0; u < evs.length; u++) {
            Predict.UnitResult res = r.unitResults().get(u);
            double planted = 100 * evs[u];
            assertTrue(res.ev().ciLow() <= planted && planted <= res.ev().ciHigh(),
                "planted EV " + planted + " outside " + res.ev());
            assertTrue(res.ev().ciHigh() - res.ev().ciLow() < 20, "a usable CI: " + res.ev());
        }
    }

    /**
     * Planted noise ceiling: 4 repetitions, each the noise-free signal Xw plus independent noise of variance var(Xw);
     * the mean of 4 has EV 80%, its split-half Spearman–Brown reliability
     * estimates 0.8, and the noise-corrected EV (100·r²/ρ_SB) recovers the 100% of the noise-free signal within the
     * EV CI divided by the ceiling.
     */
    @Test
    void noiseCeilingCorrectionRecoversTheNoiseFreeSignal() {
        int n = 800;
        int p = 6;
        SplittableRandom rng = new SplittableRandom(7);
        double[][] x = new double[n][p];
        double[] signal = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = rng.nextGaussian();
                signal[i] += x[i][j] * (j + 1) / 4.0;
            }
        }
        double var = 0;
        for (int j = 0; j < p; j++) {
            var += (j + 1) * (j + 1) / 16.0;
        }
        double[][][] reps = new double[4][n][1];
        double[][] mean = new double[n][1];
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < n; i++) {
                reps[k][i][0] = signal[i] + Math.sqrt(var) * rng.nextGaussian();
                mean[i][0] += reps[k][i][0] / 4;
            }
        }
        List<String> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add("i" + i);
        }
        Targets t = new Targets(List.of("site"), mean, reps, List.of());
        Predict.Result r = Predict.withDefaults().withBootstrap(500).run(Map.of("m", x), t, images);
        Predict.UnitResult u = r.unitResults().get(0);
        assertTrue(u.ev().ciLow() <= 80 && 80 <= u.ev().ciHigh(), "EV of the mean of 4 repetitions: " + u.ev());
        assertEquals(0.8, u.reliability(), 0.05, "split-half reliability (Spearman-Brown) of 4 repetitions");
        assertTrue(u.ev().ciLow() / u.reliability() <= 100 && 100 <= u.ev().ciHigh() / u.reliability(),
            "noise-corrected EV " + u.evCorrected() + " with CI [" + u.ev().ciLow() / u.reliability() + ", "
                + u.ev().ciHigh() / u.reliability() + "]");
    }
}
