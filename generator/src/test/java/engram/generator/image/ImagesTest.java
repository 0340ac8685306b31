package engram.generator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import engram.generator.model.ModelCard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    @Test
    void corruptImageIsNamed() throws IOException {
        Path file = dir.resolve("broken.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        StimulusException e = assertThrows(StimulusException.class, () -> Images.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void unsupportedImageIsNamed() throws IOException {
        Path file = dir.resolve("notes.jpg");
        Files.writeString(file, "just text");
        StimulusException e = assertThrows(StimulusException.class, () -> Images.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("unsupported"), e.getMessage());
    }

    @Test
    void missingImageIsNamed() {
        Path file = dir.resolve("gone.png");
        StimulusException e = assertThrows(StimulusException.class, () -> Images.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void tensorRoundTripAndBgrOrder() {
        float[] data = new float[3 * 2 * 2];
        data[0] = 1f; // R of pixel (0,0) in NCHW
        data[4 + 1] = 0.5f; // G of pixel (1,0)
        BufferedImage image = Images.fromTensor(data, 0, 3, 2, 2, false, false, 0, 1);
        assertEquals(0xFF0000, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x008000, image.getRGB(1, 0) & 0xFFFFFF);
        BufferedImage bgr = Images.fromTensor(data, 0, 3, 2, 2, false, true, 0, 1);
        assertEquals(0x0000FF, bgr.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void preprocessingAppliesChannelOrderMeanAndStd() {
        ModelCard card = new ModelCard("t", engram.generator.model.ModelRole.SCORE_PREDICTOR, null, null,
                List.of(new ModelCard.TensorSpec("x", "image", List.of(-1L, 3L, 2L, 2L))),
                List.of(new ModelCard.TensorSpec("s", "score", List.of(-1L, 1L))), null, null, null,
                new ModelCard.Preprocessing("stretch", null, "none", List.of(2, 2), "BGR", "NCHW", 255.0,
                        List.of(10.0, 20.0, 30.0), List.of(2.0, 4.0, 5.0), null), null, null, null, null, null);
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                image.setRGB(x, y, (100 << 16) | (50 << 8) | 20);
            }
        }
        float[] t = new Preprocessor(card, dir.resolve("t.card.json")).tensors(image).get(0);
        assertEquals((20 - 10) / 2.0, t[0], 1e-5); // channel 0 = B
        assertEquals((50 - 20) / 4.0, t[4], 1e-5); // channel 1 = G
        assertEquals((100 - 30) / 5.0, t[8], 1e-5); // channel 2 = R
    }
}
