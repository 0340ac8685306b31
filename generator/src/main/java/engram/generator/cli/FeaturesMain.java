package engram.generator.cli;

import engram.generator.StimulusException;
import engram.generator.features.FeatureExtraction;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.onnx.DemoModels;
import engram.cli.Cli;
import engram.cli.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./engram features}: activations of a model's layers for a stimulus set, as .npy files. */
@Command(name = "engram features", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Extracts the activations of a model's layers (the outputs named in its card) for a stimulus set",
        "or a folder of images, and writes DIR/images.csv and DIR/<layer>.npy (float32, images x features;",
        "a single layer is written as features.npy). --demo uses the built-in demo feature extractor."})
public final class FeaturesMain implements Callable<Integer> {
    static final class ModelChoice {
        @Option(names = "--model", required = true, paramLabel = "CARD", description = "model card (x.card.json) or its x.onnx")
        Path model;
        @Option(names = "--demo", required = true, description = "the built-in demo feature extractor (layers colour, contrast, vms_map, score)")
        boolean demo;
    }

    static final class Input {
        @Option(names = "--set", required = true, paramLabel = "DIR", description = "a stimulus-set folder (manifest.csv order, image_id)")
        Path set;
        @Option(names = "--images", required = true, paramLabel = "DIR", description = "a folder of images (sorted by path)")
        Path images;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice choice;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;
    @Option(names = "--layer", paramLabel = "NAME", description = "a layer (card output name) to extract; repeatable; default all")
    List<String> layers = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu", description = "inference device (default ${DEFAULT-VALUE})")
    String device;
    @Option(names = "--overwrite", description = "replace a non-empty output folder")
    boolean overwrite;

    private FeaturesMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run */
    public static int run(String... args) {
        return Cli.execute(new FeaturesMain(), args);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Progress progress = Progress.onTerminal();
        InferenceDevice dev = Cli.flag(spec, "--device", () -> InferenceDevice.parse(device));
        Path demoDir = null;
        try {
            Path onnx;
            if (choice.demo) {
                demoDir = Files.createTempDirectory("engram-demo-features");
                onnx = DemoModels.writeFeaturesTo(demoDir);
            } else {
                String name = choice.model.getFileName().toString();
                onnx = name.endsWith(".card.json") ? choice.model.resolveSibling(name.substring(0, name.length() - 10) + ".onnx") : choice.model;
                if (!Files.isRegularFile(onnx)) {
                    throw new StimulusException("model " + choice.model + ": " + onnx + " not found (a card needs its .onnx beside it)");
                }
            }
            List<FeatureExtraction.Source> sources = input.set != null ? FeatureExtraction.fromSet(input.set)
                : FeatureExtraction.fromFolder(input.images);
            try (ImageModel model = ImageModel.load(onnx, dev)) {
                FeatureExtraction.Features f = FeatureExtraction.withModel(model).withLayers(layers)
                    .withProgress(progress::update).extract(sources);
                f.writeTo(out, overwrite);
                progress.close();
                System.err.printf(Locale.ROOT, "wrote %d images x %d layer(s) (%s) to %s; %.1f images/s on %s%n", f.images().size(),
                    f.layers().size(), String.join(", ", f.layers().keySet()), out, f.imagesPerSecond(), dev.name().toLowerCase(Locale.ROOT));
            }
            return 0;
        } finally {
            GenerateMain.deleteQuietly(demoDir);
        }
    }
}
