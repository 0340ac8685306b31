package engram.generator.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.representation.Npy;
import engram.analysis.representation.cli.CompareMain;
import engram.analysis.representation.cli.PredictMain;
import engram.generator.cli.FeaturesMain;
import engram.generator.cli.GenerateMain;
import engram.generator.cli.ReadoutMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the demo feature extractor and the shipped demo set: features → compare → predict → a readout card →
 * generate score with it. The human data is an analysis output with planted hit rates (a known function of the demo
 * images' local contrast plus noise), because the demo set has no real participants.
 */
class ReadoutEndToEndTest {
    static final Path DEMO_SET = Path.of("../stimuli/demo");

    record Run(int code, String err) {
    }

    interface Cmd {
        int run(String... args);
    }

    static Run run(Cmd cmd, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(cmd.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** images.csv + consistency.csv as engram analyse writes them, hit rate = 0.15 + 2·mean contrast + N(0, 0.03²). */
    static Path plantedAnalysis(Path dir, Path features) throws Exception {
        Files.createDirectories(dir);
        List<String> images = Files.readAllLines(features.resolve("images.csv")).subList(1, 49);
        double[][] contrast = Npy.read(features.resolve("contrast.npy"));
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("image_id,condition,hit_rate,dprime\n");
        for (int i = 0; i < images.size(); i++) {
            double m = 0;
            for (double v : contrast[i]) {
                m += v / contrast[i].length;
            }
            double hit = 0.15 + 2 * m + 0.03 * rng.nextGaussian();
            sb.append(images.get(i)).append(",x,").append(i == 47 ? "" : Double.toString(hit)).append(",1\n");
        }
        Files.writeString(dir.resolve("images.csv"), sb);
        Files.writeString(dir.resolve("consistency.csv"), "measure,splits,mean_rho,sd_rho,spearman_brown\n"
            + "hit_rate,1000,0.6,0.05,0.75\nvms_true,1000,0.3,0.1,0.46\n");
        return dir;
    }

    @Test
    void featuresCompareReadoutAndScoreWithTheReadout(@TempDir Path tmp) throws Exception {
        Path feats = tmp.resolve("feats");
        assertEquals(0, run(FeaturesMain::run, "--demo", "--set", DEMO_SET.toString(), "--out", feats.toString()).code());
        Run cmp = run(CompareMain::run, "--a", feats.toString(), "--out", tmp.resolve("cmp").toString(), "--bootstrap", "100",
            "--permutations", "99");
        assertEquals(0, cmp.code(), cmp.err());
        List<String> matrix = Files.readAllLines(tmp.resolve("cmp/cka_linear_matrix.csv"));
        assertEquals("layer_a,colour,contrast,vms_map,score", matrix.get(0));
        assertTrue(Double.parseDouble(matrix.get(2).split(",")[3]) > 0.9, "contrast ~ vms_map: " + matrix.get(2));

        Path analysis = plantedAnalysis(tmp.resolve("analysis"), feats);
        // predict: the same hit rates as a target CSV (images × 1 unit)
        List<String> rows = Files.readAllLines(analysis.resolve("images.csv"));
        StringBuilder target = new StringBuilder("image,hit_rate\n");
        for (String r : rows.subList(1, 48)) {
            String[] f = r.split(",");
            target.append(f[0]).append(',').append(f[2]).append('\n');
        }
        Files.writeString(tmp.resolve("target.csv"), target);
        Path featsNoLast = tmp.resolve("feats47");
        Files.createDirectories(featsNoLast);
        List<String> ids = Files.readAllLines(feats.resolve("images.csv"));
        Files.write(featsNoLast.resolve("images.csv"), ids.subList(0, 48));
        double[][] contrast = Npy.read(feats.resolve("contrast.npy"));
        Npy.writeFloat32(featsNoLast.resolve("contrast.npy"), java.util.Arrays.copyOf(contrast, 47));
        Run pred = run(PredictMain::run, "--features", featsNoLast.toString(), "--target", tmp.resolve("target.csv").toString(),
            "--out", tmp.resolve("pred").toString(), "--bootstrap", "100");
        assertEquals(0, pred.code(), pred.err());
        String[] p = Files.readAllLines(tmp.resolve("pred/predictivity.csv")).get(1).split(",");
        assertTrue(Double.parseDouble(p[4]) > 0.8, "contrast predicts the planted hit rate: r = " + p[4]);

        Path readout = tmp.resolve("readout");
        Run r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--set", DEMO_SET.toString(), "--analysis",
            analysis.toString(), "--out", readout.toString(), "--bootstrap", "200");
        assertEquals(0, r.code(), r.err());
        List<String> summary = Files.readAllLines(readout.resolve("summary.csv"));
        assertEquals("model,layer,measure,n_images,skipped_images,folds,spearman_rho,rho_ci_low,rho_ci_high,pearson_r,"
            + "split_half_ceiling,rho_over_ceiling,lambda", summary.get(0));
        String[] s = summary.get(1).split(",");
        assertEquals("contrast", s[1]);
        assertEquals("47", s[3], "the image without a hit rate is skipped");
        assertEquals("1", s[4]);
        double rho = Double.parseDouble(s[6]);
        assertTrue(rho > 0.7 && Double.parseDouble(s[7]) <= rho && rho <= Double.parseDouble(s[8]), summary.get(1));
        assertEquals(0.75, Double.parseDouble(s[10]), 1e-12);
        assertEquals(rho / 0.75, Double.parseDouble(s[11]), 1e-8);
        assertTrue(r.err().contains("held-out Spearman rho"), r.err());
        assertTrue(Files.readString(readout.resolve("readout.card.json")).contains("\"role\" : \"score-predictor\""));

        // the saved readout is a predictor for generate score: its scores equal the Java readout's predictions
        assertEquals(47, scoresWithTheReadoutMatchIt(readout, tmp.resolve("scored")));

        // ... and for generate pairs: the demo generator's pairs, kept by the readout's scores (high − low ≥ the margin)
        Path generator = engram.generator.onnx.DemoModels.writeTo(tmp.resolve("models"));
        Path pairs = tmp.resolve("pairs");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GenerateMain.run(new String[] {"pairs", "--generator", generator.toString(), "--predictor",
            readout.resolve("readout.onnx").toString(), "--pairs", "3", "--foils", "2", "--out", pairs.toString()},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(0, code, err.toString());
        Map<String, Double> predicted = new HashMap<>();
        for (String line : Files.readAllLines(pairs.resolve("manifest.csv")).subList(1, 9)) {
            String[] f = line.split(",");
            predicted.put(f[0], Double.parseDouble(f[5]));
        }
        for (int i = 1; i <= 3; i++) {
            String pair = String.format("pair%02d", i);
            assertTrue(predicted.get(pair + "_high") - predicted.get(pair + "_low") >= 0.05 - 1e-9, pair + ": " + predicted);
        }
        assertTrue(Files.readString(pairs.resolve("generation.json")).contains("readout.onnx"), "generation.json names the readout");
    }

    /**
     * Runs {@code generate score --predictor readout.onnx} on the demo set's images and checks each score against the
     * readout's own {@code predicted_readout} (2·10⁻⁵: the ONNX head is float32).
     *
     * @return how many images were checked (those in readout.csv)
     */
    static int scoresWithTheReadoutMatchIt(Path readout, Path scored) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GenerateMain.run(new String[] {"score", "--predictor", readout.resolve("readout.onnx").toString(), "--images",
            DEMO_SET.resolve("images").toString(), "--out", scored.toString()}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
        assertEquals(0, code, err.toString());
        Map<String, Double> expected = new HashMap<>();
        List<String> rows = Files.readAllLines(readout.resolve("readout.csv"));
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",");
            expected.put(f[0], Double.parseDouble(f[3]));
        }
        int checked = 0;
        for (String line : Files.readAllLines(scored.resolve("manifest.csv")).subList(1, 49)) {
            String[] f = line.split(",");
            if (expected.containsKey(f[0])) {
                assertEquals(expected.get(f[0]), Double.parseDouble(f[5]), 2e-5, f[0]);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void badInput(@TempDir Path tmp) throws Exception {
        Path feats = tmp.resolve("feats");
        assertEquals(0, run(FeaturesMain::run, "--demo", "--set", DEMO_SET.toString(), "--layer", "contrast", "--layer", "score",
            "--out", feats.toString()).code());
        Path analysis = plantedAnalysis(tmp.resolve("analysis"), feats);
        Run r = run(ReadoutMain::run, "--demo", "--layer", "it", "--set", DEMO_SET.toString(), "--analysis", analysis.toString(),
            "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("demo-features.card.json: no layer (output) 'it'; the card's outputs are: colour, contrast, vms_map,"
            + " score"), r.err());
        Files.writeString(analysis.resolve("images.csv"), Files.readString(analysis.resolve("images.csv")) + "stranger,x,0.5,1\n");
        r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--set", DEMO_SET.toString(), "--analysis", analysis.toString(),
            "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(analysis.resolve("images.csv") + ": image 'stranger' is not in the stimulus set"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
        r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--set", DEMO_SET.toString(), "--analysis", tmp.toString(),
            "--out", tmp.resolve("o").toString());
        assertTrue(r.err().contains("no images.csv (run ./engram analyse first)"), r.err());
    }
}
