package engram.analysis.representation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.representation.Npy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predict command on files: outputs for two models with repeated targets, and each bad input named by file. */
class PredictMainTest {

    static CompareMainTest.Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = PredictMain.run(args);
            return new CompareMainTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes a target CSV: image + units, y = first features + noise, rows in reverse order. */
    static Path target(Path file, Path features, int n, long seed, String... units) throws Exception {
        double[][] x = Npy.read(features);
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("image," + String.join(",", units) + "\n");
        for (int i = n - 1; i >= 0; i--) {
            sb.append("img").append(i).append(".png");
            for (int u = 0; u < units.length; u++) {
                sb.append(',').append(x[i][u] + x[i][u + 1] + 0.7 * rng.nextGaussian());
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void twoModelsAndRepeatedTargets(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("modelA"), 60, 1, "l1", "l2");
        Path b = CompareMainTest.folder(tmp.resolve("modelB"), 60, 9, "l1");
        Path t1 = target(tmp.resolve("rep1.csv"), a.resolve("l1.npy"), 60, 1, "site1", "site2");
        Path t2 = target(tmp.resolve("rep2.csv"), a.resolve("l1.npy"), 60, 2, "site1", "site2");
        Path out = tmp.resolve("out");
        CompareMainTest.Run r = run("--features", a.toString(), "--features", b.toString(), "--target", t1.toString(),
            "--target", t2.toString(), "--out", out.toString(), "--bootstrap", "100");
        assertEquals(0, r.code(), r.err());
        List<String> p = Files.readAllLines(out.resolve("predictivity.csv"));
        assertEquals("model,unit,n_images,folds,r,r_ci_low,r_ci_high,r2_cv,ev_percent,ev_ci_low,ev_ci_high,repetitions,"
            + "split_half_reliability,ev_corrected_percent,lambda_median", p.get(0));
        assertEquals(1 + 3 * 2, p.size());
        assertTrue(p.get(1).startsWith("modelA/l1,site1,60,5,"), p.get(1));
        String[] f = p.get(1).split(",");
        assertTrue(Double.parseDouble(f[4]) > 0.7, "model A predicts its own features: " + p.get(1));
        assertEquals("2", f[11]);
        assertTrue(Double.parseDouble(f[12]) > 0.5 && Double.parseDouble(f[13]) > Double.parseDouble(f[8]), p.get(1));
        String[] fb = p.get(5).split(",");
        assertTrue(fb[0].equals("modelB/l1") && Double.parseDouble(fb[4]) < 0.5, "unrelated model B: " + p.get(5));
        List<String> partial = Files.readAllLines(out.resolve("partial.csv"));
        assertEquals("model,given,unit,partial_r,partial_r_ci_low,partial_r_ci_high,unique_ev_percent", partial.get(0));
        assertEquals(1 + 3 * 2 * 2, partial.size());
        int negative = 0;
        for (String row : partial.subList(1, partial.size())) {
            String[] c = row.split(",");
            double partialR = Double.parseDouble(c[3]);
            double uniqueEv = Double.parseDouble(c[6]);
            // the CSV prints 10 significant digits
            assertEquals(100 * partialR * Math.abs(partialR), uniqueEv, 1e-8 * Math.max(1, Math.abs(uniqueEv)), "signed 100·r·|r|: " + row);
            assertEquals(Math.signum(partialR), Math.signum(uniqueEv), "unique_ev_percent keeps the sign of partial_r: " + row);
            negative += partialR < 0 ? 1 : 0;
        }
        assertTrue(negative > 0, "the unrelated model B has a negative partial r somewhere, so the sign is tested: " + partial);
        assertEquals(1 + 60 * 3 * 2, Files.readAllLines(out.resolve("predictions.csv")).size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        CompareMainTest.Run again = run("--features", a.toString(), "--features", b.toString(), "--target", t1.toString(),
            "--target", t2.toString(), "--out", tmp.resolve("out2").toString(), "--bootstrap", "100");
        assertEquals(0, again.code());
        assertEquals("wrote " + tmp.resolve("out2/predictivity.csv") + ", partial.csv, predictions.csv and report.html",
            again.err().strip(), "no progress display when stderr is not a terminal, only the summary");
        assertEquals(Files.readString(out.resolve("predictivity.csv")), Files.readString(tmp.resolve("out2/predictivity.csv")), "seeded");
    }

    @Test
    void analysisImagesCsvWithUnitSelection(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("a"), 30, 1, "l1");
        Path t = target(tmp.resolve("t.csv"), a.resolve("l1.npy"), 30, 1, "hit_rate", "dprime");
        // engram analyse's images.csv: image_id, text columns, numeric columns
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(t)) {
            String[] f = line.split(",");
            lines.add(f[0].equals("image") ? "image_id,condition,hit_rate,dprime" : f[0] + ",high," + f[1] + "," + f[2]);
        }
        Files.write(t, lines);
        CompareMainTest.Run r = run("--features", a.toString(), "--target", t.toString(), "--unit", "hit_rate", "--out",
            tmp.resolve("o").toString(), "--bootstrap", "0");
        assertEquals(0, r.code(), r.err());
        List<String> p = Files.readAllLines(tmp.resolve("o/predictivity.csv"));
        assertEquals(2, p.size());
        assertTrue(p.get(1).startsWith("l1,hit_rate,30,"), p.get(1));
        r = run("--features", a.toString(), "--target", t.toString(), "--unit", "d_prime", "--out", tmp.resolve("o2").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(t + ": no column 'd_prime' (columns: image_id, condition, hit_rate, dprime)"), r.err());
        r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o3").toString());
        assertEquals(1, r.code(), "the text column 'condition' is not a unit");
        assertTrue(r.err().contains("line 2, column condition: expected a number but found 'high' (every column but the image"
            + " column is a unit; choose numeric ones with --unit)"), r.err());
    }

    @Test
    void tooFewImagesForTheFolds(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("a"), 9, 1, "l1");
        Path t = target(tmp.resolve("t.csv"), a.resolve("l1.npy"), 9, 1, "u");
        CompareMainTest.Run r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(a.resolve("images.csv") + ": 9 images are too few for 5 folds (need at least 10"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void raggedTargetCsv(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("a"), 20, 1, "l1");
        Path t = target(tmp.resolve("t.csv"), a.resolve("l1.npy"), 20, 1, "u1", "u2");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(t));
        lines.set(4, lines.get(4).substring(0, lines.get(4).lastIndexOf(',')));
        Files.write(t, lines);
        CompareMainTest.Run r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(t + ", line 5: expected 3 fields but found 2"), r.err());
    }

    @Test
    void nanTargetsAndNanFeatures(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("a"), 20, 1, "l1");
        Path t = target(tmp.resolve("t.csv"), a.resolve("l1.npy"), 20, 1, "u1");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(t));
        lines.set(2, lines.get(2).substring(0, lines.get(2).indexOf(',')) + ",NaN");
        Files.write(t, lines);
        CompareMainTest.Run r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(t + ", line 3, column u1: expected a finite number but found 'NaN'"), r.err());
        double[][] x = Npy.read(a.resolve("l1.npy"));
        x[7][1] = Double.NaN;
        Npy.writeFloat32(a.resolve("l1.npy"), x);
        r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(a.resolve("l1.npy") + ": row 7 (image 8), feature 1 is NaN"), r.err());
    }

    @Test
    void mismatchedImageLists(@TempDir Path tmp) throws Exception {
        Path a = CompareMainTest.folder(tmp.resolve("a"), 20, 1, "l1");
        Path t = target(tmp.resolve("t.csv"), a.resolve("l1.npy"), 20, 1, "u1");
        Files.writeString(t, Files.readString(t).replace("img3.png,", "stranger.png,"));
        CompareMainTest.Run r = run("--features", a.toString(), "--target", t.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(t + ", line 18, column image: image 'stranger.png' is not in " + a.resolve("images.csv")), r.err());
        Path t2 = target(tmp.resolve("t2.csv"), a.resolve("l1.npy"), 19, 1, "u1");
        r = run("--features", a.toString(), "--target", t2.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(r.err().contains(t2 + ": 1 image(s) of " + a.resolve("images.csv") + " have no row, e.g. 'img19.png'"), r.err());
        Path b = CompareMainTest.folder(tmp.resolve("b"), 21, 1, "l1");
        Path t3 = target(tmp.resolve("t3.csv"), a.resolve("l1.npy"), 20, 1, "u1");
        r = run("--features", a.toString(), "--features", b.toString(), "--target", t3.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("lists 20 images but " + b.resolve("images.csv") + " lists 21"), r.err());
        Path t4 = target(tmp.resolve("t4.csv"), a.resolve("l1.npy"), 20, 1, "other");
        r = run("--features", a.toString(), "--target", t3.toString(), "--target", t4.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(r.err().contains(t4 + ": its unit columns [other] differ from " + t3), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void helpOnStdoutAndUsageErrorsExitTwo() {
        CompareMainTest.Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: engram predict") && r.out().contains("--folds"), r.out());
        assertEquals("", r.err());
        r = run("--features", "f", "--target", "t.csv", "--out", "o", "--folds", "five");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram predict: Invalid value for option '--folds': 'five' is not an int"), r.err());
        r = run("--features", "f", "--target", "t.csv", "--out", "o", "--folds", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram predict: --folds must be at least 2, got 1"), r.err());
        r = run("--features", "f", "--target", "t.csv", "--out", "o", "--splits", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram predict: --splits must be ≥ 1, got 0"), r.err());
        assertEquals("", r.out());
    }
}
