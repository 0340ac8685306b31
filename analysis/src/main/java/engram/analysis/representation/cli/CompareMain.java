package engram.analysis.representation.cli;

import engram.analysis.representation.Compare;
import engram.analysis.representation.CompareReport;
import engram.analysis.representation.FeatureFolder;
import engram.analysis.representation.Rsa;
import engram.cli.Cli;
import engram.cli.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thin command line for {@code ./engram compare}: CKA and RSA between the layers of two feature folders. */
@Command(name = "engram compare", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Representational similarity between two feature folders (from engram features) over the same images:",
        "linear and RBF CKA and RSA, layer x layer, with bootstrap CIs and permutation p-values over images.",
        "Writes cka.csv, rsa.csv, cka_linear_matrix.csv, cka_rbf_matrix.csv, rsa_matrix.csv and report.html."})
public final class CompareMain implements Callable<Integer> {
    @Option(names = "--a", required = true, paramLabel = "DIR", description = "feature folder A (images.csv + <layer>.npy)")
    Path a;
    @Option(names = "--b", paramLabel = "DIR", description = "feature folder B (default: A itself, for a layer x layer matrix of one model)")
    Path b;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--layer-a", paramLabel = "NAME", description = "only these layers of A (repeatable)")
    List<String> layersA = new ArrayList<>();
    @Option(names = "--layer-b", paramLabel = "NAME", description = "only these layers of B (repeatable)")
    List<String> layersB = new ArrayList<>();
    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples over images, 0 for none (default ${DEFAULT-VALUE})")
    int bootstrap;
    @Option(names = "--permutations", defaultValue = "1000", description = "permutations over images, 0 for none (default ${DEFAULT-VALUE})")
    int permutations;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the resampling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--rbf-sigma", defaultValue = "0.5", paramLabel = "FRACTION",
        description = "RBF bandwidth as a fraction of the median distance (default ${DEFAULT-VALUE})")
    double rbfFraction;
    @Option(names = "--rdm", defaultValue = "correlation", paramLabel = "correlation|euclidean",
        description = "RDM distance: 1 - Pearson or Euclidean (default ${DEFAULT-VALUE})")
    String rdm;

    @Spec
    CommandSpec spec;

    private CompareMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run (bad input included) */
    public static int run(String... args) {
        return Cli.execute(new CompareMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Rsa.Distance distance = Cli.flag(spec, "--rdm", () -> Rsa.Distance.of(rdm));
        Compare compare = Cli.flag(spec, "--rbf-sigma", () -> Compare.withDefaults()
            .withBootstrap(bootstrap).withPermutations(permutations).withSeed(seed).withRbfFraction(rbfFraction)
            .withDistance(distance));
        FeatureFolder fa = FeatureFolder.read(a, layersA);
        FeatureFolder fb = b == null || b.equals(a) && layersB.isEmpty() ? fa : FeatureFolder.read(b, layersB);
        Progress bar = Progress.onTerminal();
        Compare.Result result = compare.run(fa, fb, note -> {
            bar.close();
            System.err.println(note);
        }, bar::update);
        CompareReport.write(result, a.toString(), (b == null ? a : b).toString(), out);
        bar.close();
        System.err.println("wrote " + out.resolve("cka.csv") + ", rsa.csv, the matrices and report.html");
        return 0;
    }
}
