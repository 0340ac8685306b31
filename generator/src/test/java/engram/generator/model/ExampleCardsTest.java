package engram.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.image.ImageGenerator;
import engram.generator.onnx.OnnxGraph;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cards shipped in generator/cards drive models of their exact signatures without code changes. Each card
 * is paired with a stand-in ONNX graph built here with the same input and output names and shapes (the real
 * weights cannot be downloaded in CI); the stand-ins prove the plumbing (card validation, preprocessing at the
 * card's sizes, ten-crop with a mean image, labels, generator conditions), not the models' predictions.
 */
class ExampleCardsTest {
    private static final Path CARDS = Path.of("cards");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"resmem", "memnet", "amnet", "cornet-s-it", "places365"})
    void anImageModelWithTheCardsSignatureRunsUnchanged(String stem) throws IOException {
        ModelCard card = ModelCards.read(CARDS.resolve(stem + ".card.json"));
        Path model = dir.resolve(stem + ".onnx");
        Files.copy(CARDS.resolve(stem + ".card.json"), dir.resolve(stem + ".card.json"));
        writeImageStandIn(card, model);
        if (card.preprocessing().meanImage() != null) {
            int side = card.preprocessing().resizeTo();
            writeFloats(dir.resolve(card.preprocessing().meanImage()), 3 * side * side, 110f);
        }
        if (card.labelsFile() != null) {
            Files.write(dir.resolve(card.labelsFile()), IntStream.range(0, (int) (long) card.output("logits").shape().get(1))
                    .mapToObj(i -> "scene" + i).toList());
        }

        try (ImageModel loaded = ImageModel.load(model, InferenceDevice.CPU)) {
            List<Map<String, float[]>> results = loaded.run(List.of(picture(320, 240), picture(500, 500)));
            assertEquals(2, results.size());
            switch (card.role()) {
                case SCORE_PREDICTOR -> assertTrue(Double.isFinite(loaded.score(results.get(0))), stem + " gives a score");
                case FEATURE_EXTRACTOR -> assertEquals(512, loaded.features(results.get(0)).length);
                case CLASSIFIER -> {
                    assertEquals(365, loaded.labels().size());
                    assertTrue(loaded.label(loaded.topK(results.get(0), 5)[0]).startsWith("scene"));
                }
                default -> throw new AssertionError("unexpected role " + card.role());
            }
        }
    }

    @Test
    void aGeneratorWithTheMemganCardsSignatureRendersBothConditions() throws IOException {
        ModelCard card = ModelCards.read(CARDS.resolve("memgan.card.json"));
        Path model = dir.resolve("memgan.onnx");
        Files.copy(CARDS.resolve("memgan.card.json"), dir.resolve("memgan.card.json"));
        OnnxGraph g = new OnnxGraph("memgan_stand_in");
        String z = g.input("z", -1, 128);
        String condition = g.input("condition", -1, 1, 10, 10);
        String colour = g.node("Reshape", List.of(g.node("MatMul", List.of(z, g.floats("w", filled(128 * 3, 0.01f), 128, 3))),
                g.int64s("shape", -1, 3, 1, 1)));
        String brightness = g.node("ReduceMean", List.of(condition), OnnxGraph.Attr.ints("axes", 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String pixel = g.node("Tanh", List.of(g.node("Add", List.of(colour, brightness))));
        g.nodeNamed("Expand", "image", List.of(pixel, g.int64s("size", 1, 3, 256, 256)));
        g.output("image", -1, 3, 256, 256);
        Files.write(model, g.toModelBytes("engram-test", "MEMGAN-shaped stand-in"));

        try (ImageGenerator generator = new ImageGenerator(OnnxModel.load(model, InferenceDevice.CPU))) {
            assertEquals(card.latentSize(), generator.latentSize());
            float[] latent = new float[128];
            float[] high = new float[100];
            float[] low = new float[100];
            java.util.Arrays.fill(high, 1f);
            List<BufferedImage> images = generator.generate(List.of(latent, latent), List.of(high, low));
            assertEquals(256, images.get(0).getWidth());
            assertTrue(brightness(images.get(0)) > brightness(images.get(1)), "the condition map reaches the image");
        }
    }

    /** Mean pixel per channel → a fixed linear map to the card's output width, reshaped to the output's shape. */
    private static void writeImageStandIn(ModelCard card, Path model) throws IOException {
        ModelCard.TensorSpec input = card.inputs().get(0);
        ModelCard.TensorSpec output = card.outputs().get(0);
        long width = output.shape().get(1);
        OnnxGraph g = new OnnxGraph("stand_in");
        String image = g.input(input.name(), toArray(input.shape()));
        String pooled = g.node("ReduceMean", List.of(image), OnnxGraph.Attr.ints("axes", 2, 3), OnnxGraph.Attr.i("keepdims", 0));
        float[] weights = new float[3 * (int) width];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (i % 7 - 3) * 0.1f;
        }
        g.nodeNamed("MatMul", output.name(), List.of(pooled, g.floats("w", weights, 3, width)));
        g.output(output.name(), toArray(output.shape()));
        Files.write(model, g.toModelBytes("engram-test", "stand-in with the signature of " + card.name()));
    }

    private static long[] toArray(List<Long> shape) {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] filled(int n, float value) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static void writeFloats(Path file, int n, float value) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putFloat(value);
        }
        Files.write(file, bytes.array());
    }

    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 90);
            }
        }
        return image;
    }

    private static double brightness(BufferedImage image) {
        List<Integer> values = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y += 16) {
            for (int x = 0; x < image.getWidth(); x += 16) {
                int rgb = image.getRGB(x, y);
                values.add(((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF));
            }
        }
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }
}
