package engram.generator;

import engram.core.random.SplitMix64;

import engram.generator.onnx.DemoModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Demo models written to a temporary folder for tests. */
public final class TestModels {
    private static Path dir;

    private TestModels() {
    }

    /** Folder with demo-generator.onnx, demo-predictor.onnx and their cards (created once per JVM). */
    public static synchronized Path demoDir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("engram-test-models");
                DemoModels.writeTo(dir);
                Path created = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (java.util.stream.Stream<Path> files = Files.list(created)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                        Files.deleteIfExists(created);
                    } catch (IOException ignored) {
                        // temporary test files
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static Path generator() {
        return demoDir().resolve(DemoModels.GENERATOR + ".onnx");
    }

    public static Path predictor() {
        return demoDir().resolve(DemoModels.PREDICTOR + ".onnx");
    }

    /**
     * Writes a tiny real classifier (mean colour → logits for red, green, blue) with its card into
     * {@code target}, built with {@link engram.generator.onnx.OnnxGraph}.
     */
    public static Path colourClassifier(Path target) throws IOException {
        engram.generator.onnx.OnnxGraph g = new engram.generator.onnx.OnnxGraph("colour_classifier");
        String image = g.input("image", -1, 3, 64, 64);
        g.nodeNamed("ReduceMean", "logits", java.util.List.of(image), engram.generator.onnx.OnnxGraph.Attr.ints("axes", 2, 3),
                engram.generator.onnx.OnnxGraph.Attr.i("keepdims", 0));
        g.output("logits", -1, 3);
        Files.createDirectories(target);
        Path model = target.resolve("colour-classifier.onnx");
        Files.write(model, g.toModelBytes("engram-test", "test classifier"));
        Files.writeString(target.resolve("colour-classifier.card.json"), """
                {"name": "mean colour classifier", "role": "classifier",
                 "inputs": [{"name": "image", "kind": "image", "shape": [-1, 3, 64, 64]}],
                 "outputs": [{"name": "logits", "kind": "logits", "shape": [-1, 3]}],
                 "preprocessing": {"resize": "stretch", "size": [64, 64], "channelOrder": "RGB", "pixelScale": 1.0},
                 "outputScaling": {"activation": "softmax"},
                 "labels": ["red", "green", "blue"]}
                """);
        return model;
    }

    /**
     * Writes a small generator with a scalar condition, NHWC BGR output in [-1, 1] (or, with
     * {@code conditional} false, an unconditional one) and its card into {@code target}: image =
     * tanh(z·W) · c, so the scalar c sets the contrast.
     */
    public static Path scalarGenerator(Path target, boolean conditional) throws IOException {
        engram.generator.onnx.OnnxGraph g = new engram.generator.onnx.OnnxGraph("scalar_generator");
        String z = g.input("z", -1, 8);
        int values = 32 * 32 * 3;
        float[] w = new SplitMix64(77).gaussians(8 * values);
        String pattern = g.node("Reshape", java.util.List.of(g.node("Tanh", java.util.List.of(
                g.node("MatMul", java.util.List.of(z, g.floats("w", w, 8, values))))), g.int64s("shape", -1, 32, 32, 3)));
        String amplitude;
        if (conditional) {
            String c = g.input("alpha", -1, 1);
            amplitude = g.node("Reshape", java.util.List.of(c, g.int64s("shape", -1, 1, 1, 1)));
        } else {
            amplitude = g.scalar(0.5f);
        }
        g.nodeNamed("Mul", "picture", java.util.List.of(pattern, amplitude));
        g.output("picture", -1, 32, 32, 3);
        Files.createDirectories(target);
        String stem = conditional ? "scalar-generator" : "plain-generator";
        Path model = target.resolve(stem + ".onnx");
        Files.write(model, g.toModelBytes("engram-test", "test generator"));
        String condition = conditional
                ? ", {\"name\": \"alpha\", \"kind\": \"condition\", \"shape\": [-1, 1]}"
                : "";
        String conditionSpec = conditional
                ? "\"condition\": {\"type\": \"scalar\", \"low\": 0.1, \"high\": 0.9, \"neutral\": 0.5},"
                : "";
        Files.writeString(target.resolve(stem + ".card.json"), """
                {"name": "test generator", "role": "generator",
                 "inputs": [{"name": "z", "kind": "latent", "shape": [-1, 8]}%s],
                 "outputs": [{"name": "picture", "kind": "image", "shape": [-1, 32, 32, 3]}],
                 %s
                 "imageOutput": {"range": [-1.0, 1.0], "layout": "NHWC", "channelOrder": "BGR"}}
                """.formatted(condition, conditionSpec));
        return model;
    }

    /** Copies a demo model and its card into {@code target} under a new stem and returns the .onnx path. */
    public static Path copy(Path onnx, Path target, String stem) throws IOException {
        Files.createDirectories(target);
        Path model = target.resolve(stem + ".onnx");
        Files.copy(onnx, model);
        String name = onnx.getFileName().toString().replace(".onnx", ".card.json");
        Files.copy(onnx.resolveSibling(name), target.resolve(stem + ".card.json"));
        return model;
    }
}
