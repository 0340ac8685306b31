package engram.archive.control;

import static engram.archive.control.ArchiveFixture.archive;
import static engram.archive.control.ArchiveFixture.entry;
import static engram.archive.control.ArchiveFixture.rewrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.platform.ClientError;
import engram.platform.Database;

/** Study archives between two real H2 databases: the round trip, the reused stimulus set, and every bad archive. */
class StudyArchivesTest {

    @TempDir
    Path temp;
    private Database source;
    private Database target;
    private StudyArchives from;
    private StudyArchives to;
    private byte[] zip;

    @BeforeEach
    void start() throws IOException {
        source = ArchiveFixture.h2(temp.resolve("source"));
        target = ArchiveFixture.h2(temp.resolve("target"));
        from = ArchiveFixture.archives(source);
        to = ArchiveFixture.archives(target);
        ArchiveFixture.study(source, temp.resolve("set"), "noise");
        zip = archive(from, "noise");
    }

    @AfterEach
    void stop() {
        source.stop();
        target.stop();
    }

    private StudyArchives.Imported importBytes(StudyArchives archives, byte[] bytes, String slug, String verify) throws IOException {
        Path file = Files.createTempFile(temp, "archive", ".zip");
        Files.write(file, bytes);
        return archives.importArchive(file, "test.zip", slug, verify);
    }

    private long count(Database database, String entity) {
        return database.read(em -> em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult());
    }

    private List<Long> counts(Database database) {
        return List.of(count(database, "Experiment"), count(database, "StimulusSet"), count(database, "Stimulus"),
                count(database, "ImageBlob"), count(database, "SequenceItem"));
    }

    @Test
    void theImportedStudyHasTheSameSequencesByteForByteAndTheSameProtocolHash() throws IOException {
        StudyArchives.Imported imported = importBytes(to, zip, null, null);
        assertEquals("noise", imported.slug());
        assertEquals(from.protocolHash("noise"), imported.protocolHash());
        assertEquals(imported.protocolHash(), to.protocolHash("noise"));
        assertFalse(imported.stimulusSetReused());
        byte[] again = archive(to, "noise");
        for (String name : List.of(StudyArchiveLayout.PROTOCOL, StudyArchiveLayout.SEQUENCES, StudyArchiveLayout.MANIFEST,
                "stimuli/images/p3_low.png", StudyArchiveLayout.SUMS)) {
            assertArrayEquals(entry(zip, name), entry(again, name), name);
        }
        assertArrayEquals(zip, again, "same clock, same protocol: the whole archive is identical");
        assertEquals(lags(source, "noise"), lags(target, "noise"));
        assertEquals("DRAFT", target.read(em -> em.createQuery("select e.status from Experiment e", Object.class).getSingleResult()).toString());
        assertEquals("Noise scenes, pilot 1", target.read(em -> em.createQuery("select e.title from Experiment e", String.class).getSingleResult()));
    }

    private static List<Integer> lags(Database database, String slug) {
        return database.read(em -> em.createQuery("select i.lag from SequenceItem i where i.experiment.slug = :s order by i.sequenceId, i.trialIndex",
                Integer.class).setParameter("s", slug).getResultList());
    }

    @Test
    void theArchiveHasTheDocumentedEntriesAndItsSumsAndHashAreChecked() throws IOException {
        String sums = new String(entry(zip, StudyArchiveLayout.SUMS), StandardCharsets.UTF_8);
        assertTrue(sums.startsWith(CanonicalJson.sha256(entry(zip, StudyArchiveLayout.INFO)) + "  engram-archive.json\n"), sums);
        assertEquals(4 + 50, sums.lines().count());
        String info = new String(entry(zip, StudyArchiveLayout.INFO), StandardCharsets.UTF_8);
        String hash = CanonicalJson.sha256(entry(zip, StudyArchiveLayout.PROTOCOL));
        assertEquals("{\"exportedAt\":\"2026-12-01T10:00:00Z\",\"format\":\"engram-study-archive\",\"formatVersion\":1,\"protocolHash\":\""
                + hash + "\",\"slug\":\"noise\",\"stimulusSet\":\"noise scenes\",\"title\":\"Noise scenes, pilot 1\"}\n", info);
        String protocol = new String(entry(zip, StudyArchiveLayout.PROTOCOL), StandardCharsets.UTF_8);
        assertTrue(protocol.startsWith("{\"attention\":{\"maxFalseAlarmRate\":\"0.35\",\"minVigilanceHitRate\":\"0.55\"},\"boxes\":"), protocol);
        assertTrue(protocol.contains("\"failedCheck\":{\"markdown\":\"Sorry: \\\"attention\\\"\\tcheck failed.\"}"), protocol);
        assertTrue(protocol.contains("\"extra\":{\"source\":\"gan, seed 3\"}"), protocol);
        assertTrue(protocol.contains("\"seed\":20261201"), protocol);
        assertEquals(hash, from.protocolHash("noise"));
    }

    @Test
    void theSameStimuliAreStoredOnceAndTheSetIsReused() throws IOException {
        long sets = count(source, "StimulusSet");
        long images = count(source, "ImageBlob");
        StudyArchives.Imported copy = importBytes(from, zip, "noise-replication", null);
        assertTrue(copy.stimulusSetReused());
        assertEquals(sets, count(source, "StimulusSet"));
        assertEquals(images, count(source, "ImageBlob"));
        assertEquals(from.protocolHash("noise"), copy.protocolHash());
    }

    @Test
    void aTakenSlugIsAConflictAndABadSlugABadRequest() throws IOException {
        ClientError taken = assertThrows(ClientError.class, () -> importBytes(from, zip, null, null));
        assertEquals(409, taken.status());
        assertEquals("slug_taken", taken.code());
        ClientError bad = assertThrows(ClientError.class, () -> importBytes(to, zip, "Not A Slug", null));
        assertEquals(400, bad.status());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), counts(target));
    }

    @Test
    void verifyingAgainstAnotherHashIsRefusedAndTheRightHashIsAccepted() throws IOException {
        String hash = from.protocolHash("noise");
        ArchiveException mismatch = assertThrows(ArchiveException.class, () -> importBytes(to, zip, null, "0".repeat(64)));
        assertEquals(ArchiveException.Kind.PROTOCOL_MISMATCH, mismatch.kind());
        assertTrue(mismatch.getMessage().contains(hash), mismatch.getMessage());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), counts(target));
        assertEquals(hash, importBytes(to, zip, null, hash.toUpperCase()).protocolHash());
    }

    /** Each bad archive is refused with a message naming what is wrong, and the target database stays empty. */
    private String refused(byte[] bytes, ArchiveException.Kind kind) {
        ArchiveException e = assertThrows(ArchiveException.class, () -> importBytes(to, bytes, null, null));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), counts(target), "nothing stored after: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void corruptAndTruncatedArchivesAreRefused() {
        byte[] corrupt = zip.clone();
        Arrays.fill(corrupt, corrupt.length / 3, corrupt.length / 3 + 400, (byte) 0x55);
        assertTrue(refused(corrupt, ArchiveException.Kind.BAD_ARCHIVE).matches("(?s).*(damaged|corrupt|sha256).*"));
        assertTrue(refused(Arrays.copyOf(zip, zip.length / 2), ArchiveException.Kind.BAD_ARCHIVE).contains("not a readable zip"));
        assertTrue(refused("hello".getBytes(StandardCharsets.UTF_8), ArchiveException.Kind.BAD_ARCHIVE).contains("not a readable zip"));
    }

    @Test
    void aNewerOrUnknownFormatIsRefused() throws IOException {
        Function<byte[], byte[]> newer = b -> new String(b, StandardCharsets.UTF_8).replace("\"formatVersion\":1", "\"formatVersion\":2")
                .getBytes(StandardCharsets.UTF_8);
        String message = refused(rewrite(zip, Map.of(StudyArchiveLayout.INFO, newer), true), ArchiveException.Kind.UNSUPPORTED_VERSION);
        assertTrue(message.contains("format version 2"), message);
        Function<byte[], byte[]> other = b -> new String(b, StandardCharsets.UTF_8).replace("engram-study-archive", "jatos")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(refused(rewrite(zip, Map.of(StudyArchiveLayout.INFO, other), true), ArchiveException.Kind.BAD_ARCHIVE)
                .contains("not an engram study archive"));
        assertTrue(refused(rewrite(zip, Map.of(StudyArchiveLayout.PROTOCOL, b -> null), true), ArchiveException.Kind.BAD_ARCHIVE)
                .contains("'protocol.json' is missing"));
    }

    @Test
    void aChangedFileFailsItsSha256() throws IOException {
        Function<byte[], byte[]> swap = b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\n(\\d+),0,", "\n$1,0,x").getBytes(StandardCharsets.UTF_8);
        String message = refused(rewrite(zip, Map.of(StudyArchiveLayout.SEQUENCES, swap), false), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("entry 'sequences.csv': its sha256 is"), message);
        // with SHA256SUMS recomputed, protocol.json's own sha256 of sequences.csv still catches it
        message = refused(rewrite(zip, Map.of(StudyArchiveLayout.SEQUENCES, swap), true), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("sequences.csv has sha256"), message);
        // an image swapped for another: the protocol's stimulus list no longer matches
        byte[] other = entry(zip, "stimuli/images/foil9.png");
        message = refused(rewrite(zip, Map.of("stimuli/images/foil8.png", b -> other), true), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("same bytes") || message.contains("do not match"), message);
        message = refused(rewrite(zip, Map.of("stimuli/images/foil8.png", b -> null), false), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("'stimuli/images/foil8.png', which the archive does not hold"), message);
    }

    @Test
    void anEditedProtocolMustBeCanonicalAndMatchItsDeclaredHash() throws IOException {
        Function<byte[], byte[]> edit = b -> new String(b, StandardCharsets.UTF_8).replace("\"displayMs\":1500", "\"displayMs\":1000")
                .getBytes(StandardCharsets.UTF_8);
        String message = refused(rewrite(zip, Map.of(StudyArchiveLayout.PROTOCOL, edit), true), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("gives the protocol hash"), message);
        Function<byte[], byte[]> spaced = b -> new String(b, StandardCharsets.UTF_8).replace("\"displayMs\":1500", "\"displayMs\": 1500")
                .getBytes(StandardCharsets.UTF_8);
        byte[] protocol = spaced.apply(entry(zip, StudyArchiveLayout.PROTOCOL));
        Function<byte[], byte[]> info = b -> new String(b, StandardCharsets.UTF_8)
                .replaceAll("\"protocolHash\":\"[0-9a-f]+\"", "\"protocolHash\":\"" + CanonicalJson.sha256(protocol) + "\"").getBytes(StandardCharsets.UTF_8);
        message = refused(rewrite(zip, Map.of(StudyArchiveLayout.PROTOCOL, b -> protocol, StudyArchiveLayout.INFO, info), true),
                ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("not in canonical form"), message);
    }

    @Test
    void anImportThatFailsAfterItsStimulusSetLeavesNothingBehind() throws IOException {
        // a consistent, canonical protocol whose practice image is not in the set: found only after the set is stored
        byte[] protocol = new String(entry(zip, StudyArchiveLayout.PROTOCOL), StandardCharsets.UTF_8)
                .replace("\"images\":[\"foil1\",\"foil2\"]", "\"images\":[\"foil1\",\"nowhere\"]").getBytes(StandardCharsets.UTF_8);
        Function<byte[], byte[]> info = b -> new String(b, StandardCharsets.UTF_8)
                .replaceAll("\"protocolHash\":\"[0-9a-f]+\"", "\"protocolHash\":\"" + CanonicalJson.sha256(protocol) + "\"").getBytes(StandardCharsets.UTF_8);
        String message = refused(rewrite(zip, Map.of(StudyArchiveLayout.PROTOCOL, b -> protocol, StudyArchiveLayout.INFO, info), true),
                ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(message.contains("field 'practice.images': 'nowhere' is not in the stimulus set"), message);
    }

    @Test
    void unsafeNamesUnknownEntriesAndBombsAreRefused() throws IOException {
        assertTrue(refused(withExtra("../evil.png", new byte[] {1}), ArchiveException.Kind.BAD_ARCHIVE).contains("entry '../evil.png': contains '..'"));
        assertTrue(refused(withExtra("/etc/evil.png", new byte[] {1}), ArchiveException.Kind.BAD_ARCHIVE).contains("is an absolute path"));
        assertTrue(refused(withExtra("stimuli/images/../../x.png", new byte[] {1}), ArchiveException.Kind.BAD_ARCHIVE).contains("contains '..'"));
        assertTrue(refused(withExtra("run.sh", new byte[] {1}), ArchiveException.Kind.BAD_ARCHIVE).contains("not a file of a study archive"));
        String bomb = refused(withExtra("stimuli/images/bomb.png", new byte[5 * 1024 * 1024]), ArchiveException.Kind.BAD_ARCHIVE);
        assertTrue(bomb.contains("decompression bomb"), bomb);
    }

    /** The archive with one more entry, listed in SHA256SUMS. */
    private byte[] withExtra(String name, byte[] bytes) throws IOException {
        byte[] base = rewrite(zip, Map.of(), true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(base));
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(StudyArchiveLayout.SUMS)) {
                    z.putNextEntry(new ZipEntry(name));
                    z.write(bytes);
                    z.closeEntry();
                    content = (new String(content, StandardCharsets.UTF_8) + CanonicalJson.sha256(bytes) + "  " + name + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(content);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
