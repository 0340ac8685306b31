package engram.core.design;

import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.format.Kind;
import engram.core.format.SequencesCsv;
import engram.core.format.SequencesCsvException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencesCsvTest {

    private static final String HEADER = "sequence_id,trial_index,image_id,presentation,kind\n";

    @Test
    void writesTheHeaderAndOneRowPerPositionWithLf() throws IOException {
        List<Sequence> sequences = SequenceBuilder.of(Fixtures.DEMO).build(Fixtures.DEMO_STIMULI);
        StringWriter out = new StringWriter();
        SequencesCsv.write(sequences, out);
        String text = out.toString();
        assertTrue(text.startsWith(HEADER));
        assertFalse(text.contains("\r"));
        assertEquals(1 + 2 * 30, text.split("\n", -1).length - 1);
        Position first = sequences.get(0).positions().get(0);
        assertTrue(text.startsWith(HEADER + "1,0," + first.imageId() + "," + first.presentation() + ","
                + first.kind().csvName() + "\n"));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path folder) throws IOException {
        List<Sequence> sequences = SequenceBuilder.of(Fixtures.STUDY).build(Fixtures.STUDY_STIMULI);
        Path file = folder.resolve("out/sequences.csv");
        SequencesCsv.write(sequences, file);
        assertEquals(sequences, SequencesCsv.read(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList()); // no temporary file left behind
        }
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith(HEADER));
    }

    @Test
    void quotesImageIdsThatNeedIt() throws IOException {
        List<Sequence> sequences = List.of(new Sequence(1, List.of(Position.first(0, "a,b", Kind.FILLER),
                Position.first(1, "say \"hi\"", Kind.VIGILANCE), Position.repeat(2, "say \"hi\"", Kind.VIGILANCE, 1))));
        StringWriter out = new StringWriter();
        SequencesCsv.write(sequences, out);
        assertEquals(HEADER + "1,0,\"a,b\",1,filler\n1,1,\"say \"\"hi\"\"\",1,vigilance\n"
                + "1,2,\"say \"\"hi\"\"\",2,vigilance\n", out.toString());
        assertEquals(sequences, SequencesCsv.read(new StringReader(out.toString()), "sequences.csv"));
    }

    @Test
    void neutralisesImageIdsThatASpreadsheetWouldRunAndReadsThemBack() throws IOException {
        List<Sequence> sequences = List.of(new Sequence(1, List.of(Position.first(0, "=HYPERLINK(\"http://x\")", Kind.FILLER),
                Position.first(1, "@SUM(1)", Kind.TARGET), Position.repeat(2, "@SUM(1)", Kind.TARGET, 1),
                Position.first(3, "-5", Kind.FILLER))));
        StringWriter out = new StringWriter();
        SequencesCsv.write(sequences, out);
        assertEquals(HEADER + "1,0,\"'=HYPERLINK(\"\"http://x\"\")\",1,filler\n1,1,'@SUM(1),1,target\n"
                + "1,2,'@SUM(1),2,target\n1,3,-5,1,filler\n", out.toString());
        assertEquals(sequences, SequencesCsv.read(new StringReader(out.toString()), "sequences.csv"));
    }

    private static List<String> problems(String text) {
        return assertThrows(SequencesCsvException.class,
                () -> SequencesCsv.read(new StringReader(text), "sequences.csv")).problems();
    }

    @Test
    void wrongHeader() {
        assertEquals(List.of("sequences.csv line 1: the header must be exactly "
                + "sequence_id,trial_index,image_id,presentation,kind but is sequence,trial,image,presentation,kind"),
                problems("sequence,trial,image,presentation,kind\n1,0,a,1,filler\n"));
    }

    @Test
    void aStudyOrTestKindNeedsThePhaseColumns() {
        assertEquals(List.of("sequences.csv line 2, column kind: 'study' belongs to a study or test list, whose file "
                + "has the columns phase,alternative_image_id,target_side appended"),
                problems(HEADER + "1,0,a,1,study\n"));
    }

    @Test
    void everyBadFieldIsNamedWithLineAndColumn() {
        List<String> problems = problems(HEADER + "1,0,a,1,target\nx,1,b,1,filler\n1,1,c,1,repeat\n"
                + "1,3,d,1,filler\n1,2,e,2,filler\n1,3,f,2,target\n1,4,a,2,target,extra\n");
        assertEquals(List.of(
                "sequences.csv line 3, column sequence_id: 'x' is not a whole number >= 1",
                "sequences.csv line 4, column kind: 'repeat' is not a kind (expected target, filler, vigilance, study, lure "
                        + "or foil)",
                "sequences.csv line 5, column trial_index: expected trial index 1 but found 3",
                "sequences.csv line 6, column trial_index: expected trial index 1 but found 2",
                "sequences.csv line 7, column trial_index: expected trial index 1 but found 3",
                "sequences.csv line 8: the row has 6 fields, expected 5"), problems);
    }

    @Test
    void repeatWithoutFirstShowingAndFillerShownTwice() {
        List<String> problems = problems(HEADER + "1,0,a,1,filler\n1,1,b,2,target\n1,2,a,2,filler\n");
        assertEquals(List.of(
                "sequences.csv line 3, column presentation: 'b' has no earlier presentation 1 in sequence 1",
                "sequences.csv line 4, column presentation: a filler is shown only once"), problems);
    }

    @Test
    void sequenceIdsMustRunInOrder() {
        assertEquals(List.of("sequences.csv line 3, column sequence_id: sequence 3 follows sequence 1; ids must "
                + "run 1, 2, 3, ... with each sequence's rows together"),
                problems(HEADER + "1,0,a,1,filler\n3,0,a,1,filler\n"));
    }

    @Test
    void emptyFile() {
        assertEquals(List.of("sequences.csv line 1: the file is empty; expected the header "
                + "sequence_id,trial_index,image_id,presentation,kind"), problems(""));
    }

    @Test
    void readsCrLfAndBomAndIgnoresBlankLines() throws IOException {
        List<Sequence> read = SequencesCsv.read(new StringReader("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "1,0,a,1,vigilance\r\n1,1,a,2,vigilance\r\n\r\n"), "sequences.csv");
        assertEquals(List.of(new Sequence(1, List.of(Position.first(0, "a", Kind.VIGILANCE),
                Position.repeat(1, "a", Kind.VIGILANCE, 1)))), read);
    }
}
