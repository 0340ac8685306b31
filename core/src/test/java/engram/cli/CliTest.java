package engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The shared contract: exit codes, error prefixes, flag names for library parameters, the progress line. */
class CliTest {
    @Command(name = "engram demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class)
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--max-candidates")
        int maxCandidates;
        @Option(names = "--mode")
        String mode = "ok";

        @Override
        public Integer call() {
            return switch (mode) {
                case "usage" -> throw Cli.usage(spec, "--mode usage is not allowed");
                case "library" -> Cli.flag(spec, "--mode", () -> {
                    throw new IllegalArgumentException("`maxCandidates` must be positive");
                });
                case "fail" -> throw new IllegalStateException("raise `maxCandidates` or lower `margin`");
                default -> 0;
            };
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.execute(new Demo(), new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().startsWith("Usage: engram demo"), out.toString());
        out.reset();
        assertEquals(0, run("--version"));
        assertTrue(out.toString().matches("engram \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void usageErrorsExitTwoWithTheCommandName() {
        assertEquals(2, run("--colour"));
        assertTrue(err.toString().startsWith("engram demo: Unknown option: '--colour'"), err.toString());
        err.reset();
        assertEquals(2, run("--mode", "usage"));
        assertTrue(err.toString().startsWith("engram demo: --mode usage is not allowed"), err.toString());
        err.reset();
        assertEquals(2, run("--mode", "library"));
        assertTrue(err.toString().startsWith("engram demo: --max-candidates must be positive"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aFailedRunExitsOneAndNamesFlagsNotParameters() {
        assertEquals(1, run("--mode", "fail"));
        assertEquals("engram demo: raise --max-candidates or lower margin" + System.lineSeparator(), err.toString());
    }

    @Test
    void progressShowsCountRateAndEtaAndIsQuietWhenDisabled() {
        assertEquals("\rpairs    [###############...............] 5/10  2.5/s  ETA 0:02   ", Progress.line("pairs", 5, 10, 2));
        assertTrue(Progress.line("pairs", 10, 10, 4).contains("10/10  2.5/s  done"));
        assertEquals("1:01:01", Progress.clock(3661));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).update("pairs", 1, 2);
        assertEquals(0, bytes.size());
        Progress on = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        on.update("pairs", 1, 2);
        on.update("pairs", 2, 2);
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("1/2") && drawn.contains("2/2") && drawn.endsWith(System.lineSeparator()), drawn);
    }
}
