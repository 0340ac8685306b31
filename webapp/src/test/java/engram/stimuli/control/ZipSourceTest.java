package engram.stimuli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipSourceTest {

    @TempDir
    Path temp;

    private static final String MANIFEST = "image_id,file,pair_id,condition,category\na,images/a.png,,foil,x\n";

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path file = temp.resolve("set-" + System.nanoTime() + ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> good(String prefix) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(prefix + "manifest.csv", MANIFEST.getBytes(StandardCharsets.UTF_8));
        entries.put(prefix + "images/a.png", png(3, 2));
        return entries;
    }

    static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private String problems(Map<String, byte[]> entries) throws IOException {
        Path file = zip(entries);
        StimulusSetException e = assertThrows(StimulusSetException.class, () -> {
            try (ZipSource source = ZipSource.open(file, "set.zip")) {
                for (String name : entries.keySet()) {
                    source.file(name);
                }
            }
        });
        return String.join("\n", e.problems());
    }

    @Test
    void readsTheManifestAndImagesAtTheTopOrInsideOneFolder() throws IOException {
        for (String prefix : new String[] {"", "demo/"}) {
            try (ZipSource source = ZipSource.open(zip(good(prefix)), "set.zip")) {
                assertEquals(MANIFEST, new String(source.manifest(), StandardCharsets.UTF_8));
                assertEquals(java.util.OptionalLong.of(png(3, 2).length), source.size("images/a.png"));
                assertEquals(2, ImageCheck.check(source.file("images/a.png").orElseThrow(), "a.png").height());
                assertTrue(source.file("images/missing.png").isEmpty());
            }
        }
    }

    @Test
    void refusesZipSlipAbsoluteNestedAndNonImageEntries() throws IOException {
        Map<String, byte[]> entries = good("");
        entries.put("../../etc/passwd.png", png(1, 1));
        entries.put("/abs.png", png(1, 1));
        entries.put("images/inner.zip", new byte[] {1});
        entries.put("images/notes.exe", new byte[] {1});
        String problems = problems(entries);
        assertTrue(problems.contains("'../../etc/passwd.png': contains '..'"), problems);
        assertTrue(problems.contains("'/abs.png': is an absolute path"), problems);
        assertTrue(problems.contains("'images/inner.zip': nested archives"), problems);
        assertTrue(problems.contains("'images/notes.exe': not an image"), problems);
    }

    /** Issue 9: duplicate zip entry names were accepted (which copy got imported was undefined). */
    @Test
    void refusesDuplicateEntryNames() throws IOException {
        Path file = temp.resolve("dup.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            // ZipOutputStream refuses duplicates itself, so the second copy gets a name of the same length, patched below.
            for (String name : new String[] {"manifest.csv", "images/a.png", "images/b.png"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.equals("manifest.csv") ? MANIFEST.getBytes(StandardCharsets.UTF_8) : png(3, 2));
                zip.closeEntry();
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] from = "images/b.png".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "images/a.png".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                patched++;
            }
        }
        assertEquals(2, patched, "the name is in the local header and in the central directory");
        Files.write(file, bytes);
        StimulusSetException e = assertThrows(StimulusSetException.class, () -> ZipSource.open(file, "dup.zip"));
        assertEquals(List.of("dup.zip, entry 'images/a.png': appears twice in the zip; each file may appear only once (which copy would be imported is not defined)"),
                e.problems());
    }

    @Test
    void refusesAHighlyCompressedEntryAsABomb() throws IOException {
        Map<String, byte[]> entries = good("");
        entries.put("images/a.png", new byte[4 * 1024 * 1024]);
        assertTrue(problems(entries).contains("decompression bomb"));
    }

    @Test
    void refusesAZipWithoutManifestAndAFileThatIsNoZip() throws IOException {
        Map<String, byte[]> entries = good("");
        entries.remove("manifest.csv");
        assertTrue(problems(entries).contains("no manifest.csv"));
        Path text = temp.resolve("text.zip");
        Files.writeString(text, "not a zip");
        StimulusSetException e = assertThrows(StimulusSetException.class, () -> ZipSource.open(text, "text.zip"));
        assertTrue(e.problems().get(0).contains("not a readable zip file"));
    }

    @Test
    void imageCheckRefusesTooManyPixelsWrongContentAndUndecodableBytes() throws IOException {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8000, 5001, BufferedImage.TYPE_BYTE_BINARY), "png", big);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageCheck.check(big.toByteArray(), "big.png")).getMessage()
                .contains("8000 x 5001 pixels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageCheck.check(png(2, 2), "x.jpg")).getMessage()
                .contains("does not start like a JPEG file"));
        byte[] truncated = java.util.Arrays.copyOf(png(50, 50), 40);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageCheck.check(truncated, "t.png")).getMessage()
                .contains("could not be decoded"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageCheck.check(png(2, 2), "x.bmp")).getMessage()
                .contains("not a PNG, JPEG or GIF"));
        assertEquals(new ImageCheck.Size(3, 2), ImageCheck.check(png(3, 2), "ok.png"));
    }
}
