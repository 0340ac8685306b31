package engram.archive.control;

import static engram.archive.control.ArchiveFixture.archive;
import static engram.archive.control.ArchiveFixture.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.testing.EmbeddedPostgresExtension;
import engram.platform.Database;

/** A study archived on H2 and imported on a real PostgreSQL 17 (embedded): the same sequences.csv bytes and protocol hash. */
class StudyArchivesPostgresIT {

    @TempDir
    Path temp;

    private static java.util.List<String> withoutInfo(byte[] sums) {
        return new String(sums, java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.endsWith("  " + StudyArchiveLayout.INFO)).toList();
    }

    @Test
    void theModelStudysDesignMovesFromH2ToPostgresUnchanged() throws IOException {
        Database h2 = ArchiveFixture.h2(temp.resolve("laptop"));
        try (EmbeddedPostgresExtension server = new EmbeddedPostgresExtension()) {
            Database postgres = server.database(4, temp.resolve("lab"));
            StudyArchives laptop = ArchiveFixture.archives(h2);
            StudyArchives lab = ArchiveFixture.archives(postgres);
            ArchiveFixture.modelStudy(h2, temp.resolve("set"), "model-study");
            byte[] zip = archive(laptop, "model-study");
            Path file = Files.write(temp.resolve("model-study.zip"), zip);
            StudyArchives.Imported imported = lab.importArchive(file, "model-study.zip", null, null);
            assertEquals(10, imported.sequences());
            assertEquals(laptop.protocolHash("model-study"), imported.protocolHash());
            byte[] again = archive(lab, "model-study");
            byte[] sequences = entry(zip, StudyArchiveLayout.SEQUENCES);
            assertEquals(1 + 10 * 150, new String(sequences, java.nio.charset.StandardCharsets.UTF_8).lines().count());
            assertArrayEquals(sequences, entry(again, StudyArchiveLayout.SEQUENCES));
            assertArrayEquals(zip, again, "same slug, same clock: the PostgreSQL server's archive is the H2 server's, byte for byte");
        } finally {
            h2.stop();
        }
    }

    @Test
    void aStudyMovesFromH2ToPostgresUnchanged() throws IOException {
        Database h2 = ArchiveFixture.h2(temp.resolve("laptop"));
        try (EmbeddedPostgresExtension server = new EmbeddedPostgresExtension()) {
            Database postgres = server.database(4, temp.resolve("lab"));
            StudyArchives laptop = ArchiveFixture.archives(h2);
            StudyArchives lab = ArchiveFixture.archives(postgres);
            ArchiveFixture.study(h2, temp.resolve("set"), "noise");
            byte[] zip = archive(laptop, "noise");
            Path file = Files.write(temp.resolve("noise.zip"), zip);
            StudyArchives.Imported imported = lab.importArchive(file, "noise.zip", "noise-lab", laptop.protocolHash("noise"));
            assertEquals(laptop.protocolHash("noise"), imported.protocolHash());
            assertEquals(imported.protocolHash(), lab.protocolHash("noise-lab"));
            byte[] again = archive(lab, "noise-lab");
            assertArrayEquals(entry(zip, StudyArchiveLayout.SEQUENCES), entry(again, StudyArchiveLayout.SEQUENCES));
            assertArrayEquals(entry(zip, StudyArchiveLayout.PROTOCOL), entry(again, StudyArchiveLayout.PROTOCOL));
            // every sum but engram-archive.json's (its slug differs): the same images, manifest, sequences and protocol
            assertEquals(withoutInfo(entry(zip, StudyArchiveLayout.SUMS)), withoutInfo(entry(again, StudyArchiveLayout.SUMS)));
        } finally {
            h2.stop();
        }
    }
}
