package engram.generator.cli;

import engram.cli.Cli;
import engram.cli.Progress;
import engram.generator.features.FeatureExtraction;
import engram.generator.features.FeaturesReport;
import engram.generator.model.InferenceDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./engram features}: activations of a model's layers for a stimulus set, as .npy files, with a report. */
@Command(name = "engram features", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Extracts the activations of a model's layers (the outputs named in its card) for a stimulus set",
        "or a folder of images, and writes DIR/images.csv and DIR/<layer>.npy (float32, images x features;",
        "a single layer is written as features.npy), with layer_stats.csv, projection.csv and report.html.",
        "--demo uses the built-in demo feature extractor."})
public final class FeaturesMain implements Callable<Integer> {
    static final class Input {
        @Option(names = "--set", required = true, paramLabel = "DIR", description = "a stimulus-set folder (manifest.csv order, image_id)")
        Path set;
        @Option(names = "--images", required = true, paramLabel = "DIR", description = "a folder of images (sorted by path)")
        Path images;
    }

    @Mixin
    ModelRunOptions run;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;
    @Option(names = "--layer", paramLabel = "NAME", description = "a layer (card output name) to extract; repeatable; default all")
    List<String> layers = new ArrayList<>();

    private FeaturesMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run */
    public static int run(String... args) {
        return Cli.execute(new FeaturesMain(), args);
    }

    @Override
    public Integer call() throws IOException {
        Progress progress = Progress.onTerminal();
        InferenceDevice dev = run.device();
        long t0 = System.nanoTime();
        List<FeatureExtraction.Source> sources = input.set != null ? FeatureExtraction.fromSet(input.set)
            : FeatureExtraction.fromFolder(input.images);
        try (ModelRunOptions.Opened opened = run.open(dev)) {
            FeatureExtraction.Features f = FeatureExtraction.withModel(opened.model()).withLayers(layers)
                .withProgress(progress::update).extract(sources);
            String device = dev.name().toLowerCase(Locale.ROOT);
            FeaturesReport.Run about = new FeaturesReport.Run(opened.model().card().name(),
                (input.set != null ? input.set : input.images).toString(), device, (System.nanoTime() - t0) / 1e9);
            f.writeTo(run.out(), run.overwrite(), FeaturesReport.render(f, sources, about));
            progress.close();
            System.err.printf(Locale.ROOT, "wrote %d images x %d layer(s) (%s) to %s (report.html); %.1f images/s on %s%n",
                f.images().size(), f.layers().size(), String.join(", ", f.layers().keySet()), run.out(), f.imagesPerSecond(), device);
        }
        return 0;
    }
}
