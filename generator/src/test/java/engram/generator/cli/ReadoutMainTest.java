package engram.generator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of {@code ./engram readout}: help, usage errors and failed runs. */
class ReadoutMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.execute(new ReadoutMain(), new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: engram readout"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void badFlagsExitTwoOnStderr() {
        assertEquals(2, run("--demo", "--layer", "score", "--set", "s", "--export", "e.zip", "--out", "o", "--folds", "many"));
        assertTrue(err.toString().startsWith("engram readout: Invalid value for option '--folds'"), err.toString());
        err.reset();
        assertEquals(2, run("--demo", "--layer", "score", "--set", "s", "--export", "e.zip", "--out", "o", "--measure", "speed"));
        assertTrue(err.toString().startsWith("engram readout: --measure must be hit_rate or vms_true_intensity, not 'speed'"),
            err.toString());
        err.reset();
        assertEquals(2, run("--demo", "--layer", "score", "--set", "s", "--export", "e.zip", "--out", "o", "--folds", "1"));
        assertTrue(err.toString().startsWith("engram readout: --folds must be at least 2, got 1"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aMissingAnalysisFolderIsAFailedRun(@TempDir Path tmp) {
        Path analysis = tmp.resolve("no-analysis");
        assertEquals(1, run("--demo", "--layer", "score", "--set", "../stimuli/demo", "--analysis", analysis.toString(),
            "--out", tmp.resolve("o").toString()));
        assertTrue(err.toString().startsWith("engram readout: "), err.toString());
        assertTrue(err.toString().contains(analysis.toString()), err.toString());
    }
}
