package engram.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import engram.generator.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {
    @TempDir
    Path dir;

    @Test
    void missingModelFileIsNamed() {
        Path model = dir.resolve("none.onnx");
        StimulusException e = assertThrows(StimulusException.class, () -> OnnxModel.load(model, InferenceDevice.CPU));
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
    }

    @Test
    void corruptModelFileIsNamed() throws IOException {
        Path model = TestModels.copy(TestModels.predictor(), dir, "broken");
        Files.write(model, "this is not an onnx file".getBytes());
        StimulusException e = assertThrows(StimulusException.class, () -> OnnxModel.load(model, InferenceDevice.CPU));
        assertTrue(e.getMessage().contains(model.toString()) && e.getMessage().contains("cannot load"), e.getMessage());
    }

    @Test
    void cardShapeThatDoesNotMatchTheModelIsRejected() throws IOException {
        Path model = TestModels.copy(TestModels.predictor(), dir, "p");
        Path card = dir.resolve("p.card.json");
        Files.writeString(card, Files.readString(card).replace("\"shape\": [-1, 3, 256, 256]", "\"shape\": [-1, 3, 224, 224]")
                .replace("\"size\": [256, 256]", "\"size\": [224, 224]"));
        StimulusException e = assertThrows(StimulusException.class, () -> OnnxModel.load(model, InferenceDevice.CPU));
        assertTrue(e.getMessage().contains(card.toString()) && e.getMessage().contains("declares"), e.getMessage());
    }

    @Test
    void cardInputNameThatDoesNotExistIsRejected() throws IOException {
        Path model = TestModels.copy(TestModels.predictor(), dir, "q");
        Path card = dir.resolve("q.card.json");
        Files.writeString(card, Files.readString(card).replace("{\"name\": \"image\"", "{\"name\": \"pixels\""));
        StimulusException e = assertThrows(StimulusException.class, () -> OnnxModel.load(model, InferenceDevice.CPU));
        assertTrue(e.getMessage().contains("'pixels' does not exist"), e.getMessage());
    }

    @Test
    void sha256IsStableAndRecorded() {
        try (OnnxModel m = OnnxModel.load(TestModels.predictor(), InferenceDevice.CPU)) {
            assertEquals(64, m.sha256().length());
            assertEquals(OnnxModel.sha256(TestModels.predictor()), m.sha256());
        }
    }

    @Test
    void tenCropAndSigmoidScalingFromTheCardAreApplied() throws IOException {
        Path model = TestModels.copy(TestModels.predictor(), dir, "ten");
        Path card = dir.resolve("ten.card.json");
        Files.writeString(card, Files.readString(card)
                .replace("\"resize\": \"stretch\", \"crop\": \"none\"", "\"resize\": \"shorter-side\", \"resizeTo\": 300, \"crop\": \"ten-crop\"")
                .replace("\"activation\": \"none\", \"scale\": 1.0, \"offset\": 0.0", "\"activation\": \"sigmoid\", \"scale\": 2.0, \"offset\": -1.0"));
        try (ImageModel m = ImageModel.load(model, InferenceDevice.CPU)) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var result = m.run(java.util.List.of(image, image)).get(0);
            double score = m.score(result);
            // a flat image has zero contrast: raw score = σ(8·(σ(14·(0 − 0.17)) − 0.35)), then 2·σ(raw) − 1
            double raw = sigmoid(8 * (sigmoid(14 * (0 - 0.17)) - 0.35));
            assertEquals(2 * sigmoid(raw) - 1, score, 1e-5);
        }
    }

    @Test
    void labelsComeFromTheLabelsFileBesideTheCard() throws IOException {
        Path model = TestModels.colourClassifier(dir.resolve("c"));
        Path card = dir.resolve("c/colour-classifier.card.json");
        Files.writeString(card, Files.readString(card).replace("\"labels\": [\"red\", \"green\", \"blue\"]", "\"labelsFile\": \"names.txt\""));
        StimulusException e = assertThrows(StimulusException.class, () -> ImageModel.load(model, InferenceDevice.CPU));
        assertTrue(e.getMessage().contains("labelsFile") && e.getMessage().contains("names.txt"), e.getMessage());
        Files.writeString(dir.resolve("c/names.txt"), "rouge\nvert\nbleu\n");
        try (ImageModel m = ImageModel.load(model, InferenceDevice.CPU)) {
            assertEquals(java.util.List.of("rouge", "vert", "bleu"), m.labels());
            java.awt.image.BufferedImage blue = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = blue.createGraphics();
            g.setColor(java.awt.Color.BLUE);
            g.fillRect(0, 0, 64, 64);
            g.dispose();
            var result = m.run(java.util.List.of(blue)).get(0);
            assertEquals("bleu", m.label(m.topK(result, 1)[0]));
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
