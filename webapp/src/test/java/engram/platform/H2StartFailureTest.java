package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A garbled or locked H2 file at start-up is described in one line that says what to do (issue 9). */
class H2StartFailureTest {

    @Test
    void aCorruptFileGivesOneLineNamingTheRestoreScript() throws IOException {
        Path folder = Files.createDirectories(Path.of("target/h2-corrupt-" + System.nanoTime()).toAbsolutePath());
        byte[] garbage = new byte[64 * 1024];
        new Random(9).nextBytes(garbage);
        Files.write(folder.resolve("engram.mv.db"), garbage);
        EngramConfig config = new EngramConfig(folder, "jdbc:h2:file:" + folder + "/engram", "sa", "", 2, Optional.empty(), false);

        RuntimeException failure = assertThrows(RuntimeException.class, () -> new Database().start(config));
        String line = H2StartFailure.describe(failure, config).orElseThrow(() -> new AssertionError("not recognised", failure));
        assertTrue(line.startsWith(H2StartFailure.MARKER), line);
        assertTrue(line.contains(folder + "/engram.mv.db") && line.contains("corrupt") && line.contains("deploy/backup/h2-restore.sh"), line);
        assertEquals(-1, line.indexOf('\n'), "one line");
    }

    @Test
    void aFileHeldByAnotherProcessGivesOneLineSayingSo() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/h2-locked-" + System.nanoTime()).toAbsolutePath());
        String url = "jdbc:h2:file:" + folder + "/engram";
        // another JVM (H2's own shell) opens the file and keeps it open until its input ends
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "")
                .redirectErrorStream(true).start();
        try {
            waitForPrompt(holder);
            EngramConfig config = new EngramConfig(folder, url, "sa", "", 2, Optional.empty(), false);
            RuntimeException failure = assertThrows(RuntimeException.class, () -> new Database().start(config));
            String line = H2StartFailure.describe(failure, config).orElseThrow(() -> new AssertionError("not recognised", failure));
            assertTrue(line.startsWith(H2StartFailure.MARKER), line);
            assertTrue(line.contains(folder + "/engram.mv.db") && line.contains("is locked by another process")
                    && line.contains("Is another engram server running on this data folder?"), line);
            assertEquals(-1, line.indexOf('\n'), "one line");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Reads the shell's output until its "sql>" prompt, which it prints once it holds the database open. */
    private static void waitForPrompt(Process shell) throws IOException {
        StringBuilder seen = new StringBuilder();
        java.io.InputStream out = shell.getInputStream();
        int c;
        while (!seen.toString().contains("sql>") && (c = out.read()) >= 0) {
            seen.append((char) c);
        }
        assertTrue(seen.toString().contains("sql>"), "the H2 shell did not open the database: " + seen);
    }

    @Test
    void otherFailuresAreNotDisguised() {
        EngramConfig h2 = new EngramConfig(Path.of("target"), "jdbc:h2:mem:x", "sa", "", 2, Optional.empty(), false);
        assertEquals(Optional.empty(), H2StartFailure.describe(new IllegalStateException("Flyway: checksum mismatch"), h2));
        EngramConfig pg = new EngramConfig(Path.of("target"), "jdbc:postgresql://localhost/engram", "u", "", 2, Optional.empty(), false);
        assertEquals(Optional.empty(), H2StartFailure.describe(new IllegalStateException("File corrupted"), pg));
    }
}
