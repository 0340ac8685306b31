package engram.generator.cli;

import engram.generator.StimulusException;
import engram.generator.image.ImageGenerator;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.onnx.DemoModels;
import engram.generator.pairs.Pairs;
import engram.generator.set.StimulusSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code ./engram generate (pairs|select|score) …}: a thin CLI over the generator library. */
public final class GenerateMain {
    static final String USAGE = """
            usage: engram generate <mode> [options]
              pairs   --out DIR [--demo] [--generator G.onnx] [--predictor P.onnx]... [--pairs 12] [--foils 24]
                      [--seed 1] [--margin 0.05] [--max-candidates N] [--foil-generator F.onnx]
                      [--classifier C.onnx --allowed-classes a,b,c|FILE [--top-k 5]] [--feature-extractor E.onnx]
              select  --out DIR --database DIR [--pairs 12] [--seed 1] [--feature-extractor E.onnx]
                      [--semantic minilm|wordnet|word-vectors] [--word-vectors FILE] [--per-concept N]
              score   --out DIR --images DIR [--demo] [--predictor P.onnx]
            common:   [--device cpu|gpu] [--overwrite]
            Every .onnx needs a model card beside it (x.onnx + x.card.json); see docs/generator.md.
            """;

    private GenerateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code (0 ok, 1 bad input, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "pairs" -> pairs(rest, out, err);
                case "select" -> SelectCommand.run(rest, out, err);
                case "score" -> ScoreCommand.run(rest, out, err);
                default -> throw new Args.UsageException("unknown mode '" + args[0] + "' (pairs, select or score)");
            }
            return 0;
        } catch (Args.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (StimulusException | IllegalArgumentException e) {
            err.println();
            err.println("error: " + e.getMessage());
            if (Boolean.getBoolean("engram.debug")) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    static final Set<String> COMMON_FLAGS = Set.of("demo", "overwrite");
    static final Set<String> COMMON_VALUES = Set.of("out", "device", "seed");

    private static void pairs(List<String> arguments, PrintStream out, PrintStream err) {
        Args a = new Args(arguments, COMMON_FLAGS, union(COMMON_VALUES, Set.of("generator", "predictor", "pairs", "foils", "margin",
                "max-candidates", "foil-generator", "classifier", "allowed-classes", "top-k", "feature-extractor")));
        Path outDir = Path.of(a.required("out"));
        InferenceDevice device = InferenceDevice.parse(a.get("device") == null ? "cpu" : a.get("device"));
        boolean demo = a.flag("demo");
        if (!demo && a.get("generator") == null) {
            throw new Args.UsageException("give --generator and --predictor, or --demo");
        }
        if (!demo && a.all("predictor").isEmpty()) {
            throw new Args.UsageException("give at least one --predictor");
        }
        int count = a.integer("pairs", 12);
        Path demoDir = null;
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Path generatorFile;
            List<Path> predictorFiles = new ArrayList<>();
            if (demo) {
                demoDir = Files.createTempDirectory("engram-demo-models");
                generatorFile = DemoModels.writeTo(demoDir);
                predictorFiles.add(demoDir.resolve(DemoModels.PREDICTOR + ".onnx"));
            } else {
                generatorFile = Path.of(a.get("generator"));
            }
            a.all("predictor").forEach(p -> predictorFiles.add(Path.of(p)));
            ImageGenerator generator = track(open, new ImageGenerator(OnnxModel.load(generatorFile, device)));
            List<ImageModel> predictors = new ArrayList<>();
            for (Path p : predictorFiles) {
                predictors.add(track(open, ImageModel.load(p, device)));
            }
            Pairs pairs = Pairs.withModels(generator, predictors)
                    .withSeed(a.longValue("seed", 1))
                    .withMargin(a.number("margin", 0.05))
                    .withFoils(a.integer("foils", demo ? 2 * count : count))
                    .withMaxCandidates(a.integer("max-candidates", -1))
                    .withProgress(new ProgressBar(err))
                    .withNote("command", "engram generate pairs " + String.join(" ", arguments));
            if (a.get("foil-generator") != null) {
                pairs.withFoilGenerator(track(open, new ImageGenerator(OnnxModel.load(Path.of(a.get("foil-generator")), device))));
            }
            if (a.get("classifier") != null) {
                pairs.withClassifier(track(open, ImageModel.load(Path.of(a.get("classifier")), device)),
                        allowedClasses(a.get("allowed-classes")), a.integer("top-k", 5));
            }
            if (a.get("feature-extractor") != null) {
                pairs.withFeatureExtractor(track(open, ImageModel.load(Path.of(a.get("feature-extractor")), device)));
            }
            StimulusSet set = pairs.generate(count);
            if (demo) {
                set = set.withFile("README.md", demoReadme(outDir, arguments).getBytes(StandardCharsets.UTF_8));
            }
            set.writeTo(outDir, a.flag("overwrite"));
            out.println("wrote " + set.stimuli().size() + " images to " + outDir + " (manifest.csv, generation.json)");
        } catch (IOException e) {
            throw new StimulusException("cannot prepare the demo models: " + e.getMessage(), e);
        } finally {
            closeAll(open);
            deleteQuietly(demoDir);
        }
    }

    static String demoReadme(Path outDir, List<String> arguments) {
        return """
                # Demo stimulus set (generated by demo models)

                These images were made by engram's **built-in demo models**, which exist only to exercise the
                pipeline. They are **not** a real memorability model: the demo generator paints soft discs on a
                colour gradient from a latent vector and makes each region vivid or faded as a 10×10 condition
                map says, and the demo predictor scores local colour contrast. "high" and "low" therefore mean high and low
                *demo-predicted* scores, not human memorability.

                - `manifest.csv`: image_id, file, pair_id, condition (high | low | foil), category, predicted_memorability, seed
                - `generation.json`: models with sha256, every parameter and seed, software version, and the report
                  (predicted score distributions, %% of pairs in the intended direction, paired t and Wilcoxon tests)

                Regenerate (byte-identical on CPU) from the repository root:

                    ./engram generate pairs %s --overwrite

                or without the launcher:

                    mvn -q -pl generator -am package -DskipTests
                    java -Dai.djl.offline=true -cp "generator/target/engram-generator.jar:generator/target/lib/*" engram.generator.cli.GenerateMain pairs %s --overwrite
                """.formatted(String.join(" ", withoutOverwrite(arguments)), String.join(" ", withoutOverwrite(arguments)));
    }

    private static List<String> withoutOverwrite(List<String> arguments) {
        return arguments.stream().filter(s -> !s.equals("--overwrite")).toList();
    }

    static Set<String> allowedClasses(String spec) {
        if (spec == null) {
            return Set.of();
        }
        Path file = Path.of(spec);
        List<String> items;
        if (Files.isRegularFile(file)) {
            try {
                items = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StimulusException("allowed classes " + file + ": cannot read: " + e.getMessage(), e);
            }
        } else {
            items = Arrays.asList(spec.split(","));
        }
        Set<String> set = new LinkedHashSet<>();
        items.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    static <T extends AutoCloseable> T track(List<AutoCloseable> open, T resource) {
        open.add(resource);
        return resource;
    }

    static void closeAll(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing models cannot fail in a way the user can act on
            }
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
