package engram.generator.bench;

import engram.core.random.SplitMix64;
import engram.generator.image.ImageGenerator;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.onnx.DemoModels;
import engram.generator.onnx.ResNetShapedModel;
import engram.generator.pairs.TargetMaps;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Images per second for generate-and-score: the demo generator with (1) the demo predictor and (2) a
 * ResNet-50-shaped predictor with random weights. One warm-up round, then the median of R timed rounds of N
 * images each. Usage: GeneratorBenchmark [modelDir] [rounds] [imagesPerRound] [cpu|gpu].
 */
public final class GeneratorBenchmark {
    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "generator/target/bench-models");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        InferenceDevice device = args.length > 3 ? InferenceDevice.parse(args[3]) : InferenceDevice.CPU;
        DemoModels.writeTo(dir);
        Path resnet = dir.resolve("resnet50-shaped.onnx");
        if (!Files.exists(resnet)) {
            Files.write(resnet, ResNetShapedModel.build(50));
            Files.writeString(dir.resolve("resnet50-shaped.card.json"), ResNetShapedModel.card());
        }
        System.out.printf(Locale.ROOT, "device=%s cores=%d java=%s rounds=%d images/round=%d%n", device,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds, images);
        try (ImageGenerator generator = new ImageGenerator(OnnxModel.load(dir.resolve(DemoModels.GENERATOR + ".onnx"), device))) {
            for (String predictorName : List.of(DemoModels.PREDICTOR, "resnet50-shaped")) {
                try (ImageModel predictor = ImageModel.load(dir.resolve(predictorName + ".onnx"), device)) {
                    measure(generator, predictor, predictorName, rounds, images);
                }
            }
        }
    }

    private static void measure(ImageGenerator generator, ImageModel predictor, String name, int rounds, int images) {
        TargetMaps maps = new TargetMaps(generator.model().card().condition(), generator.conditionSize());
        double[] total = new double[rounds];
        double[] generateOnly = new double[rounds];
        double[] scoreOnly = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            List<float[]> z = new ArrayList<>();
            List<float[]> c = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                z.add(new SplitMix64(r * 1000L + i).gaussians(generator.latentSize()));
                c.add(maps.pair(new SplitMix64(i))[0]);
            }
            long t0 = System.nanoTime();
            List<BufferedImage> generated = generator.generate(z, c);
            long t1 = System.nanoTime();
            predictor.run(generated);
            long t2 = System.nanoTime();
            if (r >= 0) {
                generateOnly[r] = images / ((t1 - t0) / 1e9);
                scoreOnly[r] = images / ((t2 - t1) / 1e9);
                total[r] = images / ((t2 - t0) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "%-18s generate+score median %.1f img/s (min %.1f, max %.1f); generate only %.1f img/s; score only %.1f img/s%n",
                name, median(total), Arrays.stream(total).min().orElse(0), Arrays.stream(total).max().orElse(0),
                median(generateOnly), median(scoreOnly));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
