package engram.generator.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import engram.generator.model.ModelCard;
import engram.generator.model.ModelCards;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {
    private static final int SOURCE = 4;
    private static final int CROP = 3;

    @TempDir
    Path dir;

    /**
     * Caffe (and MemNet's ten-crop) subtracts a mean image of the resized size at each crop's source pixels, then
     * mirrors. So every value must be pixel(source) − mean(source), and each mirrored crop must be the flip of its
     * partner.
     */
    @Test
    void aResizedSizeMeanImageIsSubtractedAtEachCropsSourcePixels() throws IOException {
        float[] mean = new float[3 * SOURCE * SOURCE];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = i * 0.5f;
        }
        Preprocessor preprocessor = new Preprocessor(card(mean), dir.resolve("m.card.json"));
        BufferedImage image = distinctPixels();

        List<float[]> crops = preprocessor.tensors(image);

        assertEquals(10, crops.size());
        int[][] origins = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 0}};
        origins[4] = new int[] {(SOURCE - CROP) / 2, (SOURCE - CROP) / 2};
        for (int k = 0; k < 5; k++) {
            float[] plain = crops.get(k);
            float[] mirrored = crops.get(k + 5);
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < CROP; y++) {
                    for (int x = 0; x < CROP; x++) {
                        int sx = origins[k][0] + x;
                        int sy = origins[k][1] + y;
                        int bgrSource = 2 - ch;
                        double expected = channel(image.getRGB(sx, sy), bgrSource) - mean[ch * SOURCE * SOURCE + sy * SOURCE + sx];
                        int at = ch * CROP * CROP + y * CROP + x;
                        assertEquals(expected, plain[at], 1e-4, "crop " + k + " channel " + ch + " at " + x + "," + y);
                        assertEquals(plain[at], mirrored[ch * CROP * CROP + y * CROP + (CROP - 1 - x)], 1e-6,
                                "mirrored crop " + (k + 5) + " is the flip of crop " + k);
                    }
                }
            }
        }
    }

    @Test
    void aCropSizedMeanImageIsSubtractedInTheModelsInputFrame() throws IOException {
        float[] mean = new float[3 * CROP * CROP];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 100 + i;
        }
        Preprocessor preprocessor = new Preprocessor(card(mean), dir.resolve("m.card.json"));
        BufferedImage image = distinctPixels();

        float[] topLeft = preprocessor.tensors(image).get(0);

        float[] expected = new float[3 * CROP * CROP];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    int at = ch * CROP * CROP + y * CROP + x;
                    expected[at] = (float) (channel(image.getRGB(x, y), 2 - ch) - mean[at]);
                }
            }
        }
        assertArrayEquals(expected, topLeft, 1e-4f);
    }

    @Test
    void aMeanImageOfAnyOtherSizeIsRefusedWithBothAcceptedSizes() throws IOException {
        ModelCard card = card(new float[7]);
        StimulusException e = assertThrows(StimulusException.class, () -> new Preprocessor(card, dir.resolve("m.card.json")));
        assertTrue(e.getMessage().contains("mean.f32") && e.getMessage().contains("28 bytes")
                && e.getMessage().contains("3×3×3 (108 bytes)") && e.getMessage().contains("3×4×4 (192 bytes)"), e.getMessage());
    }

    private ModelCard card(float[] mean) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(mean.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mean) {
            bytes.putFloat(v);
        }
        Files.write(dir.resolve("mean.f32"), bytes.array());
        Path card = dir.resolve("m.card.json");
        Files.writeString(card, """
                {"name": "mean-image test", "role": "score-predictor",
                 "inputs": [{"name": "image", "kind": "image", "shape": [-1, 3, %d, %d]}],
                 "outputs": [{"name": "score", "kind": "score", "shape": [-1, 1]}],
                 "preprocessing": {"resize": "stretch", "resizeTo": %d, "crop": "ten-crop", "size": [%d, %d],
                                   "channelOrder": "BGR", "layout": "NCHW", "pixelScale": 255, "meanImage": "mean.f32"}}
                """.formatted(CROP, CROP, SOURCE, CROP, CROP));
        return ModelCards.read(card);
    }

    private static BufferedImage distinctPixels() {
        BufferedImage image = new BufferedImage(SOURCE, SOURCE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SOURCE; y++) {
            for (int x = 0; x < SOURCE; x++) {
                image.setRGB(x, y, (10 + 40 * x) << 16 | (20 + 50 * y) << 8 | (5 + 13 * x + 17 * y));
            }
        }
        return image;
    }

    private static double channel(int rgb, int index) {
        return (rgb >> (16 - 8 * index)) & 0xFF;
    }
}
