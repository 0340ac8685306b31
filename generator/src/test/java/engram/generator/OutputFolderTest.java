package engram.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-or-nothing output folder of generate, features and readout. */
class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void aCommittedFolderReplacesTheOldOneAndLeavesNoSiblings() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.txt"), "old");
        try (OutputFolder folder = OutputFolder.create(out, true)) {
            Files.writeString(folder.staging().resolve("new.txt"), "new");
            assertFalse(Files.exists(out.resolve("new.txt")), "nothing appears before the commit");
            folder.commit();
        }
        assertEquals("new", Files.readString(out.resolve("new.txt")));
        assertFalse(Files.exists(out.resolve("old.txt")));
        assertEquals(List.of(out), children());
    }

    @Test
    void closingWithoutACommitLeavesNothing() throws IOException {
        Path out = dir.resolve("out");
        try (OutputFolder folder = OutputFolder.create(out, false)) {
            Files.writeString(folder.staging().resolve("half.txt"), "half");
        }
        assertEquals(List.of(), children());
    }

    @Test
    void aFileOrAFolderThatFillsDuringTheRunIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        StimulusException notAFolder = assertThrows(StimulusException.class, () -> OutputFolder.create(file, true));
        assertTrue(notAFolder.getMessage().contains("exists and is not a folder"), notAFolder.getMessage());

        Path out = dir.resolve("out");
        try (OutputFolder folder = OutputFolder.create(out, false)) {
            Files.writeString(folder.staging().resolve("new.txt"), "new");
            Files.createDirectories(out);
            Files.writeString(out.resolve("someone-else.txt"), "theirs");
            StimulusException filled = assertThrows(StimulusException.class, folder::commit);
            assertTrue(filled.getMessage().contains("became non-empty during the run"), filled.getMessage());
        }
        assertEquals("theirs", Files.readString(out.resolve("someone-else.txt")));
        assertEquals(List.of(file, out), children());
    }

    private List<Path> children() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
