package engram.generator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.representation.FeatureFolder;
import engram.analysis.representation.Npy;
import engram.generator.TestModels;
import engram.generator.image.Images;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** engram features on the shipped demo set with the demo feature extractor, and its errors. */
class FeaturesMainTest {
    static final Path DEMO_SET = Path.of("../stimuli/demo");

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(FeaturesMain.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void demoSetGivesFourLayersInManifestOrder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("f");
        Run r = run("--demo", "--set", DEMO_SET.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("images/s on cpu"), r.err());
        FeatureFolder f = FeatureFolder.read(out, List.of());
        List<String> manifest = Files.readAllLines(DEMO_SET.resolve("manifest.csv"));
        assertEquals(manifest.size() - 1, f.images().size());
        for (int i = 1; i < manifest.size(); i++) {
            String[] row = manifest.get(i).split(",");
            assertEquals(row[0], f.images().get(i - 1), "manifest order");
            // the score layer reproduces the demo predictor's score recorded in the manifest (6 decimals)
            assertEquals(Double.parseDouble(row[5]), f.layers().get("score")[i - 1][0], 1e-6, row[0]);
        }
        assertEquals(List.of("colour", "contrast", "vms_map", "score"), List.copyOf(f.layers().keySet()), "the card's order, from layers.csv");
        assertEquals(48, f.layers().get("colour")[0].length);
        assertEquals(100, f.layers().get("contrast")[0].length);
        // vms_map equals the demo predictor's map, flattened in C order
        try (ImageModel predictor = ImageModel.load(TestModels.predictor(), InferenceDevice.CPU)) {
            Map<String, float[]> res = predictor.run(List.of(Images.read(DEMO_SET.resolve("images/pair01_high.png")))).get(0);
            float[] map = predictor.vmsMap(res);
            for (int k = 0; k < map.length; k++) {
                assertEquals(map[k], f.layers().get("vms_map")[0][k], 1e-6);
            }
        }
    }

    @Test
    void theReportHasEachLayersStatisticsAndProjectionColouredByCondition(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("f");
        assertEquals(0, run("--demo", "--set", DEMO_SET.toString(), "--out", out.toString()).code());
        List<String> stats = Files.readAllLines(out.resolve("layer_stats.csv"));
        assertEquals("layer,output,features,mean,sd,min,max,zero_fraction,constant_features,non_finite,pc1_variance,pc2_variance",
            stats.get(0));
        assertEquals(5, stats.size());
        // the score layer's statistics are those of the manifest's predicted_memorability (6 decimals there)
        List<String> manifest = Files.readAllLines(DEMO_SET.resolve("manifest.csv")).subList(1, 49);
        double[] scores = manifest.stream().mapToDouble(l -> Double.parseDouble(l.split(",")[5])).toArray();
        double mean = java.util.Arrays.stream(scores).average().orElseThrow();
        double ss = java.util.Arrays.stream(scores).map(v -> (v - mean) * (v - mean)).sum();
        String[] score = stats.get(4).split(",", -1);
        assertEquals("score", score[0]);
        assertEquals("1", score[2]);
        assertEquals(mean, Double.parseDouble(score[3]), 1e-6);
        assertEquals(Math.sqrt(ss / 47), Double.parseDouble(score[4]), 1e-6);
        assertEquals(java.util.Arrays.stream(scores).min().orElseThrow(), Double.parseDouble(score[5]), 1e-6);
        assertEquals("0", score[9], "no non-finite values");
        assertEquals(1.0, Double.parseDouble(score[10]), 1e-12, "one feature: PC1 holds all the variance");
        assertEquals("", score[11]);
        for (String row : stats.subList(1, 4)) {
            String[] f = row.split(",");
            double pc1 = Double.parseDouble(f[10]);
            double pc2 = Double.parseDouble(f[11]);
            assertTrue(pc1 >= pc2 && pc2 > 0 && pc1 + pc2 <= 1 + 1e-12, row);
        }
        List<String> projection = Files.readAllLines(out.resolve("projection.csv"));
        assertEquals("layer,image,condition,pc1,pc2", projection.get(0));
        assertEquals(1 + 4 * 48, projection.size());
        assertTrue(projection.get(1).startsWith("colour,pair01_high,high,"), projection.get(1));
        // pc1 of the one-feature layer is its centred value
        String[] first = projection.stream().filter(l -> l.startsWith("score,pair01_high,")).findFirst().orElseThrow().split(",");
        assertEquals(scores[0] - mean, Double.parseDouble(first[3]), 1e-6);
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(4, html.split("<svg", -1).length - 1, "one plot per layer");
        assertTrue(html.contains("coloured by its condition"), "the demo set has conditions");
        for (String legend : List.of(">high</text>", ">low</text>", ">foil</text>", "PC1 (", "PC2 (", "image (row of images.csv)",
            "images/s of preprocessing and inference on cpu")) {
            assertTrue(html.contains(legend), legend);
        }
    }

    @Test
    void oneLayerIsFeaturesNpyAndImagesFolderWorks(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("f");
        Run r = run("--demo", "--images", DEMO_SET.resolve("images").toString(), "--layer", "contrast", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        try (var files = Files.list(out)) {
            assertEquals(List.of("features.npy", "images.csv", "layer_stats.csv", "layers.csv", "projection.csv", "report.html"),
                files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("layer,output,features", "features,contrast,100"), Files.readAllLines(out.resolve("layers.csv")));
        double[][] x = Npy.read(out.resolve("features.npy"));
        assertEquals(48, x.length);
        assertEquals(100, x[0].length);
        assertEquals("image", Files.readAllLines(out.resolve("images.csv")).get(0));
        assertEquals("foil01", Files.readAllLines(out.resolve("images.csv")).get(1), "sorted by path, ids as generate score gives them");
        assertTrue(Files.readAllLines(out.resolve("layer_stats.csv")).get(1).startsWith("features,contrast,100,"));
        assertTrue(Files.readAllLines(out.resolve("projection.csv")).get(1).startsWith("features,foil01,,"), "a plain folder has no conditions");
        assertFalse(Files.readString(out.resolve("report.html")).contains("coloured by its condition"));
        Run again = run("--demo", "--images", DEMO_SET.resolve("images").toString(), "--out", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("folder exists and is not empty (set --overwrite"), again.err());
    }

    @Test
    void layerNotInTheCardIsNamed(@TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("m");
        Files.createDirectories(models);
        Files.copy(TestModels.predictor(), models.resolve("p.onnx"));
        Files.copy(TestModels.demoDir().resolve("demo-predictor.card.json"), models.resolve("p.card.json"));
        Path out = tmp.resolve("f");
        Run r = run("--model", models.resolve("p.card.json").toString(), "--set", DEMO_SET.toString(), "--layer", "it",
            "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("model card " + models.resolve("p.card.json") + ": no layer (output) 'it'; the card's outputs are: vms_map, score"), r.err());
        assertFalse(Files.exists(out));
        r = run("--model", models.resolve("p.card.json").toString(), "--set", DEMO_SET.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("vms_map.npy")) && Files.exists(out.resolve("score.npy")));
    }

    @Test
    void usage() {
        Run r = run("--demo", "--out", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("engram features: Error: Missing required argument"), r.err());
        r = run("--demo", "--model", "m.card.json", "--set", "s", "--out", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
        r = run("--demo", "--set", "s", "--out", "x", "--device", "tpu");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram features: --device must be cpu or gpu, not 'tpu'"), r.err());
    }

    @Test
    void helpAndVersionGoToStdoutWithExitZero() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, run("--help").code());
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: engram features"), out.toString());
            assertEquals(0, run("--version").code());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("engram 0."), out.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void aMissingSetIsAFailedRun(@TempDir Path tmp) {
        Run r = run("--demo", "--set", tmp.resolve("nope").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("engram features: "), r.err());
        assertTrue(r.err().contains(tmp.resolve("nope").toString()), r.err());
    }
}
