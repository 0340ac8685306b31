package engram.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import engram.cli.Cli;
import java.io.ByteArrayOutputStream;
import picocli.CommandLine.ParameterException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of {@code engram simulate}: every flag, help, and a usage error (exit 2) naming each bad flag. */
class SimulateMainTest {

    private static final String[] REQUIRED = {"--url", "http://127.0.0.1:1/", "--experiment", "demo",
            "--participants", "10"};

    private static String[] with(String... extra) {
        List<String> args = new ArrayList<>(Arrays.asList(REQUIRED));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    /** Parses and builds the simulation as the command would; a usage error throws ParameterException. */
    private static SimulateMain parse(String... args) {
        SimulateMain command = new SimulateMain();
        Cli.commandLine(command).parseArgs(args);
        command.simulation();
        return command;
    }

    private static String usageError(String... args) {
        return assertThrows(ParameterException.class, () -> parse(args)).getMessage();
    }

    /** The library names its setting (`clockOffsetFile`) in a participant's reason; the command shows the flag. */
    @Test
    void aReasonNamingTheClockSettingShowsTheFlag() {
        String reason = "the run stays WAITING (against a test server, `clockOffsetFile` moves its clock instead)";
        assertEquals("the run stays WAITING (against a test server, --clock-offset-file moves its clock instead)",
                Cli.flags(reason, Cli.commandLine(new SimulateMain()).getCommandSpec()));
    }

    @Test
    void acceptsEveryFlagInBothSpellings(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, "image_id,file,pair_id,condition,category\na,a.png,p,high,x\nb,b.png,p,low,x\nc,c.png,,foil,x\n");
        SimulateMain parsed = parse(with("--concurrency=3", "--seed", "-4",
                "--manifest", manifest.toString(), "--hit-rate", "high=0.75,low=0.55,foil=0.6",
                "--false-alarm-rate", "0.2", "--rt-mean", "650", "--rt-sd=100", "--dropout", "0.05", "--reload", "0.05",
                "--trial-delay-ms", "20", "--log", dir.resolve("acks.csv").toString(), "--study-id", "STUDY_1",
                "--retry-budget-s", "60", "--request-timeout-ms", "5000", "--similar-rate", "0.25",
                "--returns", "mix", "--max-wait-s", "0", "--clock-offset-file", dir.resolve("clock-offset-s").toString()));
        assertEquals(-4, parsed.chosenSeed);
    }

    @Test
    void drawsASeedWhenNoneIsGiven() throws Exception {
        SimulateMain parsed = parse(REQUIRED);
        assertNull(parsed.seed);
        assertTrue(parsed.chosenSeed > 0);
    }

    @Test
    void helpNeedsNothingElse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SimulateMain.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: engram simulate"));
        out.reset();
        assertEquals(0, SimulateMain.run(new String[]{"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("engram 0."));
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[]{"--experiment", "demo", "--participants", "1"}, "Missing required option: '--url=URL'"),
                Arguments.of(new String[]{"--url", "not a url", "--experiment", "demo", "--participants", "1"},
                        "--url: not a URL"),
                Arguments.of(new String[]{"--url", "ftp://h/", "--experiment", "demo", "--participants", "1"},
                        "--url: url must be an absolute http(s) URL"),
                Arguments.of(new String[]{"--url", "http://h/", "--participants", "1"}, "Missing required option: '--experiment=SLUG'"),
                Arguments.of(new String[]{"--url", "http://h/", "--experiment", " ", "--participants", "1"},
                        "--experiment: experiment must not be empty"),
                Arguments.of(new String[]{"--url", "http://h/", "--experiment", "demo"}, "Missing required option: '--participants=N'"),
                Arguments.of(with("--participants", "5"), "option '--participants' (N) should be specified only once"),
                Arguments.of(new String[]{"--url", "http://h/", "--experiment", "demo", "--participants", "0"},
                        "--participants: participants must be at least 1"),
                Arguments.of(new String[]{"--url", "http://h/", "--experiment", "demo", "--participants", "x"},
                        "Invalid value for option '--participants': 'x' is not an int"),
                Arguments.of(with("--concurrency", "0"), "--concurrency: concurrency must be at least 1"),
                Arguments.of(with("--concurrency"), "Missing required parameter for option '--concurrency' (C)"),
                Arguments.of(with("--seed", "1.5"), "Invalid value for option '--seed': '1.5' is not a long"),
                Arguments.of(with("--hit-rate", "1.5"), "--hit-rate: hit rate must be a probability"),
                Arguments.of(with("--hit-rate", "lots"), "--hit-rate: expected a number"),
                Arguments.of(with("--hit-rate", "high=0.7"), "--hit-rate: rates per condition need --manifest"),
                Arguments.of(with("--false-alarm-rate", "-0.1"), "--false-alarm-rate: false-alarm rate must be"),
                Arguments.of(with("--false-alarm-rate", "NaN"), "--false-alarm-rate: expected a number"),
                Arguments.of(with("--rt-mean", "0"), "--rt-mean: RT mean must be a positive number"),
                Arguments.of(with("--rt-sd", "-5"), "--rt-sd: RT sd must be a number >= 0"),
                Arguments.of(with("--dropout", "1.01"), "--dropout: dropout must be a probability"),
                Arguments.of(with("--reload", "2"), "--reload: reload must be a probability"),
                Arguments.of(with("--trial-delay-ms", "-1"), "--trial-delay-ms: trial delay must be >= 0"),
                Arguments.of(with("--retry-budget-s", "-1"), "--retry-budget-s: retry budget must be >= 0"),
                Arguments.of(with("--request-timeout-ms", "0"), "--request-timeout-ms: request timeout must be"),
                Arguments.of(with("--study-id", "has space"), "--study-id: study id must be 1-64 characters"),
                Arguments.of(with("--pilot", "--study-id", "S"), "--study-id: pilot mode"),
                Arguments.of(with("--pilot", "--reload", "0.1"), "--reload: a reload finds its run"),
                Arguments.of(with("--pilot=yes"), "Invalid value for option '--pilot': 'yes' is not a boolean"),
                Arguments.of(with("--log", "/no/such/folder/acks.csv"), "--log: cannot write"),
                Arguments.of(with("--manifest", "/no/such/manifest.csv"), "--manifest: cannot read"),
                Arguments.of(with("--similar-rate", "1.2"), "--similar-rate: similar rate must be a probability"),
                Arguments.of(with("--returns", "sometimes"), "--returns: expected on-time, early, late or mix, got 'sometimes'"),
                Arguments.of(with("--max-wait-s", "-3"), "--max-wait-s: max wait must be >= 0"),
                Arguments.of(with("--clock-offset-file", "/no/such/folder/clock"), "--clock-offset-file: cannot write"),
                Arguments.of(with("--frobnicate", "1"), "Unknown options: '--frobnicate', '1'"),
                Arguments.of(with("stray"), "Unmatched argument at index 6: 'stray'"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadFlagIsNamed(String[] args, String expected) {
        String message = usageError(args);
        assertTrue(message.startsWith(expected), "'" + message + "' should start with '" + expected + "'");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SimulateMain.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("engram simulate: " + expected),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClockOffsetFileThatHoldsNoSecondsIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Path clock = dir.resolve("clock-offset-s");
        Files.writeString(clock, "next week");
        assertEquals("--clock-offset-file: " + clock + " does not hold a whole number of seconds",
                usageError(with("--clock-offset-file", clock.toString())));
        Files.writeString(clock, "86400\n");
        parse(with("--clock-offset-file", clock.toString()));
    }

    @Test
    void perConditionRatesMustCoverTheManifest(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, "image_id,file,pair_id,condition,category\na,a.png,p,high,x\nb,b.png,p,low,x\nc,c.png,,foil,x\n");
        assertEquals("--hit-rate: hit rate: no rate for manifest condition(s) [foil] and no 'default' entry",
                usageError(with("--manifest", manifest.toString(), "--hit-rate", "high=0.75,low=0.55")));
        parse(with("--manifest", manifest.toString(), "--hit-rate", "high=0.75,default=0.5"));
        assertTrue(usageError(with("--manifest", manifest.toString(),
                "--hit-rate", "high=0.7,high=0.8")).startsWith("--hit-rate: condition high given more"));
        assertTrue(usageError(with("--manifest", manifest.toString(),
                "--hit-rate", "high=x")).startsWith("--hit-rate: rate of high is not a number"));
        assertTrue(usageError(with("--manifest", manifest.toString(),
                "--hit-rate", "high=1.7")).startsWith("--hit-rate: hit rate for high must be"));
        Files.writeString(manifest, "image_id,file,pair_id,condition,category\na,a.png,,,x\n");
        assertEquals("--manifest: " + manifest + " line 2, column condition: condition is empty",
                usageError(with("--manifest", manifest.toString())));
        // A quoted line break in a cell (the simulator's old line-by-line parser broke here): line numbers stay physical.
        Files.writeString(manifest, "image_id,file,pair_id,condition,category\na,a.png,,foil,\"two\nlines\"\nb,b.png,,,x\n");
        assertEquals("--manifest: " + manifest + " line 4, column condition: condition is empty",
                usageError(with("--manifest", manifest.toString())));
        Files.writeString(manifest, "image_id,file,pair_id,condition,category\na,a.png,,foil,\"two\nlines\"\nb,b.png,,high,x\n");
        assertEquals("--hit-rate: hit rate: no rate for manifest condition(s) [foil] and no 'default' entry",
                usageError(with("--manifest", manifest.toString(), "--hit-rate", "high=0.75")));
    }
}
