package engram.generator.cli;

import engram.cli.Cli;
import engram.generator.StimulusException;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.onnx.DemoModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that run an image model over a stimulus set ({@code features}, {@code readout}): the
 * model (a card, or the built-in demo feature extractor), the inference device, and the output folder. A picocli mixin.
 */
final class ModelRunOptions {
    static final class ModelChoice {
        @Option(names = "--model", required = true, paramLabel = "CARD", description = "model card (x.card.json) or its x.onnx")
        Path model;
        @Option(names = "--demo", required = true, description = "the built-in demo feature extractor (layers colour, contrast, vms_map, score)")
        boolean demo;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice choice;
    /** --out, --device, --overwrite: as in every generate mode. */
    @Mixin
    GenerateMain.Common common = new GenerateMain.Common();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** @return the device, or a usage error naming --device */
    InferenceDevice device() {
        return Cli.flag(spec, "--device", common::device);
    }

    Path out() {
        return common.out;
    }

    boolean overwrite() {
        return common.overwrite;
    }

    /** @return the model's name for messages and reports: the card file, or the demo extractor's name */
    String modelName() {
        return choice.demo ? "demo-features" : choice.model.toString();
    }

    /** An opened model; closing it also deletes the demo extractor's temporary folder. */
    record Opened(ImageModel model, Path demoDir) implements AutoCloseable {
        @Override
        public void close() {
            try {
                model.close();
            } finally {
                GenerateMain.deleteQuietly(demoDir);
            }
        }
    }

    /** Loads the chosen model on the device: the card's .onnx beside it, or the demo extractor in a temporary folder. */
    Opened open(InferenceDevice dev) throws IOException {
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
            return new Opened(ImageModel.load(onnx, dev), demoDir);
        } catch (RuntimeException | IOException e) {
            GenerateMain.deleteQuietly(demoDir);
            throw e;
        }
    }
}
