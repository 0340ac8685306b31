package engram.generator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import engram.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.execute(new GenerateMain(), new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void demoPairsThenScoreThemThenSelectFromThem() throws IOException {
        Path demo = dir.resolve("demo");
        assertEquals(0, run("pairs", "--demo", "--pairs", "3", "--out", demo.toString()), err.toString());
        assertTrue(out.toString().contains("wrote 12 images to " + demo), out.toString());
        assertEquals("", err.toString(), "no progress display when stderr is not a terminal");
        assertEquals(1 + 6 + 6, Files.readAllLines(demo.resolve("manifest.csv")).size());
        assertTrue(Files.readString(demo.resolve("README.md")).contains("not** a real memorability model"));

        Path scored = dir.resolve("scored");
        assertEquals(0, run("score", "--demo", "--images", demo.resolve("images").toString(), "--out", scored.toString()), err.toString());
        // scoring the written PNGs reproduces the scores recorded at generation
        var generated = Files.readAllLines(demo.resolve("manifest.csv"));
        var rescored = Files.readAllLines(scored.resolve("manifest.csv"));
        String pairHigh = generated.stream().filter(l -> l.startsWith("pair01_high,")).findFirst().orElseThrow().split(",")[5];
        String again = rescored.stream().filter(l -> l.startsWith("pair01_high,")).findFirst().orElseThrow().split(",")[5];
        assertEquals(Double.parseDouble(pairHigh), Double.parseDouble(again), 1e-6);

        Path db = dir.resolve("db");
        for (String concept : new String[] {"dog", "cat", "tree"}) {
            Files.createDirectories(db.resolve(concept));
        }
        String[] concepts = {"dog", "cat", "tree"};
        int i = 0;
        for (String line : generated.subList(1, generated.size())) {
            String file = line.split(",")[1];
            Files.copy(demo.resolve(file), db.resolve(concepts[i++ % 3]).resolve(Path.of(file).getFileName()));
        }
        assertEquals(0, run("select", "--database", db.toString(), "--pairs", "2", "--out", dir.resolve("sel").toString()), err.toString());
        assertEquals(1 + 8, Files.readAllLines(dir.resolve("sel/manifest.csv")).size());
        // without --word-vectors the built-in MiniLM sentence model gives the semantic similarity
        assertTrue(Files.readString(dir.resolve("sel/generation.json")).contains("all-MiniLM-L6-v2"));
        assertEquals(0, run("select", "--database", db.toString(), "--pairs", "2", "--semantic", "wordnet", "--out",
            dir.resolve("sel-wn").toString()), err.toString());
        assertTrue(Files.readString(dir.resolve("sel-wn/generation.json")).contains("WordNet"));
    }

    @Test
    void existingOutputWithoutOverwriteIsRefused() throws IOException {
        Path out1 = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out1.resolve("x"), "x");
        assertEquals(1, run("pairs", "--demo", "--pairs", "1", "--out", out1.toString()));
        assertTrue(err.toString().contains("--overwrite"), err.toString());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("paint"));
        assertTrue(err.toString().startsWith("engram generate: Unmatched argument at index 0: 'paint'"), err.toString());
        assertEquals(2, run());
        assertTrue(err.toString().contains("engram generate: give a mode: pairs, select or score"), err.toString());
        assertEquals(2, run("pairs", "--demo"));
        assertTrue(err.toString().contains("engram generate pairs: Missing required option: '--out=DIR'"), err.toString());
        err.reset();
        assertEquals(2, run("pairs", "--out", "x", "--colour", "red"));
        assertTrue(err.toString().startsWith("engram generate pairs: Unknown options: '--colour', 'red'"), err.toString());
        assertEquals(2, run("pairs", "--demo", "--out", "x", "--pairs", "many"));
        assertEquals(2, run("pairs", "--demo", "--out", "x", "--device", "tpu"));
        assertTrue(err.toString().contains("engram generate pairs: --device must be cpu or gpu, not 'tpu'"), err.toString());
        assertEquals(2, run("select", "--database", "d", "--out", "x", "--semantic", "word-vectors"));
        assertTrue(err.toString().contains("engram generate select: --semantic word-vectors needs --word-vectors FILE"), err.toString());
        assertEquals(2, run("score", "--images", "d", "--out", "x"));
        assertTrue(err.toString().contains("engram generate score: give --predictor P.onnx or --demo"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void helpOfEveryModeGoesToStdoutWithExitZero() {
        for (String mode : new String[] {"pairs", "select", "score"}) {
            out.reset();
            assertEquals(0, run(mode, "--help"), err.toString());
            assertTrue(out.toString().startsWith("Usage: engram generate " + mode), out.toString());
        }
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("pairs") && out.toString().contains("select") && out.toString().contains("score"), out.toString());
        out.reset();
        assertEquals(0, run("pairs", "--version"));
        assertTrue(out.toString().startsWith("engram "), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void tooManyPairsForTheCandidateLimitNamesTheFlags() {
        assertEquals(1, run("pairs", "--demo", "--pairs", "5", "--max-candidates", "2", "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("engram generate pairs: --max-candidates 2 is smaller than the 5 pairs requested"),
            err.toString());
    }

    @Test
    void selectAndScoreOfAMissingFolderAreFailedRuns() {
        Path missing = dir.resolve("missing");
        assertEquals(1, run("select", "--database", missing.toString(), "--semantic", "wordnet", "--out", dir.resolve("s").toString()));
        assertTrue(err.toString().startsWith("engram generate select: ") && err.toString().contains(missing.toString()), err.toString());
        err.reset();
        assertEquals(1, run("score", "--demo", "--images", missing.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().startsWith("engram generate score: ") && err.toString().contains(missing.toString()), err.toString());
    }

    @Test
    void missingModelFileExitsWithOneAndNamesIt() {
        Path model = dir.resolve("nope.onnx");
        assertEquals(1, run("pairs", "--generator", model.toString(), "--predictor", model.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains(model.toString()), err.toString());
    }
}
