package engram.analysis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.synthetic.SyntheticExport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a small synthetic export through the CLI, twice, byte for byte. */
class AnalyseMainTest {
    @TempDir
    Path dir;

    private Path export() throws Exception {
        Path files = dir.resolve("files");
        SyntheticExport.writeFolder(new SyntheticExport.Design(30, 24, 10, 3, 3, true, 11), files);
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("manifest.csv", "responses.csv", "boxes.csv")) {
                z.putNextEntry(new ZipEntry(name));
                Files.copy(files.resolve(name), z);
                z.closeEntry();
            }
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            img.setRGB(3, 3, 0xFF00FF);
            z.putNextEntry(new ZipEntry("images/img000000.jpg"));
            ImageIO.write(img, "png", z); // content sniffed by ImageIO, the name does not matter
            z.closeEntry();
        }
        return zip;
    }

    private static int run(String... args) {
        return AnalyseMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String runCapture(int expectedExit, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyseMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, text);
        return text;
    }

    @Test
    void writesAllOutputsDeterministically() throws Exception {
        Path zip = export();
        Path out1 = dir.resolve("out1");
        Path out2 = dir.resolve("out2");
        assertEquals(0, run("--export", zip.toString(), "--out", out1.toString(), "--splits", "50", "--seed", "3"));
        assertEquals(0, run("--export", zip.toString(), "--out", out2.toString(), "--splits", "50", "--seed", "3",
            "--threads", "1"));
        for (String f : List.of("images.csv", "participants.csv", "conditions.csv", "categories.csv", "tests.csv",
            "consistency.csv", "vms/maps.csv", "report.html")) {
            assertTrue(Files.isRegularFile(out1.resolve(f)), f);
        }
        List<String> images = Files.readAllLines(out1.resolve("images.csv"));
        assertEquals("image_id,condition,pair_id,category,hits,misses,hit_rate,false_alarms,correct_rejections,"
            + "false_alarm_rate,corrected_recognition,dprime,vms_true_intensity,vms_false_intensity,predicted_memorability,source",
            images.get(0));
        assertEquals(31, images.size());
        assertEquals(25, Files.readAllLines(out1.resolve("participants.csv")).size());
        String tests = Files.readString(out1.resolve("tests.csv"));
        for (String t : List.of("hit_rate,paired_t,high-low", "hit_rate,wilcoxon,high-low", "dprime,mann_whitney,high vs low",
            "kruskal_wallis", "anova", "spearman", "vms_true_intensity,paired_t")) {
            assertTrue(tests.contains(t), t);
        }
        List<String> consistency = Files.readAllLines(out1.resolve("consistency.csv"));
        assertTrue(consistency.get(1).startsWith("hit_rate,50,"), consistency.get(1));
        assertTrue(consistency.get(2).startsWith("vms_true,50,"), consistency.get(2));
        String html = Files.readString(out1.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("data:image/png;base64,"));
        assertFalse(html.contains("http://") && html.contains("src=\"http"), "no external resources");
        assertTrue(Files.isRegularFile(out1.resolve("vms/img000000_true.png")));
        try (Stream<Path> s = Files.walk(out1)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path other = out2.resolve(out1.relativize(p));
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(other), "differs: " + p);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp folders left");
        }
    }

    @Test
    void badInputIsAFailedRunThatExitsOneAndLeavesNoOutput() throws Exception {
        Path files = dir.resolve("bad");
        SyntheticExport.writeFolder(new SyntheticExport.Design(10, 4, 3, 1, 1, true, 1), files);
        Files.writeString(files.resolve("responses.csv"), "P9,S1,0,nope,1,target,,0,,0,1000,run9\n",
            java.nio.file.StandardOpenOption.APPEND);
        Path out = dir.resolve("out");
        String err = runCapture(1, "--responses", files.resolve("responses.csv").toString(), "--boxes",
            files.resolve("boxes.csv").toString(), "--manifest", files.resolve("manifest.csv").toString(), "--out",
            out.toString());
        assertTrue(err.contains("engram analyse: ") && err.contains("responses.csv, line ") && err.contains("column image_id")
            && err.contains("nope"), err);
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void usageErrorsExitWithTwoOnStderr() {
        assertTrue(runCapture(2).startsWith("engram analyse: "));
        assertTrue(runCapture(2, "--export", "x.zip").startsWith("engram analyse: Missing required option: '--out=DIR'"));
        assertTrue(runCapture(2, "--export", "x.zip", "--out", "o", "--splits", "many")
            .startsWith("engram analyse: Invalid value for option '--splits': 'many' is not an int"));
        assertTrue(runCapture(2, "--export", "x.zip", "--out", "o", "--pairs", "high")
            .startsWith("engram analyse: --pairs takes two conditions, e.g. high,low"));
        assertTrue(runCapture(2, "--export", "x.zip", "--out", "o", "--grid", "0")
            .startsWith("engram analyse: --grid: grid must be between 1 and 1000, got 0"));
        assertTrue(runCapture(2, "--export", "x.zip", "--out", "o", "--bogus", "1")
            .startsWith("engram analyse: Unknown options: '--bogus', '1'"));
        assertTrue(runCapture(2, "--export", "x.zip", "--responses", "r.csv", "--boxes", "b.csv", "--manifest", "m.csv",
            "--out", "o").contains("mutually exclusive"));
        runCapture(2, "--responses", "r.csv", "--out", "o");
    }

    @Test
    void aMissingExportIsAFailedRun() {
        String err = runCapture(1, "--export", dir.resolve("missing.zip").toString(), "--out", dir.resolve("o").toString());
        assertTrue(err.startsWith("engram analyse: no such file: " + dir.resolve("missing.zip")), err);
    }

    @Test
    void helpAndVersionGoToStdoutWithExitZero() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals("", runCapture(0, "--help"));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: engram analyse"), out.toString());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("--vms-consistency=true|false"), out.toString());
            assertEquals("", runCapture(0, "--version"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("engram 0."), out.toString());
        } finally {
            System.setOut(old);
        }
    }
}
