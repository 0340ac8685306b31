package engram.generator.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.cli.AnalyseMain;
import engram.analysis.synthetic.SyntheticExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two ways to the human side of a readout agree: an export analysed in-process, and engram analyse's output folder. */
class HumanScoresTest {
    @Test
    void exportAndAnalysisOutputGiveTheSameHitRatesAndCeiling(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("export.zip");
        SyntheticExport.writeZip(new SyntheticExport.Design(120, 90, 40, 4, 2, false, 3), zip);
        Path out = tmp.resolve("analysis");
        int code = AnalyseMain.run(new String[] {"--export", zip.toString(), "--out", out.toString(), "--seed", "4",
            "--max-heatmaps", "0"}, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, code);
        HumanScores fromFolder = HumanScores.fromAnalysis(out, "hit_rate");
        HumanScores fromZip = HumanScores.fromExport(zip, "hit_rate", 4);
        assertEquals(fromFolder.values().keySet(), fromZip.values().keySet());
        int finite = 0;
        for (String id : fromZip.values().keySet()) {
            double a = fromFolder.values().get(id);
            double b = fromZip.values().get(id);
            assertTrue(Double.isNaN(a) && Double.isNaN(b) || Math.abs(a - b) < 1e-9, id + ": " + a + " vs " + b);
            if (Double.isFinite(b)) {
                finite++;
            }
        }
        assertTrue(finite >= 100, finite + " images with a hit rate");
        assertTrue(fromZip.ceiling() > 0 && fromZip.ceiling() < 1, "ceiling " + fromZip.ceiling());
        assertEquals(fromFolder.ceiling(), fromZip.ceiling(), 1e-9, "same default options and seed, same split-halves");
    }
}
