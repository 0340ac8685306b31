package engram.generator.cli;

import engram.generator.StimulusException;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import engram.generator.onnx.DemoModels;
import engram.generator.score.Scoring;
import engram.generator.set.StimulusSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code engram generate score --images DIR --out DIR (--predictor P.onnx | --demo)}. */
final class ScoreCommand {
    private ScoreCommand() {
    }

    static void run(List<String> arguments, PrintStream out, PrintStream err) {
        Args a = new Args(arguments, GenerateMain.COMMON_FLAGS, GenerateMain.union(GenerateMain.COMMON_VALUES, Set.of("images", "predictor")));
        Path outDir = Path.of(a.required("out"));
        Path images = Path.of(a.required("images"));
        InferenceDevice device = InferenceDevice.parse(a.get("device") == null ? "cpu" : a.get("device"));
        if (!a.flag("demo") && a.get("predictor") == null) {
            throw new Args.UsageException("give --predictor P.onnx or --demo");
        }
        Path demoDir = null;
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Path predictorFile;
            if (a.get("predictor") != null) {
                predictorFile = Path.of(a.get("predictor"));
            } else {
                demoDir = Files.createTempDirectory("engram-demo-models");
                DemoModels.writeTo(demoDir);
                predictorFile = demoDir.resolve(DemoModels.PREDICTOR + ".onnx");
            }
            ImageModel predictor = GenerateMain.track(open, ImageModel.load(predictorFile, device));
            StimulusSet set = Scoring.withPredictor(predictor).withProgress(new ProgressBar(err))
                    .withNote("command", "engram generate score " + String.join(" ", arguments)).score(images);
            set.writeTo(outDir, a.flag("overwrite"));
            out.println("scored " + set.stimuli().size() + " images into " + outDir + " (manifest.csv, heatmaps/, generation.json)");
        } catch (IOException e) {
            throw new StimulusException("cannot prepare the demo models: " + e.getMessage(), e);
        } finally {
            GenerateMain.closeAll(open);
            GenerateMain.deleteQuietly(demoDir);
        }
    }
}
