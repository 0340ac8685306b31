package engram.generator.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.core.random.SplitMix64;
import engram.generator.TestModels;
import engram.generator.image.ImageGenerator;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.pairs.TargetMaps;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoModelsTest {
    @Test
    void buildingIsDeterministicAndMatchesTheShippedFiles() throws IOException {
        assertArrayEquals(DemoModels.generatorBytes(), DemoModels.generatorBytes());
        assertArrayEquals(resource("demo-generator.onnx"), DemoModels.generatorBytes());
        assertArrayEquals(resource("demo-predictor.onnx"), DemoModels.predictorBytes());
        assertTrue(DemoModels.generatorBytes().length + DemoModels.predictorBytes().length < 2_000_000);
    }

    @Test
    void generatorGivesImagesInRangeAndPredictorGivesMapAndScore() {
        try (OnnxModel generator = OnnxModel.load(TestModels.generator(), InferenceDevice.CPU);
             OnnxModel predictor = OnnxModel.load(TestModels.predictor(), InferenceDevice.CPU)) {
            float[] z = new SplitMix64(3).gaussians(2 * DemoModels.LATENT);
            float[] maps = new float[2 * 100];
            java.util.Arrays.fill(maps, 0.5f);
            float[] image = generator.run(2, Map.of("z", z, "condition", maps)).get("image");
            assertEquals(2 * 3 * 256 * 256, image.length);
            for (float v : image) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
            Map<String, float[]> out = predictor.run(2, Map.of("image", image));
            assertEquals(200, out.get("vms_map").length);
            assertEquals(2, out.get("score").length);
            assertTrue(out.get("score")[0] > 0 && out.get("score")[0] < 1);
        }
    }

    /** The spec's check: fixed z with high vs low map is ordered as intended for ≥ 90 % of seeds. */
    @Test
    void highMapsScoreAboveLowMapsForAtLeastNinetyPercentOfSeeds() {
        try (ImageGenerator generator = new ImageGenerator(OnnxModel.load(TestModels.generator(), InferenceDevice.CPU));
             ImageModel predictor = ImageModel.load(TestModels.predictor(), InferenceDevice.CPU)) {
            TargetMaps maps = new TargetMaps(generator.model().card().condition(), generator.conditionSize());
            int seeds = 60;
            List<float[]> z = new ArrayList<>();
            List<float[]> conditions = new ArrayList<>();
            List<float[]> lows = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                float[][] pair = maps.pair(new SplitMix64(1000 + s));
                z.add(new SplitMix64(s).gaussians(generator.latentSize()));
                conditions.add(pair[0]);
                lows.add(pair[1]);
            }
            z.addAll(new ArrayList<>(z));
            conditions.addAll(lows);
            List<BufferedImage> images = generator.generate(z, conditions);
            double[] scores = predictor.run(images).stream().mapToDouble(predictor::score).toArray();
            int ordered = 0;
            for (int s = 0; s < seeds; s++) {
                if (scores[s] > scores[seeds + s]) {
                    ordered++;
                }
            }
            assertTrue(ordered >= 0.9 * seeds, ordered + " of " + seeds + " pairs ordered high > low");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoModels.class.getResourceAsStream("/demo-models/" + name)) {
            return in.readAllBytes();
        }
    }
}
