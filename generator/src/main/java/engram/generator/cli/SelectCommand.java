package engram.generator.cli;

import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.select.PairSelection;
import engram.generator.select.WordVectors;
import engram.generator.semantic.MiniLm;
import engram.generator.set.StimulusSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code engram generate select --database DIR --out DIR [...]}. */
final class SelectCommand {
    private SelectCommand() {
    }

    static void run(List<String> arguments, PrintStream out, PrintStream err) {
        Args a = new Args(arguments, GenerateMain.COMMON_FLAGS, GenerateMain.union(GenerateMain.COMMON_VALUES,
                Set.of("database", "pairs", "feature-extractor", "word-vectors", "per-concept", "max-semantic", "predictor", "semantic")));
        Path outDir = Path.of(a.required("out"));
        Path database = Path.of(a.required("database"));
        InferenceDevice device = InferenceDevice.parse(a.get("device") == null ? "cpu" : a.get("device"));
        List<AutoCloseable> open = new ArrayList<>();
        try {
            PairSelection selection = PairSelection.from(database).withSeed(a.longValue("seed", 1))
                    .withImagesPerConcept(a.integer("per-concept", 12)).withProgress(new ProgressBar(err))
                    .withNote("command", "engram generate select " + String.join(" ", arguments));
            if (a.get("feature-extractor") != null) {
                selection.withFeatureExtractor(GenerateMain.track(open, ImageModel.load(Path.of(a.get("feature-extractor")), device)));
            }
            if (a.get("predictor") != null) {
                selection.withPredictor(GenerateMain.track(open, ImageModel.load(Path.of(a.get("predictor")), device)));
            }
            String semantic = a.get("semantic") == null ? (a.get("word-vectors") != null ? "word-vectors" : "minilm") : a.get("semantic");
            switch (semantic) {
                case "word-vectors" -> {
                    if (a.get("word-vectors") == null) {
                        throw new Args.UsageException("--semantic word-vectors needs --word-vectors FILE");
                    }
                    selection.withSemanticSimilarity(WordVectors.read(Path.of(a.get("word-vectors")), concepts(database)));
                }
                case "minilm" -> selection.withSemanticSimilarity(GenerateMain.track(open, MiniLm.open()));
                case "wordnet" -> {
                    // PairSelection's own default: WordNet 3.1, model-free
                }
                default -> throw new Args.UsageException("--semantic must be minilm, wordnet or word-vectors, not '" + semantic + "'");
            }
            if (a.get("max-semantic") != null) {
                selection.withMaxSemanticSimilarity(a.number("max-semantic", 0));
            }
            StimulusSet set = selection.select(a.integer("pairs", 12));
            set.writeTo(outDir, a.flag("overwrite"));
            out.println("selected " + set.stimuli().size() + " images into " + outDir + " (manifest.csv, generation.json)");
        } finally {
            GenerateMain.closeAll(open);
        }
    }

    private static List<String> concepts(Path database) {
        if (!Files.isDirectory(database)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(database)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new engram.generator.StimulusException("database " + database + ": cannot list: " + e.getMessage(), e);
        }
    }
}
