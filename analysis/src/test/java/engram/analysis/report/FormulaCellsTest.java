package engram.analysis.report;

import engram.core.csv.CsvWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.core.csv.CsvCells;
import engram.core.csv.CsvReader;
import engram.analysis.io.ImageSource;
import engram.core.format.Manifest;
import engram.analysis.io.Responses;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells that a spreadsheet would run as formulas: the writer neutralises them in images.csv and categories.csv, the
 * reader gives back the original texts, and numbers (negative ones included) stay numbers.
 */
class FormulaCellsTest {
    static final String CATEGORY = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String PAIR = "+cmd|' /C calc'!A0";
    static final String NOTE = "@SUM(1+1)";
    static final String PARTICIPANT = "-P1+cmd";

    /** The manifest and responses as an engram writer writes them: every cell through {@link CsvWriter#neutraliseAndQuote(String)}. */
    static String manifest() {
        StringBuilder csv = new StringBuilder();
        row(csv, "image_id", "file", "pair_id", "condition", "category", "predicted_memorability", "=note");
        row(csv, "=a", "a.jpg", PAIR, "high", CATEGORY, "-0.25", NOTE);
        row(csv, "b", "b.jpg", PAIR, "low", CATEGORY, "0.5", "-0.75");
        return csv.toString();
    }

    static String responses() {
        StringBuilder csv = new StringBuilder();
        row(csv, "participant_id", "sequence_id", "trial_index", "image_id", "presentation", "kind", "lag", "responded",
            "rt_ms", "onset_ms", "duration_ms");
        row(csv, PARTICIPANT, "1", "0", "=a", "1", "target", "", "0", "", "-12.5", "1000");
        row(csv, PARTICIPANT, "1", "1", "b", "1", "target", "", "0", "", "1000", "1000");
        row(csv, PARTICIPANT, "1", "2", "=a", "2", "target", "2", "1", "600", "2000", "1000");
        row(csv, PARTICIPANT, "1", "3", "b", "2", "target", "2", "0", "", "3000", "1000");
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            csv.append(i > 0 ? "," : "").append(CsvWriter.neutraliseAndQuote(cells[i]));
        }
        csv.append('\n');
    }

    @Test
    void theWrittenFilesHoldNoFormulaButKeepNegativeNumbers() {
        String text = manifest() + responses();
        for (String line : text.split("\n")) {
            for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) {
                String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(!unquoted.isEmpty() && CsvCells.isFormulaStart(unquoted.charAt(0)) && !CsvCells.isNumber(unquoted),
                    () -> "formula cell " + cell + " in line " + line);
            }
        }
        assertTrue(manifest().contains(",-0.25,"), "a negative number stays a number");
        assertTrue(responses().contains("'-P1+cmd,1,0,'=a,1,target,,0,,-12.5,1000"), responses());
        assertTrue(manifest().contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), manifest());
    }

    @Test
    void theReaderGivesBackTheOriginalTexts() throws Exception {
        StudyReader reader = StudyReader.create();
        Manifest m = reader.readManifest(new StringReader(manifest()), "manifest.csv");
        assertEquals("=a", m.row(0).imageId());
        assertEquals(PAIR, m.row(0).pairId());
        assertEquals(CATEGORY, m.row(0).category());
        assertEquals(-0.25, m.row(0).predictedMemorability());
        assertEquals(List.of("=note"), m.extraColumns());
        assertEquals(NOTE, m.row(0).extra().get("=note"));
        assertEquals("-0.75", m.row(1).extra().get("=note"));
        Responses r = reader.readResponses(new StringReader(responses()), "responses.csv", m);
        assertEquals(PARTICIPANT, r.participantId(0));
        assertEquals(1, r.participants());
        assertEquals(4, r.size());
    }

    @Test
    void imagesAndCategoriesCsvAreNeutralisedAndReadBack(@TempDir Path dir) throws Exception {
        StudyReader reader = StudyReader.create();
        Manifest m = reader.readManifest(new StringReader(manifest()), "manifest.csv");
        Responses r = reader.readResponses(new StringReader(responses()), "responses.csv", m);
        Study study = new Study(m, r, reader.readBoxes(new StringReader(
            "participant_id,trial_index,image_id,box_index,x,y,width,height\n"), "boxes.csv", r, m), ImageSource.NONE);
        AnalysisResult result = Analysis.of(study).with(AnalysisOptions.defaults().withSplits(4)).run();
        OutputWriter.write(result, dir, line -> { });

        String images = Files.readString(dir.resolve("images.csv"), StandardCharsets.UTF_8);
        assertTrue(images.startsWith("image_id,condition,pair_id,category,"), images);
        assertTrue(images.contains("'=a,high,'+cmd|' /C calc'!A0,\"'=HYPERLINK("), images);
        assertTrue(images.contains(",-0.25,'@SUM(1+1)\n"), "predicted -0.25 stays a number: " + images);
        assertTrue(images.lines().findFirst().orElseThrow().endsWith(",predicted_memorability,'=note"), images);
        List<List<String>> rows = read(dir.resolve("images.csv"));
        assertEquals(List.of("=a", "high", PAIR, CATEGORY), rows.get(1).subList(0, 4));
        assertEquals("=note", rows.get(0).get(rows.get(0).size() - 1));
        assertEquals(NOTE, rows.get(1).get(rows.get(1).size() - 1));
        assertEquals("-0.75", rows.get(2).get(rows.get(2).size() - 1));

        String categories = Files.readString(dir.resolve("categories.csv"), StandardCharsets.UTF_8);
        assertTrue(categories.contains("\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",2,"), categories);
        assertEquals(CATEGORY, read(dir.resolve("categories.csv")).get(1).get(0));
        assertTrue(Files.readString(dir.resolve("participants.csv"), StandardCharsets.UTF_8).contains("\n'-P1+cmd,1,"));
    }

    private static List<List<String>> read(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.getFileName().toString())) {
            rows.add(csv.header());
            while (csv.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < csv.header().size(); i++) {
                    row.add(csv.string(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
