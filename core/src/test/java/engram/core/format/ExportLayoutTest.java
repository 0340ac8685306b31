package engram.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * ExportLayout against the column tables of docs/data-formats.md, parsed from the markdown: each file's section (the
 * first heading that starts with its name) lists its columns either as one code line ({@code `a,b,c`}) or as a table
 * whose first column is headed "column" (a cell may name several columns, "a, b"; italic rows such as *further
 * columns* are not columns).
 */
class ExportLayoutTest {

    private static final Path DOC = Path.of("..", "docs", "data-formats.md");
    private static final Pattern CODE_LINE = Pattern.compile("^`([a-z_0-9]+(?:,[a-z_0-9]+)+)`$");

    @Test
    void everyExportFileHasTheColumnsTheDocsList() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        for (ExportLayout.CsvFile file : ExportLayout.CSV_FILES) {
            assertEquals(file.columns(), documentedColumns(lines, file.name()), file.name() + " in " + DOC);
        }
    }

    @Test
    void thePhaseColumnsAndSessionsFileAreTheDocumentedOnes() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        assertEquals(ExportLayout.RESPONSE_PHASE_COLUMNS, documentedColumns(lines, "Phases, sessions and tasks"));
        assertEquals(ExportLayout.SESSIONS.columns(), documentedColumns(lines, ExportLayout.SESSIONS.name()));
        assertTrue(ExportLayout.RESPONSE_PHASE_COLUMNS.stream().noneMatch(ExportLayout.RESPONSES.columns()::contains));
        assertEquals(ExportLayout.SEQUENCE_PHASE_COLUMNS, documentedColumns(lines, "Phases: the columns appended to sequences.csv"));
        assertTrue(ExportLayout.SEQUENCE_PHASE_COLUMNS.stream().noneMatch(ExportLayout.SEQUENCES.columns()::contains));
    }

    /** SequencesCsv writes the headers ExportLayout holds: the five columns, then the phase columns appended. */
    @Test
    void sequencesCsvUsesTheLayoutsColumns() {
        assertEquals(ExportLayout.SEQUENCES.columns(), SequencesCsv.HEADER);
        assertEquals(List.of("sequence_id", "trial_index", "image_id", "presentation", "kind", "phase", "alternative_image_id",
            "target_side"), SequencesCsv.PHASE_HEADER);
        assertTrue(ExportLayout.CSV_FILES.contains(ExportLayout.SESSIONS), "sessions.csv is an export file too");
    }

    @Test
    void theExportSectionNamesEveryFile() throws IOException {
        List<String> section = section(Files.readAllLines(DOC, StandardCharsets.UTF_8), "Export zip");
        String text = String.join("\n", section);
        for (ExportLayout.CsvFile file : ExportLayout.CSV_FILES) {
            assertTrue(text.contains("`" + file.name() + "`"), file.name());
        }
        assertTrue(text.contains("`" + ExportLayout.EXPERIMENT_JSON + "`") && text.contains("`images/`"));
    }

    @Test
    void theParserReadsBothForms() {
        List<String> doc = List.of("# x", "## a.csv (rows)", "text", "`p,q_1,r`", "## b.csv", "| column | meaning |",
            "|---|---|", "| p | one |", "| q, r | two |", "| *further columns* | kept |", "", "## c");
        assertEquals(List.of("p", "q_1", "r"), documentedColumns(doc, "a.csv"));
        assertEquals(List.of("p", "q", "r"), documentedColumns(doc, "b.csv"));
    }

    static List<String> documentedColumns(List<String> lines, String fileName) {
        List<String> section = section(lines, fileName);
        for (String line : section) {
            Matcher m = CODE_LINE.matcher(line.trim());
            if (m.matches()) {
                return List.of(m.group(1).split(","));
            }
        }
        List<String> columns = new ArrayList<>();
        boolean inTable = false;
        for (String line : section) {
            String t = line.trim();
            if (t.startsWith("| column |")) {
                inTable = true;
            } else if (inTable && t.startsWith("|---")) {
                continue;
            } else if (inTable && t.startsWith("|")) {
                String cell = t.substring(1, t.indexOf('|', 1)).trim();
                if (!cell.startsWith("*")) {
                    for (String name : cell.split(",")) {
                        columns.add(name.trim());
                    }
                }
            } else if (inTable) {
                break;
            }
        }
        assertTrue(!columns.isEmpty(), "no column list for " + fileName);
        return columns;
    }

    /** The lines after the first heading whose text starts with {@code title}, up to the next heading. */
    static List<String> section(List<String> lines, String title) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") && line.replaceFirst("^#+\\s*", "").startsWith(title)) {
                start = i + 1;
                break;
            }
        }
        assertTrue(start >= 0, "no heading for " + title);
        List<String> section = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            section.add(lines.get(i));
        }
        return section;
    }
}
