package engram.generator.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import engram.generator.TestModels;
import engram.generator.image.ImageGenerator;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.set.StimulusSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsTest {
    static ImageGenerator generator;
    static ImageModel predictor;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        generator = new ImageGenerator(OnnxModel.load(TestModels.generator(), InferenceDevice.CPU));
        predictor = ImageModel.load(TestModels.predictor(), InferenceDevice.CPU);
    }

    @AfterAll
    static void close() {
        generator.close();
        predictor.close();
    }

    @Test
    void writesPairsAndFoilsWithTheManifestColumns() throws IOException {
        StimulusSet set = Pairs.withModels(generator, List.of(predictor)).withSeed(5).withFoils(3).generate(4);
        set.writeTo(dir.resolve("set"), false);
        List<String> lines = Files.readAllLines(dir.resolve("set/manifest.csv"));
        assertEquals("image_id,file,pair_id,condition,category,predicted_memorability,seed,lure_type", lines.get(0));
        assertEquals(1 + 8 + 3, lines.size());
        assertTrue(lines.get(1).startsWith("pair01_high,images/pair01_high.png,pair01,high,"), lines.get(1));
        assertTrue(lines.get(9).startsWith("foil01,images/foil01.png,,foil,"), lines.get(9));
        lines.subList(1, 9).forEach(line -> assertTrue(line.endsWith(",same_scene"), "a pair's lure_type: " + line));
        lines.subList(9, 12).forEach(line -> assertTrue(line.endsWith(","), "a foil has no lure_type: " + line));
        for (String line : lines.subList(1, lines.size())) {
            String file = line.split(",")[1];
            assertTrue(Files.size(dir.resolve("set").resolve(file)) > 0, file);
        }
        for (int pair = 0; pair < 4; pair++) {
            double high = Double.parseDouble(lines.get(1 + 2 * pair).split(",")[5]);
            double low = Double.parseDouble(lines.get(2 + 2 * pair).split(",")[5]);
            assertTrue(high - low >= 0.05, "pair " + pair + ": " + high + " vs " + low);
        }
        String json = Files.readString(dir.resolve("set/generation.json"));
        assertTrue(json.contains("\"sha256\" : \"" + OnnxModel.sha256(TestModels.generator()) + "\""), json);
        assertTrue(json.contains("\"pairedT\"") && json.contains("\"wilcoxon\"") && json.contains("percentCandidatesInIntendedDirection"));
    }

    @Test
    void sameSeedAndModelsGiveByteIdenticalSets() throws IOException {
        Pairs.withModels(generator, List.of(predictor)).withSeed(11).withFoils(2).generate(3).writeTo(dir.resolve("a"), false);
        Pairs.withModels(generator, List.of(predictor)).withSeed(11).withFoils(2).generate(3).writeTo(dir.resolve("b"), false);
        List<Path> files = list(dir.resolve("a"));
        assertEquals(1 + 1 + 8, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
        }
        Pairs.withModels(generator, List.of(predictor)).withSeed(12).withFoils(2).generate(3).writeTo(dir.resolve("c"), false);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/images/pair01_high.png")),
                Files.readAllBytes(dir.resolve("c/images/pair01_high.png"))));
    }

    @Test
    void tooManyPairsForTheMarginSaysHowManyArePossibleAndWritesNothing() {
        Path out = dir.resolve("never");
        StimulusException e = assertThrows(StimulusException.class, () -> Pairs.withModels(generator, List.of(predictor))
                .withMargin(0.3).withMaxCandidates(8).generate(6).writeTo(out, false));
        assertTrue(e.getMessage().matches("(?s)only \\d+ of 8 candidate pairs met the constraints.*at most \\d+ pairs are possible.*"), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(0, list(dir).size());
    }

    @Test
    void classifierCheckKeepsOnlyRecognisablePairsAndNamesTheCategory() throws IOException {
        try (ImageModel classifier = ImageModel.load(TestModels.colourClassifier(dir.resolve("models")), InferenceDevice.CPU)) {
            StimulusException e = assertThrows(StimulusException.class, () -> Pairs.withModels(generator, List.of(predictor))
                    .withMaxCandidates(4).withClassifier(classifier, java.util.Set.of("purple"), 1).generate(2));
            assertTrue(e.getMessage().contains("recognisable classes [purple]"), e.getMessage());
            StimulusSet set = Pairs.withModels(generator, List.of(predictor)).withFoils(2)
                    .withClassifier(classifier, java.util.Set.of("red", "green", "blue"), 1).generate(2);
            set.stimuli().forEach(s -> assertTrue(List.of("red", "green", "blue").contains(s.row().category()), s.row().toString()));
        }
    }

    /** A card-described generator with a scalar condition and NHWC/BGR output in [-1, 1] plugs in unchanged. */
    @Test
    void scalarConditionGeneratorAndUnconditionalFoilGeneratorPlugIn() throws IOException {
        try (ImageGenerator scalar = new ImageGenerator(OnnxModel.load(TestModels.scalarGenerator(dir.resolve("g"), true), InferenceDevice.CPU));
             ImageGenerator plain = new ImageGenerator(OnnxModel.load(TestModels.scalarGenerator(dir.resolve("g"), false), InferenceDevice.CPU))) {
            StimulusSet set = Pairs.withModels(scalar, List.of(predictor)).withFoils(2).withFoilGenerator(plain).generate(3);
            assertEquals(8, set.stimuli().size());
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(set.stimuli().get(0).bytes()));
            assertEquals(32, image.getWidth());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> models = (List<Map<String, Object>>) set.generation().get("models");
            assertEquals("foil generator", models.get(1).get("use"));
        }
    }

    @Test
    void predictorWithoutScoreIsRejected() throws IOException {
        try (ImageModel classifier = ImageModel.load(TestModels.colourClassifier(dir.resolve("m2")), InferenceDevice.CPU)) {
            StimulusException e = assertThrows(StimulusException.class, () -> Pairs.withModels(generator, List.of(classifier)));
            assertTrue(e.getMessage().contains("colour-classifier.onnx") && e.getMessage().contains("a predictor is needed"), e.getMessage());
        }
    }

    @Test
    void frechetDistanceIsReportedWithAFeatureExtractor() {
        StimulusSet set = Pairs.withModels(generator, List.of(predictor)).withFoils(3).withFeatureExtractor(predictor).generate(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) set.generation().get("report");
        @SuppressWarnings("unchecked")
        Map<String, Object> fid = (Map<String, Object>) report.get("frechetDistance");
        assertTrue((double) fid.get("highVsLow") > 0, fid.toString());
    }

    private static List<Path> list(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
