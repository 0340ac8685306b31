package engram.generator.cli;

import engram.cli.Cli;
import engram.cli.Progress;
import engram.generator.StimulusException;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.onnx.DemoModels;
import engram.generator.score.Scoring;
import engram.generator.set.StimulusSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram generate score --images DIR --out DIR (--predictor P.onnx | --demo)}. */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Scores a folder of images with a predictor and writes them as a stimulus set with heat maps.")
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    GenerateMain.Common common = new GenerateMain.Common();
    @Option(names = "--images", required = true, paramLabel = "DIR", description = "folder of images to score")
    Path images;
    @Option(names = "--predictor", paramLabel = "P.onnx", description = "score predictor")
    Path predictor;
    @Option(names = "--demo", description = "the built-in demo predictor")
    boolean demo;

    @Override
    public Integer call() {
        if (!demo && predictor == null) {
            throw Cli.usage(spec, "give --predictor P.onnx or --demo");
        }
        InferenceDevice device = Cli.flag(spec, "--device", common::device);
        Path demoDir = null;
        List<AutoCloseable> open = new ArrayList<>();
        Progress progress = Progress.onTerminal();
        try {
            Path predictorFile;
            if (predictor != null) {
                predictorFile = predictor;
            } else {
                demoDir = Files.createTempDirectory("engram-demo-models");
                DemoModels.writeTo(demoDir);
                predictorFile = demoDir.resolve(DemoModels.PREDICTOR + ".onnx");
            }
            ImageModel model = GenerateMain.track(open, ImageModel.load(predictorFile, device));
            StimulusSet set = Scoring.withPredictor(model).withProgress(progress::update)
                    .withNote("command", "engram generate score " + String.join(" ", GenerateMain.arguments(spec))).score(images);
            set.writeTo(common.out, common.overwrite);
            progress.close();
            spec.commandLine().getOut().println("scored " + set.stimuli().size() + " images into " + common.out
                + " (manifest.csv, heatmaps/, generation.json)");
            return 0;
        } catch (IOException e) {
            throw new StimulusException("cannot prepare the demo models: " + e.getMessage(), e);
        } finally {
            GenerateMain.closeAll(open);
            GenerateMain.deleteQuietly(demoDir);
        }
    }
}
