package engram.analysis.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.StudyReader;
import engram.analysis.report.OutputWriter;
import engram.analysis.report.RecognitionWriter;
import engram.analysis.synthetic.SyntheticExport;
import engram.analysis.synthetic.SyntheticRecognition;
import engram.core.csv.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recognition/ files: their columns are the ones docs/analysis.md lists, and they exist only for test phases. */
class RecognitionOutputTest {
    private static final Path DOC = Path.of("..", "docs", "analysis.md");

    @TempDir
    Path dir;

    @Test
    void filesHaveTheDocumentedColumnsAndTheReportHasTheSection() throws IOException {
        Path zip = dir.resolve("export.zip");
        SyntheticRecognition.writeZip(SyntheticRecognition.Design.example(), zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip)).with(AnalysisOptions.defaults().withSplits(2)).run();
        Path out = dir.resolve("out");
        OutputWriter.writeAtomically(r, out, s -> { });
        Map<String, List<String>> documented = documentedFiles();
        Map<String, List<String>> written = Map.of("phases.csv", RecognitionWriter.PHASE_COLUMNS,
            "participants.csv", RecognitionWriter.PARTICIPANT_COLUMNS, "images.csv", RecognitionWriter.IMAGE_COLUMNS,
            "summary.csv", RecognitionWriter.SUMMARY_COLUMNS, "roc.csv", RecognitionWriter.ROC_COLUMNS,
            "tests.csv", RecognitionWriter.TEST_COLUMNS);
        assertEquals(written.keySet(), documented.keySet());
        for (var e : written.entrySet()) {
            assertEquals(e.getValue(), documented.get(e.getKey()), e.getKey() + " in " + DOC);
            List<String> lines = Files.readAllLines(out.resolve("recognition").resolve(e.getKey()));
            assertEquals(String.join(",", e.getValue()), lines.get(0), e.getKey());
            assertTrue(lines.size() > 1, e.getKey() + " has rows");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"test-phases\">Study and test phases</h2>"));
        assertTrue(html.contains("aria-label=\"ROC of phase 2\""));
        assertFalse(html.contains("id=\"headline\""), "no game rows: the game's sections are left out");
        // 4 phases, delay of sessions.csv in phases.csv
        List<String> phases = Files.readAllLines(out.resolve("recognition/phases.csv"));
        assertEquals(5, phases.size());
        assertTrue(phases.get(3).startsWith("3,2,old-new,24,"), phases.get(3));
        assertFalse(phases.get(3).endsWith(",,,"), "session 2 has its delay: " + phases.get(3));
    }

    @Test
    void anExportOfTheContinuousGameWritesNoRecognitionFolder() throws IOException {
        Path zip = dir.resolve("game.zip");
        SyntheticExport.writeZip(new SyntheticExport.Design(40, 6, 8, 4, 2, false, 3), zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip)).with(AnalysisOptions.defaults().withSplits(2)).run();
        assertTrue(r.recognition().isEmpty());
        Path out = dir.resolve("out");
        OutputWriter.writeAtomically(r, out, s -> { });
        assertFalse(Files.exists(out.resolve("recognition")));
        assertFalse(Files.readString(out.resolve("report.html")).contains("test-phases"));
    }

    @Test
    void badSessionsFileIsNamed() {
        InputException e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,1,\nP1,r1,2,-5\n"), "sessions.csv"));
        assertEquals("sessions.csv", e.file());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("column delay_s")
            && e.detail().contains("0 or more"), e.getMessage());
        e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,2,60\nP1,r1,2,70\n"), "sessions.csv"));
        assertTrue(e.detail().contains("duplicate session 2"), e.getMessage());
        e = assertThrows(InputException.class, () -> StudyReader.create().readSessionDelays(new StringReader(
            "participant_id,run_id,session,delay_s\nP1,r1,0,60\n"), "sessions.csv"));
        assertTrue(e.detail().contains("session must be 1 or more"), e.getMessage());
    }

    /** The table of docs/analysis.md's "recognition/ files": file → columns (the text before the first " ("). */
    static Map<String, List<String>> documentedFiles() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("### recognition/ files");
        assertTrue(start >= 0, "no recognition/ files section");
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String t = lines.get(i).trim();
            if (!t.startsWith("| ") || t.startsWith("| file") || t.startsWith("| ---")) {
                continue;
            }
            String[] cells = t.substring(1).split("\\|");
            String columns = cells[1].trim();
            int paren = columns.indexOf(" (");
            List<String> names = new ArrayList<>();
            for (String c : (paren < 0 ? columns : columns.substring(0, paren)).split(",")) {
                names.add(c.trim());
            }
            out.put(cells[0].trim(), names);
        }
        return out;
    }
}
