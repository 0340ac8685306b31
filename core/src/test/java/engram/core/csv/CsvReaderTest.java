package engram.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one CSV reader: RFC 4180 records, quoted line breaks, and errors that name file, line and column. */
class CsvReaderTest {

    @Test
    void quotedCommasQuotesAndLineBreaksAreOneField() throws IOException {
        String text = "\uFEFFid,text\r\n1,\"a, \"\"b\"\"\"\r\n\n2,\"two\nlines\"\n3,plain\n";
        CsvReader csv = new CsvReader(new StringReader(text), "t.csv");
        assertEquals(List.of("id", "text"), csv.header());
        List<String> texts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        while (csv.next()) {
            texts.add(csv.string(csv.require("text")));
            lines.add(csv.line());
        }
        assertEquals(List.of("a, \"b\"", "two\nlines", "plain"), texts);
        assertEquals(List.of(2L, 4L, 6L), lines, "the line where each record starts, counting quoted line breaks");
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        CsvReader csv = new CsvReader(new StringReader("a,b\n1,2\n3,x\n"), "f.csv");
        assertTrue(csv.next());
        assertEquals(2, csv.parseInt(1));
        assertTrue(csv.next());
        InputException e = assertThrows(InputException.class, () -> csv.parseInt(1));
        assertEquals("f.csv, line 3, column b: expected a number but found 'x'", e.getMessage());
        assertEquals("f.csv", e.file());
        assertEquals(3, e.line());
        assertEquals("b", e.column());
        assertEquals("expected a number but found 'x'", e.detail());
    }

    @Test
    void badRecordsAreErrors() throws IOException {
        assertEquals("f.csv, line 3: expected 2 fields but found 3", error("a,b\n1,2\n1,2,3\n"));
        assertEquals("f.csv, line 2: unterminated quoted field", error("a,b\n1,\"2\n3,4\n"));
        assertEquals("f.csv, line 2, column b: text after a closing quote", error("a,b\n1,\"2\"x\n"));
        assertEquals("f.csv, line 1: the file is empty (a header line is required)", error(""));
        InputException missing = assertThrows(InputException.class,
            () -> new CsvReader(new StringReader("a,b\n"), "f.csv").require("c"));
        assertEquals("f.csv, line 1, column c: missing column 'c' (header has a,b)", missing.getMessage());
    }

    @Test
    void formulaRestoringIsAnOption() throws IOException {
        String text = "cell\n'=SUM(1)\n''@x\n'plain\n";
        assertEquals(List.of("=SUM(1)", "'@x", "'plain"), column(new CsvReader(new StringReader(text), "f.csv", true)));
        assertEquals(List.of("'=SUM(1)", "''@x", "'plain"), column(new CsvReader(new StringReader(text), "f.csv", false)));
    }

    @Test
    void recordsModeLeavesHeaderAndFieldCountToTheCaller() throws IOException {
        CsvReader csv = CsvReader.records(new StringReader("\uFEFFa,b\n1\n\"x\ny\",2,3\n"), "r.csv", false);
        assertTrue(csv.next());
        assertEquals("a", csv.string(0));
        assertTrue(csv.next());
        assertEquals(1, csv.fields());
        assertTrue(csv.next());
        assertEquals(3, csv.fields());
        assertEquals("x\ny", csv.string(0));
        assertEquals(3, csv.line());
        assertFalse(csv.next());
        assertThrows(IllegalStateException.class, csv::header);
    }

    @Test
    void writtenTextReadsBackExactly() throws IOException {
        String[] cells = {"plain", "with,comma", "with \"quote\"", "two\r\nlines", "=1+1", "'-x", "-0.25", ""};
        for (boolean neutralise : new boolean[] {true, false}) {
            java.io.StringWriter out = new java.io.StringWriter();
            CsvWriter writer = neutralise ? CsvWriter.neutralising(out) : CsvWriter.plain(out);
            writer.row(cells);
            writer.row(cells);
            CsvReader csv = new CsvReader(new StringReader(out.toString()), "w.csv", neutralise);
            assertTrue(csv.next());
            for (int i = 0; i < cells.length; i++) {
                assertEquals(cells[i], csv.string(i), "cell " + i + ", neutralise " + neutralise);
            }
        }
    }

    private static List<String> column(CsvReader csv) throws IOException {
        List<String> values = new ArrayList<>();
        while (csv.next()) {
            values.add(csv.string(0));
        }
        return values;
    }

    private static String error(String text) {
        return assertThrows(InputException.class, () -> {
            CsvReader csv = new CsvReader(new StringReader(text), "f.csv");
            while (csv.next()) {
                // read to the end
            }
        }).getMessage();
    }
}
