package engram.generator.readout;

import static engram.generator.readout.ReadoutEndToEndTest.DEMO_SET;
import static engram.generator.readout.ReadoutEndToEndTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.cli.AnalyseMain;
import engram.generator.cli.FeaturesMain;
import engram.generator.cli.ReadoutMain;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readout --export} on a real engram export: the demo experiment served by {@code ./engram serve} (H2), 80
 * participants simulated over the participant API with hit rates that depend on the image's condition (high 0.8, low
 * 0.4), and the export downloaded over HTTP, by docs/examples/demo_export.sh. The fixture's images were removed from the
 * zip (they are the bytes of stimuli/demo/images); one test puts them back as the export writes them (images/FILE).
 */
class ReadoutFromExportTest {
    static final Path EXPORT = Path.of("src/test/resources/readout/demo-export.zip");

    @Test
    void anExportGivesTheSameReadoutAsItsAnalysisAndTheCardScoresTheSet(@TempDir Path tmp) throws Exception {
        // the human side, once through engram analyse's output folder ...
        Path analysis = tmp.resolve("analysis");
        int code = AnalyseMain.run(new String[] {"--export", EXPORT.toString(), "--out", analysis.toString(), "--max-heatmaps", "0"},
            new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(0, code);
        Map<String, Double> hitRates = new HashMap<>();
        List<String> images = Files.readAllLines(analysis.resolve("images.csv"));
        List<String> columns = List.of(images.get(0).split(","));
        int hit = columns.indexOf("hit_rate");
        for (String line : images.subList(1, images.size())) {
            String[] f = line.split(",", -1);
            if (!f[hit].isEmpty()) {
                hitRates.put(f[0], Double.parseDouble(f[hit]));
            }
        }
        assertEquals("image_id", columns.get(0));
        double ceiling = Files.readAllLines(analysis.resolve("consistency.csv")).stream().filter(l -> l.startsWith("hit_rate,"))
            .mapToDouble(l -> Double.parseDouble(l.split(",")[4])).findFirst().orElseThrow();

        // ... and once from the export itself, with the stimulus set's images
        Path fromExport = tmp.resolve("readout");
        ReadoutEndToEndTest.Run r = run(ReadoutMain::run, "--demo", "--layer", "score", "--set", DEMO_SET.toString(), "--export",
            EXPORT.toString(), "--out", fromExport.toString(), "--bootstrap", "200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("held-out Spearman rho"), r.err());
        Path fromAnalysis = tmp.resolve("readout-analysis");
        r = run(ReadoutMain::run, "--demo", "--layer", "score", "--set", DEMO_SET.toString(), "--analysis", analysis.toString(),
            "--out", fromAnalysis.toString(), "--bootstrap", "200");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(fromAnalysis.resolve("summary.csv")), Files.readString(fromExport.resolve("summary.csv")),
            "the export analysed in-process and engram analyse's folder give the same readout");

        String[] s = Files.readAllLines(fromExport.resolve("summary.csv")).get(1).split(",", -1);
        assertEquals("score", s[1]);
        assertEquals("hit_rate", s[2]);
        assertEquals(hitRates.size(), Integer.parseInt(s[3]), "every image with a hit rate in the export");
        assertEquals(48 - hitRates.size(), Integer.parseInt(s[4]), "the set's other images are skipped");
        assertEquals(ceiling, Double.parseDouble(s[10]), 1e-9, "the ceiling is the export's split-half hit-rate reliability");
        double rho = Double.parseDouble(s[6]);
        assertTrue(Double.parseDouble(s[7]) <= rho && rho <= Double.parseDouble(s[8]), "rho inside its CI: " + String.join(",", s));
        // the simulated hit rate depends on the condition (high 0.8, low 0.4), which the demo score separates: the
        // held-out readout ranks the images above chance (the bootstrap CI of rho excludes 0)
        assertTrue(Double.parseDouble(s[7]) > 0, "rho's CI excludes 0: " + String.join(",", s));
        List<String> rows = Files.readAllLines(fromExport.resolve("readout.csv"));
        assertEquals("image_id,hit_rate,predicted_held_out,predicted_readout", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(hitRates.get(f[0]), Double.parseDouble(f[1]), 1e-9, f[0]);
        }

        // the readout card is a predictor for generate score: its scores are the readout's own predictions
        assertEquals(hitRates.size(), ReadoutEndToEndTest.scoresWithTheReadoutMatchIt(fromExport, tmp.resolve("scored")));
    }

    @Test
    void withoutSetTheExportsOwnImagesAreUsed(@TempDir Path tmp) throws Exception {
        Path withImages = tmp.resolve("export-with-images.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(EXPORT));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(withImages))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            try (var images = Files.list(DEMO_SET.resolve("images"))) {
                for (Path image : images.sorted().toList()) {
                    out.putNextEntry(new ZipEntry("images/" + image.getFileName()));
                    try (InputStream bytes = Files.newInputStream(image)) {
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Path a = tmp.resolve("a");
        ReadoutEndToEndTest.Run r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--export", withImages.toString(),
            "--out", a.toString(), "--bootstrap", "200");
        assertEquals(0, r.code(), r.err());
        Path b = tmp.resolve("b");
        r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--set", DEMO_SET.toString(), "--export", withImages.toString(),
            "--out", b.toString(), "--bootstrap", "200");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(b.resolve("summary.csv")), Files.readString(a.resolve("summary.csv")));
        assertEquals(Files.readString(b.resolve("readout.csv")), Files.readString(a.resolve("readout.csv")));
        // and features reads the same images from the set
        assertEquals(0, run(FeaturesMain::run, "--demo", "--set", DEMO_SET.toString(), "--layer", "contrast", "--out",
            tmp.resolve("f").toString()).code());
    }

    @Test
    void badInputNamesTheExport(@TempDir Path tmp) {
        ReadoutEndToEndTest.Run r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--export", EXPORT.toString(),
            "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(EXPORT + ": manifest.csv, line 2, column file: image file 'images/"), r.err());
        assertTrue(r.err().contains("is not in the export (for an export without its images, give the stimulus set)"), r.err());
        r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--set", DEMO_SET.toString(), "--export", EXPORT.toString(),
            "--out", tmp.resolve("o").toString(), "--folds", "20");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(EXPORT + ": ") && r.err().contains("images with a hit_rate are too few for 20 folds (need at least 40)"),
            r.err());
        r = run(ReadoutMain::run, "--demo", "--layer", "contrast", "--analysis", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("engram readout: --set is needed with --analysis"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }
}
