package engram.generator.cli;

import engram.cli.Cli;
import engram.cli.Progress;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.select.PairSelection;
import engram.generator.select.WordVectors;
import engram.generator.semantic.MiniLm;
import engram.generator.set.StimulusSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram generate select --database DIR --out DIR [...]}. */
@Command(name = "select", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Selects pairs of existing images (a folder per concept) that differ in predicted memorability",
        "but not in semantics."})
final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    GenerateMain.Common common = new GenerateMain.Common();
    @Option(names = "--database", required = true, paramLabel = "DIR", description = "image database: one folder per concept")
    Path database;
    @Option(names = "--pairs", defaultValue = "12", description = "pairs to select (default ${DEFAULT-VALUE})")
    int pairs;
    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--feature-extractor", paramLabel = "E.onnx", description = "visual features for the pairing")
    Path featureExtractor;
    @Option(names = "--predictor", paramLabel = "P.onnx", description = "score predictor")
    Path predictor;
    @Option(names = "--semantic", paramLabel = "minilm|wordnet|word-vectors",
        description = "semantic similarity (default minilm, or word-vectors when --word-vectors is given)")
    String semantic;
    @Option(names = "--word-vectors", paramLabel = "FILE", description = "word vectors (text: word v1 v2 ...)")
    Path wordVectors;
    @Option(names = "--per-concept", defaultValue = "12", paramLabel = "N", description = "images used per concept (default ${DEFAULT-VALUE})")
    int perConcept;
    @Option(names = "--max-semantic", paramLabel = "S", description = "largest semantic similarity within a pair")
    Double maxSemantic;

    @Override
    public Integer call() {
        InferenceDevice device = Cli.flag(spec, "--device", common::device);
        String mode = semantic == null ? (wordVectors != null ? "word-vectors" : "minilm") : semantic;
        if (!List.of("minilm", "wordnet", "word-vectors").contains(mode)) {
            throw Cli.usage(spec, "--semantic must be minilm, wordnet or word-vectors, not '" + mode + "'");
        }
        if (mode.equals("word-vectors") && wordVectors == null) {
            throw Cli.usage(spec, "--semantic word-vectors needs --word-vectors FILE");
        }
        List<AutoCloseable> open = new ArrayList<>();
        Progress progress = Progress.onTerminal();
        try {
            PairSelection selection = PairSelection.from(database).withSeed(seed)
                    .withImagesPerConcept(perConcept).withProgress(progress::update)
                    .withNote("command", "engram generate select " + String.join(" ", GenerateMain.arguments(spec)));
            if (featureExtractor != null) {
                selection.withFeatureExtractor(GenerateMain.track(open, ImageModel.load(featureExtractor, device)));
            }
            if (predictor != null) {
                selection.withPredictor(GenerateMain.track(open, ImageModel.load(predictor, device)));
            }
            switch (mode) {
                case "word-vectors" -> selection.withSemanticSimilarity(WordVectors.read(wordVectors, concepts(database)));
                case "minilm" -> selection.withSemanticSimilarity(GenerateMain.track(open, MiniLm.open()));
                default -> {
                    // wordnet: PairSelection's own default, WordNet 3.1, model-free
                }
            }
            if (maxSemantic != null) {
                selection.withMaxSemanticSimilarity(maxSemantic);
            }
            StimulusSet set = selection.select(pairs);
            set.writeTo(common.out, common.overwrite);
            progress.close();
            spec.commandLine().getOut().println("selected " + set.stimuli().size() + " images into " + common.out
                + " (manifest.csv, generation.json)");
            return 0;
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
