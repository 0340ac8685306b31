package engram.stimuli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.platform.Database;
import engram.platform.EngramConfig;

/** The import on a real H2 database (migrated by Flyway from sql/), with folders of generated PNGs. */
class StimulusImporterTest {

    @TempDir
    Path temp;
    private Database database;
    private StimulusImporter importer;

    @BeforeEach
    void start() {
        database = new Database();
        database.start(new EngramConfig(temp, "jdbc:h2:mem:stimuli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4, Optional.empty(), false));
        importer = new StimulusImporter();
        importer.database = database;
        importer.clock = Clock.fixed(Instant.parse("2026-12-01T06:00:00Z"), ZoneOffset.UTC);
        importer.setLimits(ImportLimits.defaultsFor(512L * 1024 * 1024));
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    /** A folder with manifest.csv and {@code n} noise PNGs of {@code size} x {@code size}. */
    private Path set(String name, int n, int size, long seed) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name).resolve("images"));
        StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category\n");
        for (int i = 0; i < n; i++) {
            Files.write(folder.resolve("n" + i + ".png"), NoisePng.of(size, size, 8, true, seed * 1000 + i));
            manifest.append("n").append(i).append(",images/n").append(i).append(".png,,foil,noise\n");
        }
        Files.writeString(folder.getParent().resolve("manifest.csv"), manifest);
        return folder.getParent();
    }

    private long count(String entity) {
        return database.read(em -> em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult());
    }

    private List<String> problems(Path folder) {
        return assertThrows(StimulusSetException.class, () -> importer.importSet("s", StimulusImporter.Source.folder(folder))).problems();
    }

    @Test
    void importsInSeveralImageTransactionsAndOneSetTransaction() throws IOException {
        importer.setLimits(importer.limits().withBatchBytes(300_000));
        Path folder = set("twelve", 12, 200, 1); // 12 x 120 KB: four image transactions
        long id = importer.importSet("twelve", StimulusImporter.Source.folder(folder));
        assertEquals(12, count("ImageBlob"));
        assertEquals(12, count("Stimulus"));
        assertEquals(List.of("twelve"), database.read(em -> em.createQuery("select s.name from StimulusSet s where s.id = :id", String.class)
                .setParameter("id", id).getResultList()));
    }

    /** All or nothing: the images are committed in batches, so a failure after them must delete them again. */
    @Test
    void aFailureAfterTheImageBatchesLeavesNoImageAndNoSetBehind() throws IOException {
        importer.importSet("first", StimulusImporter.Source.folder(set("first", 2, 50, 2)));
        importer.setLimits(importer.limits().withBatchBytes(100_000));
        Path folder = set("second", 6, 200, 3);
        Files.copy(temp.resolve("first/images/n0.png"), folder.resolve("images/shared.png"));
        Files.writeString(folder.resolve("manifest.csv"), "shared,images/shared.png,,foil,noise\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> importer.importSet("second", StimulusImporter.Source.folder(folder),
                (em, set) -> {
                    assertEquals(8, count("ImageBlob"), "the six new images were committed before the set's transaction");
                    throw new IllegalStateException("the audit record failed");
                }));
        assertEquals("the audit record failed", e.getMessage());
        assertEquals(2, count("ImageBlob"), "the first set's images stay (one of them is shared), the new ones are gone");
        assertEquals(1, count("StimulusSet"));
        assertEquals(2, count("Stimulus"));
        importer.importSet("second", StimulusImporter.Source.folder(folder));
        assertEquals(8, count("ImageBlob"));
    }

    /** What a server killed during the image batches leaves: images no stimulus refers to, removed at the next start. */
    @Test
    void unreferencedImagesAreRemovedAtStartUp() throws IOException {
        importer.importSet("kept", StimulusImporter.Source.folder(set("kept", 2, 50, 4)));
        database.writeAll(em -> em.persist(new engram.stimuli.entity.ImageBlob("f".repeat(64), "image/png", 1, 1, new byte[] {1})));
        assertEquals(3, count("ImageBlob"));
        assertEquals(1, importer.removeUnreferencedImages());
        assertEquals(2, count("ImageBlob"));
    }

    /** Issue 9: 20 rows naming one image decoded it 20 times (33 s for a 6300 x 6300 16-bit PNG); now once. */
    @Test
    void rowsNamingTheSameFileDecodeItOnce() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("same"));
        Files.write(folder.resolve("broken.png"), java.util.Arrays.copyOf(NoisePng.of(64, 64, 8, true, 5), 200));
        StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category\n");
        for (int i = 0; i < 20; i++) {
            manifest.append("r").append(i).append(",broken.png,,foil,x\n");
        }
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        List<String> problems = problems(folder);
        assertEquals(20, problems.size());
        assertEquals(1, problems.stream().filter(p -> p.contains("could not be decoded")).count(), String.join("\n", problems));
        assertEquals("manifest.csv line 21, column file: 'broken.png' is also the image on line 2; every stimulus must be a different image",
                problems.get(19));
    }

    @Test
    void aLarge16BitImageIsDecodedOnceInBoundedMemory() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("large"));
        try (var out = Files.newOutputStream(folder.resolve("big.png"))) {
            NoisePng.write(out, 6300, 6300, 16, false, 0);
        }
        StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category\n");
        for (int i = 0; i < 20; i++) {
            manifest.append("r").append(i).append(",big.png,,foil,x\n");
        }
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        long started = System.nanoTime();
        List<String> problems = problems(folder);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("20 rows naming one 6300 x 6300 16-bit PNG (%d bytes): refused in %.1f s%n", Files.size(folder.resolve("big.png")), seconds);
        assertEquals(19, problems.size(), String.join("\n", problems));
        assertTrue(problems.stream().allMatch(p -> p.contains("is also the image on line 2")), String.join("\n", problems));
        Files.writeString(folder.resolve("manifest.csv"), "image_id,file,pair_id,condition,category\nr0,big.png,,foil,x\n");
        importer.importSet("large", StimulusImporter.Source.folder(folder));
        assertEquals(List.of(6300), database.read(em -> em.createQuery("select b.width from ImageBlob b", Integer.class).getResultList()));
    }

    @Test
    void tooManyRowsAreRefusedUpFrontNamingTheSetting() throws IOException {
        importer.setLimits(importer.limits().withMaxImages(3));
        assertEquals(List.of("manifest.csv has 4 rows; a stimulus set may have at most 3 images (setting engram.stimuli.max-images)"),
                problems(set("four", 4, 8, 6)));
    }

    /** Over the byte limits, the set is refused before any image is decoded (a broken image would otherwise be reported). */
    @Test
    void tooManyBytesAreRefusedUpFrontNamingTheSettings() throws IOException {
        Path folder = set("bytes", 3, 100, 7);
        Files.write(folder.resolve("images/n2.png"), new byte[] {1, 2, 3}); // not decodable, but never decoded
        long total = Files.size(folder.resolve("images/n0.png")) + Files.size(folder.resolve("images/n1.png")) + 3;
        importer.setLimits(importer.limits().withMaxTotalBytes(total - 1));
        List<String> problems = problems(folder);
        assertEquals(1, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith(folder + ": the images take " + total + " bytes"), problems.get(0));
        assertTrue(problems.get(0).endsWith("setting engram.stimuli.max-total-bytes)"), problems.get(0));

        importer.setLimits(ImportLimits.defaultsFor(512L * 1024 * 1024).withMaxImageBytes(10_000));
        problems = problems(folder);
        assertEquals(3, problems.size(), "two files over the per-image limit (not read) and the broken one, in one pass: " + String.join("\n", problems));
        assertEquals("manifest.csv line 4, column file: 'images/n2.png' does not start like a PNG file; its bytes are not the image its name says",
                problems.get(2));
        assertTrue(problems.get(0).matches("manifest.csv line 2, column file: 'images/n0.png' has \\d+ bytes; at most 10000 bytes per image are allowed "
                + "\\(setting engram.stimuli.max-image-bytes\\)"), problems.get(0));
    }

    /** Issue 12: the manifest's problems and the files' problems come back together, counted, in one import. */
    @Test
    void manifestAndFileProblemsAreReportedInOnePass() throws IOException {
        Path folder = set("mixed", 4, 20, 9);
        Files.write(folder.resolve("images/n1.png"), "GIF89a not really".getBytes(StandardCharsets.US_ASCII));
        Files.delete(folder.resolve("images/n2.png"));
        String manifest = Files.readString(folder.resolve("manifest.csv")).replace("n3,images/n3.png,,foil,noise", "n3,images/n3.png,,,noise");
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        StimulusSetException e = assertThrows(StimulusSetException.class, () -> importer.importSet("s", StimulusImporter.Source.folder(folder)));
        assertEquals(3, e.total());
        assertEquals(List.of(
                "manifest.csv line 3, column file: 'images/n1.png' does not start like a PNG file; its bytes are not the image its name says",
                "manifest.csv line 4, column file: 'images/n2.png' does not exist in " + folder,
                "manifest.csv line 5, column condition: condition is empty"), e.problems(), "in line order");
        assertTrue(e.getMessage().startsWith("3 problems in " + folder + ": "), e.getMessage());
        assertEquals(0, count("ImageBlob"), "nothing stored");
        assertEquals(0, count("StimulusSet"));
    }

    @Test
    void tooManyPixelsNameTheSetting() throws IOException {
        importer.setLimits(importer.limits().withMaxPixels(99 * 99));
        List<String> problems = problems(set("pixels", 1, 100, 8));
        assertEquals(List.of("manifest.csv line 2, column file: 'images/n0.png' is 100 x 100 pixels; at most 9801 pixels per image are allowed"
                + " (setting engram.stimuli.max-pixels)"), problems);
    }

    @Test
    void defaultsAreSizedAgainstTheHeap() {
        ImportLimits small = ImportLimits.defaultsFor(256L * 1024 * 1024);
        ImportLimits usual = ImportLimits.defaultsFor(512L * 1024 * 1024);
        assertEquals(16 * 1024 * 1024, small.maxImageBytes());
        assertEquals(20 * 1024 * 1024, usual.maxImageBytes());
        assertEquals(4 * 1024 * 1024, small.batchBytes());
        assertEquals(8 * 1024 * 1024, usual.batchBytes());
        assertEquals(4 * 1024 * 1024, ImportLimits.defaultsFor(32L * 1024 * 1024).maxImageBytes());
        assertThrows(IllegalArgumentException.class, () -> usual.withMaxImageBytes(21 * 1024 * 1024));
        assertEquals("at most 20,000 images and 2 GiB in all; each image at most 20 MiB and 40 megapixels", usual.describe());
    }

    /** Issue 9: a 100k-row manifest made a 16 MB problem page that was kept in the session. */
    @Test
    void theProblemListIsCapped() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("many"));
        StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category\n");
        for (int i = 0; i < 100_000; i++) {
            manifest.append("r").append(i).append(",missing").append(i).append(".png,,foil,x\n");
        }
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        assertEquals(List.of("manifest.csv has 100000 rows; a stimulus set may have at most 20000 images (setting engram.stimuli.max-images)"),
                problems(folder));
        importer.setLimits(importer.limits().withMaxImages(100_000));
        StimulusSetException e = assertThrows(StimulusSetException.class, () -> importer.importSet("s", StimulusImporter.Source.folder(folder)));
        assertEquals(StimulusSetException.MAX_LISTED + 1, e.problems().size());
        assertEquals("… and 99900 more problem(s) of the same kinds; fix these and import again", e.problems().get(StimulusSetException.MAX_LISTED));
        assertTrue(e.getMessage().length() < 20_000, "message of " + e.getMessage().length() + " characters");
        Files.writeString(folder.resolve("manifest.csv"), manifest.toString().replace(",missing", ",,missing"));
        e = assertThrows(StimulusSetException.class, () -> importer.importSet("s", StimulusImporter.Source.folder(folder)));
        assertEquals(StimulusSetException.MAX_LISTED + 1, e.problems().size(), "manifest problems are capped too");
    }

    /** Issue 9: the server-folder import followed file links out of the import root, and told whether the target existed. */
    @Test
    void linksAreNotFollowedAndDoNotRevealTheirTarget() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.write(outside.resolve("secret.png"), NoisePng.of(10, 10, 8, true, 9));
        for (String target : new String[] {"secret.png", "missing.png"}) {
            Path folder = set("links-" + target, 1, 10, 10);
            Files.createSymbolicLink(folder.resolve("images/linked.png"), outside.resolve(target));
            Files.writeString(folder.resolve("manifest.csv"), "linked,images/linked.png,,foil,x\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            assertEquals(List.of("'images/linked.png' is a symbolic link; links are not followed in a server import (copy the files into the folder)"),
                    problems(folder), "the same words whether " + target + " exists or not");
        }
        Path folder = set("dirlink", 0, 10, 11);
        Files.createSymbolicLink(folder.resolve("elsewhere"), outside);
        Files.writeString(folder.resolve("manifest.csv"), "s,elsewhere/secret.png,,foil,x\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("'elsewhere' is a symbolic link; links are not followed in a server import (copy the files into the folder)"), problems(folder));
        Path manifestLink = Files.createDirectories(temp.resolve("manifest-link"));
        Files.createSymbolicLink(manifestLink.resolve("manifest.csv"), folder.resolve("manifest.csv"));
        assertEquals(List.of("'manifest.csv' is a symbolic link; links are not followed in a server import (copy the files into the folder)"),
                problems(manifestLink));
        assertEquals(0, count("ImageBlob"));
        assertFalse(StimulusSets.linkOnTheWay(temp, outside.resolve("secret.png")));
        assertTrue(StimulusSets.linkOnTheWay(temp, folder.resolve("elsewhere/secret.png")));
    }
}
