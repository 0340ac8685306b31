package engram.generator.cli;

import engram.generator.StimulusException;
import engram.generator.image.ImageGenerator;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.onnx.DemoModels;
import engram.generator.pairs.Pairs;
import engram.generator.set.StimulusSet;
import engram.cli.Cli;
import engram.cli.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./engram generate (pairs|select|score) …}: a thin CLI over the generator library. */
@Command(name = "engram generate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    subcommands = {GenerateMain.PairsCommand.class, SelectCommand.class, ScoreCommand.class},
    description = {"Makes stimulus sets with ONNX models. Every .onnx needs a model card beside it",
        "(x.onnx + x.card.json); see docs/generator.md. Run ./engram generate <mode> --help for a mode's options."})
public final class GenerateMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    GenerateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run */
    public static int run(String... args) {
        return Cli.execute(new GenerateMain(), args);
    }

    /** Runs with the given streams (in-process callers and tests). */
    public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        return Cli.execute(new GenerateMain(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
    }

    @Override
    public Integer call() {
        throw Cli.usage(spec, "give a mode: pairs, select or score");
    }

    /** Options every mode has. */
    static final class Common {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
        Path out;
        @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu", description = "inference device (default ${DEFAULT-VALUE})")
        String device;
        @Option(names = "--overwrite", description = "replace a non-empty output folder")
        boolean overwrite;

        InferenceDevice device() {
            return InferenceDevice.parse(device);
        }
    }

    /** {@code engram generate pairs}. */
    @Command(name = "pairs", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Generates pairs of images predicted high and low in memorability (plus foils) with a generator",
            "and one or more score predictors; --demo uses the built-in demo models."})
    static final class PairsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Common common = new Common();
        @Option(names = "--demo", description = "the built-in demo generator and predictor")
        boolean demo;
        @Option(names = "--generator", paramLabel = "G.onnx", description = "image generator")
        Path generator;
        @Option(names = "--predictor", paramLabel = "P.onnx", description = "score predictor (repeatable)")
        List<Path> predictors = new ArrayList<>();
        @Option(names = "--pairs", defaultValue = "12", description = "pairs to generate (default ${DEFAULT-VALUE})")
        int pairs;
        @Option(names = "--foils", description = "foil images (default: the number of pairs, twice that with --demo)")
        Integer foils;
        @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--margin", defaultValue = "0.05", description = "least predicted difference within a pair (default ${DEFAULT-VALUE})")
        double margin;
        @Option(names = "--max-candidates", defaultValue = "-1", paramLabel = "N", description = "candidates to search (default: automatic)")
        int maxCandidates;
        @Option(names = "--foil-generator", paramLabel = "F.onnx", description = "a second generator for the foils")
        Path foilGenerator;
        @Option(names = "--classifier", paramLabel = "C.onnx", description = "keep images whose top classes are allowed")
        Path classifier;
        @Option(names = "--allowed-classes", paramLabel = "a,b,c|FILE", description = "allowed classes for --classifier")
        String allowedClasses;
        @Option(names = "--top-k", defaultValue = "5", description = "classes of --classifier checked (default ${DEFAULT-VALUE})")
        int topK;
        @Option(names = "--feature-extractor", paramLabel = "E.onnx", description = "features for the pair report")
        Path featureExtractor;
        @Override
        public Integer call() {
            if (!demo && generator == null) {
                throw Cli.usage(spec, "give --generator and --predictor, or --demo");
            }
            if (!demo && predictors.isEmpty()) {
                throw Cli.usage(spec, "give at least one --predictor");
            }
            InferenceDevice device = Cli.flag(spec, "--device", common::device);
            List<String> arguments = arguments(spec);
            Path demoDir = null;
            List<AutoCloseable> open = new ArrayList<>();
            Progress progress = Progress.onTerminal();
            try {
                Path generatorFile;
                List<Path> predictorFiles = new ArrayList<>();
                if (demo) {
                    demoDir = Files.createTempDirectory("engram-demo-models");
                    generatorFile = DemoModels.writeTo(demoDir);
                    predictorFiles.add(demoDir.resolve(DemoModels.PREDICTOR + ".onnx"));
                } else {
                    generatorFile = generator;
                }
                predictorFiles.addAll(predictors);
                ImageGenerator gen = track(open, new ImageGenerator(OnnxModel.load(generatorFile, device)));
                List<ImageModel> predictorModels = new ArrayList<>();
                for (Path p : predictorFiles) {
                    predictorModels.add(track(open, ImageModel.load(p, device)));
                }
                Pairs builder = Pairs.withModels(gen, predictorModels)
                        .withSeed(seed)
                        .withMargin(margin)
                        .withFoils(foils != null ? foils : demo ? 2 * pairs : pairs)
                        .withMaxCandidates(maxCandidates)
                        .withProgress(progress::update)
                        .withNote("command", "engram generate pairs " + String.join(" ", arguments));
                if (foilGenerator != null) {
                    builder.withFoilGenerator(track(open, new ImageGenerator(OnnxModel.load(foilGenerator, device))));
                }
                if (classifier != null) {
                    builder.withClassifier(track(open, ImageModel.load(classifier, device)), allowedClasses(allowedClasses), topK);
                }
                if (featureExtractor != null) {
                    builder.withFeatureExtractor(track(open, ImageModel.load(featureExtractor, device)));
                }
                StimulusSet set = builder.generate(pairs);
                if (demo) {
                    set = set.withFile("README.md", demoReadme(common.out, arguments).getBytes(StandardCharsets.UTF_8));
                }
                set.writeTo(common.out, common.overwrite);
                progress.close();
                spec.commandLine().getOut().println("wrote " + set.stimuli().size() + " images to " + common.out
                    + " (manifest.csv, generation.json)");
                return 0;
            } catch (IOException e) {
                throw new StimulusException("cannot prepare the demo models: " + e.getMessage(), e);
            } finally {
                closeAll(open);
                deleteQuietly(demoDir);
            }
        }
    }

    /** The arguments of a mode, as typed after its name (recorded in generation.json and the demo README). */
    static List<String> arguments(CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return at >= 0 ? all.subList(at + 1, all.size()) : all;
    }

    static String demoReadme(Path outDir, List<String> arguments) {
        return """
                # Demo stimulus set (generated by demo models)

                These images were made by engram's **built-in demo models**, which exist only to exercise the
                pipeline. They are **not** a real memorability model: the demo generator paints soft discs on a
                colour gradient from a latent vector and makes each region vivid or faded as a 10×10 condition
                map says, and the demo predictor scores local colour contrast. "high" and "low" therefore mean high and low
                *demo-predicted* scores, not human memorability.

                - `manifest.csv`: image_id, file, pair_id, condition (high | low | foil), category, predicted_memorability, seed,
                  lure_type (`same_scene` on both members of a pair: one latent vector, the same discs on the same
                  gradient, rendered once under the high and once under the low condition map; empty on foils)
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
}
