package engram.analysis.representation.cli;

import engram.analysis.representation.CvRidge;
import engram.analysis.representation.FeatureFolder;
import engram.analysis.representation.Predict;
import engram.analysis.representation.PredictReport;
import engram.analysis.representation.RepresentationException;
import engram.analysis.representation.Targets;
import engram.cli.Cli;
import engram.cli.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thin command line for {@code ./engram predict}: cross-validated ridge from feature folders to target units. */
@Command(name = "engram predict", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Cross-validated ridge regression from features (engram features folders) to a target matrix",
        "(CSV: image + one column per unit). Several --target files are repetitions: their mean is predicted and",
        "their split-half reliability (Spearman-Brown) is the noise ceiling. Several models give partial correlations.",
        "Writes predictivity.csv, partial.csv, predictions.csv and report.html."})
public final class PredictMain implements Callable<Integer> {
    @Option(names = "--features", required = true, paramLabel = "DIR", description = "a feature folder (repeatable: several models)")
    List<Path> features = new ArrayList<>();
    @Option(names = "--layer", paramLabel = "NAME", description = "only these layers (repeatable; default all)")
    List<String> layers = new ArrayList<>();
    @Option(names = "--target", required = true, paramLabel = "CSV", description = "targets, images x units (repeatable: repetitions)")
    List<Path> targets = new ArrayList<>();
    @Option(names = "--unit", paramLabel = "COLUMN", description = "only these target columns (repeatable; default all but the image column)")
    List<String> units = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds over images (default ${DEFAULT-VALUE})")
    int folds;
    @Option(names = "--seed", defaultValue = "1", description = "seed of folds, bootstrap and split-halves (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples over images, 0 for none (default ${DEFAULT-VALUE})")
    int bootstrap;
    @Option(names = "--splits", defaultValue = "100", description = "the most split-halves for the noise ceiling (default ${DEFAULT-VALUE})")
    int splits;

    @Spec
    CommandSpec spec;

    private PredictMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run (bad input included) */
    public static int run(String... args) {
        return Cli.execute(new PredictMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Predict predict = Cli.flag(spec, "--folds", () -> Predict.withDefaults()
            .withRidge(CvRidge.withDefaults().withFolds(folds).withSeed(seed)).withBootstrap(bootstrap).withSplits(splits));
        List<FeatureFolder> folders = new ArrayList<>();
        for (Path f : features) {
            FeatureFolder folder = FeatureFolder.read(f, layers);
            if (!folders.isEmpty()) {
                FeatureFolder.requireSameImages(folders.get(0), folder);
            }
            folders.add(folder);
        }
        FeatureFolder first = folders.get(0);
        Path imagesFile = first.dir().resolve(FeatureFolder.IMAGES);
        int n = first.images().size();
        if (n < 2 * folds) {
            throw new RepresentationException(imagesFile + ": " + n + " images are too few for " + folds
                + " folds (need at least " + 2 * folds + "; use fewer --folds)");
        }
        Map<String, double[][]> models = new LinkedHashMap<>();
        for (FeatureFolder f : folders) {
            for (Map.Entry<String, double[][]> l : f.layers().entrySet()) {
                String name = folders.size() == 1 ? l.getKey() : f.dir().getFileName() + "/" + l.getKey();
                if (models.putIfAbsent(name, l.getValue()) != null) {
                    throw new RepresentationException(f.dir() + ": model name '" + name + "' is used twice (give the folders different names)");
                }
            }
        }
        Targets t = Targets.read(targets, first.images(), imagesFile, units);
        Progress bar = Progress.onTerminal();
        Predict.Result result = predict.run(models, t, first.images(), bar::update);
        PredictReport.write(result, out);
        bar.close();
        System.err.println("wrote " + out.resolve("predictivity.csv") + ", partial.csv, predictions.csv and report.html");
        return 0;
    }
}
