package engram.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import engram.testing.Deployments;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 300 MB upload on H2 (the default database), with the default H2 settings of ./engram serve. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StimulusUploadH2IT extends StimulusUploadContract {

    static final File DATA = new File("target/it-data/upload-h2-" + System.nanoTime()).getAbsoluteFile();

    /** What a server killed with -9 during an upload left in the upload folder. */
    static final File LEFT_BEHIND = new File(DATA, "tmp/uploads/upload-1234567890.zip");

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            Files.createDirectories(LEFT_BEHIND.toPath().getParent());
            Files.write(LEFT_BEHIND.toPath(), new byte[1024 * 1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Deployments.engram(Map.of("engram.data", DATA.getPath()));
    }

    /** Issue 9: a kill -9 during an upload left its temporary zip behind for ever; the next start deletes it. */
    @Test
    void theUploadFolderIsEmptiedAtStartUp() throws IOException {
        assertFalse(LEFT_BEHIND.exists(), "the temporary zip of an upload that a killed server left");
        try (Stream<Path> files = Files.list(DATA.toPath().resolve("tmp/uploads"))) {
            assertEquals(List.of(), files.toList());
        }
    }
}
