package engram.stimuli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload folder's clean-up at start-up (what a kill -9 during an upload leaves there). */
class StimulusSetsTest {

    @Test
    void cleaningTheUploadFolderDeletesLeftOverZipsButNeverFollowsALink(@TempDir Path temp) throws IOException {
        Path uploads = Files.createDirectories(temp.resolve("tmp/uploads"));
        Files.write(uploads.resolve("upload-1.zip"), new byte[1000]);
        Files.write(uploads.resolve("upload-2.zip"), new byte[10]);
        Path elsewhere = Files.write(temp.resolve("keep.txt"), new byte[5]);
        Files.createSymbolicLink(uploads.resolve("link.zip"), elsewhere);
        assertEquals(3, StimulusSets.cleanUploadFolder(uploads));
        try (var left = Files.list(uploads)) {
            assertEquals(0, left.count());
        }
        assertTrue(Files.exists(elsewhere), "the link is removed, not its target");
        assertEquals(0, StimulusSets.cleanUploadFolder(temp.resolve("missing")));
    }
}
