package engram.generator.cli;

import engram.analysis.representation.CvRidge;
import engram.generator.features.FeatureExtraction;
import engram.generator.model.InferenceDevice;
import engram.generator.readout.HumanScores;
import engram.generator.readout.Readout;
import engram.cli.Cli;
import engram.cli.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./engram readout}: a lab's own memorability readout from a model layer, saved as a predictor card. */
@Command(name = "engram readout", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Fits one layer of a model to the lab's per-image human memorability (hit rate or VMS intensity) with",
        "cross-validated ridge, reports the held-out Spearman rho beside the human split-half ceiling, and saves the",
        "readout as readout.onnx + readout.card.json, a score-predictor for generate score and generate pairs.",
        "With --export and no --set, the images are the export's own."})
public final class ReadoutMain implements Callable<Integer> {
    static final class Human {
        @Option(names = "--analysis", required = true, paramLabel = "DIR", description = "output folder of ./engram analyse")
        Path analysis;
        @Option(names = "--export", required = true, paramLabel = "ZIP", description = "an engram export (analysed here with default options)")
        Path export;
    }

    @Mixin
    ModelRunOptions run;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Human human;
    @Option(names = "--layer", required = true, paramLabel = "NAME", description = "the layer (card output) to read out")
    String layer;
    @Option(names = "--set", paramLabel = "DIR", description = {"the stimulus set the experiment used; with --export, default:",
        "the export's own manifest.csv and images"})
    Path set;
    @Option(names = "--measure", defaultValue = "hit_rate", paramLabel = "hit_rate|vms_true_intensity", description = "human measure (default ${DEFAULT-VALUE})")
    String measure;
    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default ${DEFAULT-VALUE})")
    int folds;
    @Option(names = "--seed", defaultValue = "1", description = "seed of folds and bootstrap (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples for the CI of rho (default ${DEFAULT-VALUE})")
    int bootstrap;

    ReadoutMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run */
    public static int run(String... args) {
        return Cli.execute(new ReadoutMain(), args);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Progress progress = Progress.onTerminal();
        InferenceDevice dev = run.device();
        if (!HumanScores.MEASURES.contains(measure)) {
            throw Cli.usage(spec, "--measure must be " + String.join(" or ", HumanScores.MEASURES) + ", not '" + measure + "'");
        }
        CvRidge ridge = Cli.flag(spec, "--folds", () -> CvRidge.withDefaults().withFolds(folds).withSeed(seed));
        if (set == null && human.export == null) {
            throw Cli.usage(spec, "--set is needed with --analysis (only an export holds its own images)");
        }
        HumanScores scores = human.analysis != null ? HumanScores.fromAnalysis(human.analysis, measure)
            : HumanScores.fromExport(human.export, measure, seed);
        Path unzipped = set == null ? Files.createTempDirectory("engram-readout-images") : null;
        try (ModelRunOptions.Opened opened = run.open(dev)) {
            List<FeatureExtraction.Source> images = set != null ? FeatureExtraction.fromSet(set)
                : FeatureExtraction.fromExport(human.export, unzipped);
            Readout.Result r = Readout.of(opened.model(), layer).withRidge(ridge)
                .withBootstrap(bootstrap).fit(images, scores, progress::update);
            Readout.write(r, run.out(), run.overwrite());
            progress.close();
            System.err.printf(Locale.ROOT, "readout of %s -> %s: held-out Spearman rho %.3f [%.3f, %.3f] (n = %d), human split-half"
                    + " ceiling %s; wrote %s (readout.onnx, readout.card.json, readout.csv, summary.csv, report.html)%n",
                layer, measure, r.rho(), r.rhoCi()[0], r.rhoCi()[1], r.images().size(),
                Double.isNaN(scores.ceiling()) ? "n/a" : String.format(Locale.ROOT, "%.3f", scores.ceiling()), run.out());
        } finally {
            GenerateMain.deleteQuietly(unzipped);
        }
        return 0;
    }
}
