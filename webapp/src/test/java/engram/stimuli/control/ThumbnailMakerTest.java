package engram.stimuli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Thumbnails: fit in 256 px, keep the aspect ratio, never enlarge, transparent parts on white, bad bytes refused. */
class ThumbnailMakerTest {

    @Test
    void aLargeImageFitsIn256PxWithItsAspectRatio() throws IOException {
        ThumbnailMaker.Made made = ThumbnailMaker.of(NoisePng.of(3000, 1500, 8, true, 7));
        assertEquals(256, made.width());
        assertEquals(128, made.height());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(made.jpeg()));
        assertEquals(256, decoded.getWidth(), "a JPEG of the stated size");
        assertEquals(128, decoded.getHeight());
        assertEquals(0xFF, made.jpeg()[0] & 0xFF);
        assertEquals(0xD8, made.jpeg()[1] & 0xFF);
        assertTrue(made.jpeg().length < 60_000, "small: " + made.jpeg().length + " bytes");
    }

    @Test
    void aTallImageFitsByItsHeightAndASmallOneIsNotEnlarged() throws IOException {
        ThumbnailMaker.Made tall = ThumbnailMaker.of(NoisePng.of(300, 1200, 8, false, 1));
        assertEquals(64, tall.width());
        assertEquals(256, tall.height());
        ThumbnailMaker.Made small = ThumbnailMaker.of(NoisePng.of(100, 50, 8, true, 2));
        assertEquals(100, small.width());
        assertEquals(50, small.height());
    }

    @Test
    void transparentPixelsBecomeWhite() throws IOException {
        BufferedImage clear = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB); // every pixel fully transparent
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(clear, "png", png);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(ThumbnailMaker.of(png.toByteArray()).jpeg()));
        int rgb = thumb.getRGB(20, 20);
        assertTrue(((rgb >> 16) & 0xFF) > 250 && ((rgb >> 8) & 0xFF) > 250 && (rgb & 0xFF) > 250, Integer.toHexString(rgb));
    }

    @Test
    void bytesThatAreNoImageAreRefused() {
        assertThrows(IOException.class, () -> ThumbnailMaker.of("not an image".getBytes()));
    }
}
