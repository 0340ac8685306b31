package engram.generator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import engram.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in demo set (stimuli/demo) is what {@code ./engram generate pairs --demo} makes today, byte for byte:
 * every image, manifest.csv, and generation.json and README.md apart from the output folder they name. This pins the
 * seeded random stream (engram.core.random), the demo models and the manifest writer together.
 */
class DemoSetBytesTest {

    private static final Path CHECKED_IN = Path.of("..", "stimuli", "demo");

    @TempDir
    Path dir;

    @Test
    void regeneratingTheDemoSetGivesTheCheckedInBytes() throws IOException {
        Path out = dir.resolve("demo");
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new GenerateMain(), new PrintWriter(new StringWriter()), new PrintWriter(err),
            "pairs", "--demo", "--out", out.toString());
        assertEquals(0, exit, err.toString());
        List<Path> expected = files(CHECKED_IN);
        assertEquals(expected, files(out), "the same files");
        for (Path file : expected) {
            byte[] want = Files.readAllBytes(CHECKED_IN.resolve(file));
            byte[] got = Files.readAllBytes(out.resolve(file));
            String name = file.toString();
            if (name.equals("generation.json") || name.equals("README.md")) {
                String wantText = new String(want, StandardCharsets.UTF_8)
                    .replace("--out stimuli/demo --overwrite", "--out OUT").replace("--out stimuli/demo", "--out OUT");
                String gotText = new String(got, StandardCharsets.UTF_8)
                    .replace("--out " + out + " --overwrite", "--out OUT").replace("--out " + out, "--out OUT");
                assertEquals(wantText, gotText, name);
            } else {
                assertArrayEquals(want, got, name);
            }
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
