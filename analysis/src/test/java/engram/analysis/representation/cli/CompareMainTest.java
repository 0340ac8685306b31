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

/** The compare command on feature folders written to disk: outputs, and bad input named by file. */
class CompareMainTest {

    /** Writes a feature folder with n images and the given layers (random features; layer "b" depends on "a"). */
    static Path folder(Path dir, int n, long seed, String... layers) throws Exception {
        Files.createDirectories(dir);
        StringBuilder images = new StringBuilder("image\n");
        for (int i = 0; i < n; i++) {
            images.append("img").append(i).append(".png\n");
        }
        Files.writeString(dir.resolve("images.csv"), images);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] base = new double[n][8];
        for (double[] row : base) {
            for (int j = 0; j < 8; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        int k = 0;
        for (String layer : layers) {
            double[][] x = new double[n][6 + k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    x[i][j] = base[i][j % 8] + 0.5 * k * rng.nextGaussian();
                }
            }
            Npy.writeFloat32(dir.resolve(layer + ".npy"), x);
            k++;
        }
        return dir;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CompareMain.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void writesCsvsMatricesAndReport(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp.resolve("a"), 30, 1, "conv1", "conv2", "fc");
        Path b = folder(tmp.resolve("b"), 30, 1, "x", "y");
        Path out = tmp.resolve("out");
        Run r = run("--a", a.toString(), "--b", b.toString(), "--out", out.toString(), "--bootstrap", "50", "--permutations", "49");
        assertEquals(0, r.code(), r.err());
        List<String> cka = Files.readAllLines(out.resolve("cka.csv"));
        assertEquals("layer_a,layer_b,n_images,linear_cka,linear_cka_ci_low,linear_cka_ci_high,linear_cka_p,rbf_cka,"
            + "rbf_cka_ci_low,rbf_cka_ci_high,rbf_cka_p,rbf_sigma_fraction", cka.get(0));
        assertEquals(1 + 3 * 2, cka.size());
        assertTrue(cka.get(1).startsWith("conv1,x,30,1,"), cka.get(1)); // identical features: CKA exactly 1 (to 10 digits)
        List<String> rsa = Files.readAllLines(out.resolve("rsa.csv"));
        assertEquals("layer_a,layer_b,n_images,rdm,rsa_spearman,rsa_ci_low,rsa_ci_high,rsa_p", rsa.get(0));
        assertTrue(rsa.get(1).startsWith("conv1,x,30,correlation,1,"), rsa.get(1));
        List<String> matrix = Files.readAllLines(out.resolve("cka_linear_matrix.csv"));
        assertEquals("layer_a,x,y", matrix.get(0));
        assertEquals(4, matrix.size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        assertTrue(Files.exists(out.resolve("cka_rbf_matrix.csv")) && Files.exists(out.resolve("rsa_matrix.csv")));
        assertEquals("wrote " + out.resolve("cka.csv") + ", rsa.csv, the matrices and report.html", r.err().strip(),
            "no progress display when stderr is not a terminal, only the summary");
    }

    @Test
    void oneFolderGivesItsOwnLayerByLayerMatrix(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp.resolve("a"), 12, 2, "l1", "l2");
        Path out = tmp.resolve("out");
        Run r = run("--a", a.toString(), "--out", out.toString(), "--bootstrap", "0", "--permutations", "0");
        assertEquals(0, r.code(), r.err());
        List<String> m = Files.readAllLines(out.resolve("cka_linear_matrix.csv"));
        assertEquals("layer_a,l1,l2", m.get(0));
        assertTrue(m.get(1).startsWith("l1,1,"), m.get(1));
        assertTrue(m.get(2).endsWith(",1"), m.get(2));
        assertTrue(Files.readAllLines(out.resolve("cka.csv")).get(1).contains(",,,"), "no CIs or p without resampling");
    }

    @Test
    void aOneFeatureLayerHasCkaButNoCorrelationRsa(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp.resolve("a"), 12, 2, "l1");
        double[][] score = new double[12][1];
        for (int i = 0; i < 12; i++) {
            score[i][0] = i * i;
        }
        Npy.writeFloat32(a.resolve("score.npy"), score);
        Path out = tmp.resolve("out");
        Run r = run("--a", a.toString(), "--out", out.toString(), "--bootstrap", "10", "--permutations", "9");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("score.npy: image 1 has constant features, so 1 − Pearson is undefined (use the euclidean RDM); its RSA is left empty"), r.err());
        assertTrue(Files.readAllLines(out.resolve("rsa.csv")).contains("l1,score,12,correlation,,,,"));
        assertTrue(Files.readAllLines(out.resolve("cka_linear_matrix.csv")).get(2).startsWith("score,0."));
        run("--a", a.toString(), "--out", out.toString(), "--rdm", "euclidean", "--bootstrap", "0", "--permutations", "0");
        assertTrue(Files.readAllLines(out.resolve("rsa.csv")).get(4).startsWith("score,score,12,euclidean,1,"));
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--rbf-sigma"), r.out());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().matches("engram \\d+\\.\\d+\\.\\d+.*\\R"), v.out());
    }

    @Test
    void mismatchedImageListsAreNamed(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp.resolve("a"), 10, 1, "l1");
        Path b = folder(tmp.resolve("b"), 10, 1, "l1");
        Files.writeString(b.resolve("images.csv"), Files.readString(b.resolve("images.csv")).replace("img3.png", "other.png"));
        Path out = tmp.resolve("out");
        Run r = run("--a", a.toString(), "--b", b.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(b.resolve("images.csv").toString()) && r.err().contains("'img3.png' vs 'other.png'"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        Path c = folder(tmp.resolve("c"), 11, 1, "l1");
        r = run("--a", a.toString(), "--b", c.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("lists 10 images but " + c.resolve("images.csv") + " lists 11"), r.err());
    }

    @Test
    void nanFeaturesAndRowCountAreNamed(@TempDir Path tmp) throws Exception {
        Path a = folder(tmp.resolve("a"), 10, 1, "l1");
        double[][] x = new double[10][3];
        x[4][2] = Double.NaN;
        Npy.writeFloat32(a.resolve("bad.npy"), x);
        Run r = run("--a", a.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(a.resolve("bad.npy") + ": row 4 (image 5), feature 2 is NaN"), r.err());
        Npy.writeFloat32(a.resolve("bad.npy"), new double[9][3]);
        r = run("--a", a.toString(), "--out", tmp.resolve("o").toString());
        assertTrue(r.err().contains(a.resolve("bad.npy") + ": 9 rows, but images.csv lists 10 images"), r.err());
        r = run("--a", a.toString(), "--layer-a", "nope", "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(a + ": no layer 'nope' (has: bad, l1)"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        Run bad = run("--a", "x", "--out", "y", "--rdm", "cosine");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("engram compare: --rdm: "), bad.err());
        bad = run("--a", "x", "--out", "y", "--rbf-sigma", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("engram compare: --rbf-sigma: the RBF bandwidth fraction must be positive, got 0.0"), bad.err());
        bad = run("--a", "x", "--out", "y", "--permutations", "-1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("engram compare: --permutations must be ≥ 0, got -1"), bad.err());
        Run r = run("--out", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram compare: Missing required option: '--a=DIR'"), r.err());
    }
}
