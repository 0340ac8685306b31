package engram.generator;

import engram.core.random.SplitMix64;

import engram.generator.image.ImageGenerator;
import engram.generator.image.Images;
import engram.generator.model.InferenceDevice;
import engram.generator.model.OnnxModel;
import engram.generator.pairs.TargetMaps;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test image folders made with the demo generator. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A THINGS-layout database: one folder per concept with {@code perConcept} images each. */
    public static Path database(Path root, List<String> concepts, int perConcept) throws IOException {
        try (ImageGenerator generator = new ImageGenerator(OnnxModel.load(TestModels.generator(), InferenceDevice.CPU))) {
            TargetMaps maps = new TargetMaps(generator.model().card().condition(), generator.conditionSize());
            int n = concepts.size() * perConcept;
            List<float[]> z = new ArrayList<>();
            List<float[]> conditions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                z.add(new SplitMix64(500 + i).gaussians(generator.latentSize()));
                conditions.add(maps.neutralCondition());
            }
            List<BufferedImage> images = generator.generate(z, conditions);
            for (int c = 0; c < concepts.size(); c++) {
                Path folder = Files.createDirectories(root.resolve(concepts.get(c)));
                for (int k = 0; k < perConcept; k++) {
                    Files.write(folder.resolve(concepts.get(c) + "_" + k + ".png"), Images.png(images.get(c * perConcept + k)));
                }
            }
            return root;
        }
    }
}
