package engram.analysis.io;

import engram.core.format.Manifest;

import engram.core.format.ManifestException;

import engram.core.csv.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per kind of bad input: the error names file, line and column. */
class StudyReaderTest {
    static final String MANIFEST = "image_id,file,pair_id,condition,category,predicted_memorability\n"
        + "a,a.jpg,p1,high,x,0.8\nb,b.jpg,p1,low,x,0.4\nv,v.jpg,,foil,y,\n";
    static final String HEADER = "participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,onset_ms,duration_ms\n";
    static final String GOOD = HEADER
        + "P1,S1,0,a,1,target,,0,,0,1000\n"
        + "P1,S1,1,b,1,target,,1,500,1600,1000\n"
        + "P1,S1,2,a,2,target,2,1,600,3200,1000\n"
        + "P1,S1,3,b,2,target,2,0,,4800,1000\n";

    private final StudyReader reader = StudyReader.create();

    private Manifest manifest() throws IOException {
        return reader.readManifest(new StringReader(MANIFEST), "manifest.csv");
    }

    private InputException responsesError(String text) throws IOException {
        Manifest m = manifest();
        return assertThrows(InputException.class, () -> reader.readResponses(new StringReader(text), "responses.csv", m));
    }

    private InputException boxesError(String text) throws IOException {
        Manifest m = manifest();
        Responses r = reader.readResponses(new StringReader(GOOD), "responses.csv", m);
        return assertThrows(InputException.class, () -> reader.readBoxes(new StringReader(text), "boxes.csv", r, m));
    }

    @Test
    void readsGoodInput() throws IOException {
        Manifest m = manifest();
        Responses r = reader.readResponses(new StringReader(GOOD), "responses.csv", m);
        assertEquals(4, r.size());
        assertEquals(1, r.participants());
        assertEquals(2, r.find(0, 2));
        Boxes b = reader.readBoxes(new StringReader("participant_id,trial_index,image_id,box_index,x,y,width,height\n"
            + "P1,2,a,0,0.1,0.2,0.3,0.4\n"), "boxes.csv", r, m);
        assertEquals(1, b.size());
        assertEquals(2, b.row(0));
        assertEquals(0.8, m.row(0).predictedMemorability());
        assertNull(m.row(2).predictedMemorability());
    }

    /**
     * The export's newer columns come after the old ones; a trial seen more often than the design says, or whose display
     * a reload cut short, is left out, and so are its boxes. Other columns after them are ignored.
     */
    @Test
    void leavesOutTrialsThatWereNotOrdinaryPresentations() throws IOException {
        Manifest m = manifest();
        String text = HEADER.replace("duration_ms\n", "duration_ms,run_id,saved_at,page_load,interrupted,extra_showings,later\n")
            + "P1,S1,0,a,1,target,,0,,0,1000,R1,2026-12-01T05:00:00Z,1,,0,x\n"
            + "P1,S1,1,b,1,target,,1,500,1600,1000,R1,2026-12-01T05:00:01Z,1,display,0,x\n"
            + "P1,S1,2,a,2,target,2,1,600,3200,1000,R1,2026-12-01T05:00:02Z,2,boxes,0,x\n"
            + "P1,S1,3,b,2,target,2,1,700,4800,1000,R1,2026-12-01T05:00:03Z,2,,1,x\n"
            + "P1,S1,4,v,1,filler,,0,,400,1000,R1,2026-12-01T05:00:04Z,,isi,,x\n";
        Responses r = reader.readResponses(new StringReader(text), "responses.csv", m);
        assertEquals(3, r.size(), "trials 1 (display cut) and 3 (seen again) are left out");
        assertEquals(2, r.leftOutTrials());
        assertTrue(r.isLeftOut("P1", 1) && r.isLeftOut("P1", 3));
        assertEquals(-1, r.find(0, 1));
        assertEquals(1, r.find(0, 2));
        Boxes b = reader.readBoxes(new StringReader("participant_id,trial_index,image_id,box_index,x,y,width,height\n"
            + "P1,1,b,0,0.1,0.2,0.3,0.4\nP1,2,a,0,0.1,0.2,0.3,0.4\nP1,3,b,0,0.1,0.2,0.3,0.4\n"), "boxes.csv", r, m);
        assertEquals(1, b.size(), "only the box of the ordinary trial 2 is kept");
    }

    @Test
    void missingColumn() throws IOException {
        InputException e = responsesError(HEADER.replace("kind,", "") + "P1,S1,0,a,1,,0,,0,1000\n");
        assertEquals("responses.csv", e.file());
        assertEquals(1, e.line());
        assertEquals("kind", e.column());
    }

    @Test
    void unknownImageId() throws IOException {
        InputException e = responsesError(GOOD + "P1,S1,4,zzz,1,target,,0,,0,1000\n");
        assertEquals(6, e.line());
        assertEquals("image_id", e.column());
        assertTrue(e.getMessage().contains("zzz"), e.getMessage());
    }

    @Test
    void conflictingRowsForTheSameTrial() throws IOException {
        InputException e = responsesError(GOOD + "P1,S1,2,a,2,target,2,0,,3200,1000\n");
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("conflicting"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void duplicateParticipantTrial() throws IOException {
        InputException e = responsesError(GOOD + "P1,S1,1,b,1,target,,1,500,1600,1000\n");
        assertEquals(6, e.line());
        assertEquals("trial_index", e.column());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "trial_index; P1,S1,x1,a,1,target,,0,,0,1000",
        "presentation; P1,S1,9,a,3,target,,0,,0,1000",
        "kind; P1,S1,9,a,1,foo,,0,,0,1000",
        "responded; P1,S1,9,a,1,target,,yes,,0,1000",
        "rt_ms; P1,S1,9,a,1,target,,1,fast,0,1000",
        "onset_ms; P1,S1,9,a,1,target,,1,300,NaN,1000",
    })
    void nonNumericOrInvalidValue(String column, String row) throws IOException {
        InputException e = responsesError(GOOD + row + "\n");
        assertEquals(6, e.line());
        assertEquals(column, e.column());
    }

    @Test
    void wrongFieldCount() throws IOException {
        InputException e = responsesError(GOOD + "P1,S1,9,a\n");
        assertEquals(6, e.line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "x; P1,2,a,0,-0.1,0.2,0.3,0.4",
        "y; P1,2,a,0,0.1,1.2,0.3,0.4",
        "width; P1,2,a,0,0.8,0.2,0.3,0.4",
        "height; P1,2,a,0,0.1,0.7,0.3,0.4",
        "width; P1,2,a,0,0.1,0.2,abc,0.4",
    })
    void boxOutsideTheImageOrNotNumeric(String column, String row) throws IOException {
        InputException e = boxesError("participant_id,trial_index,image_id,box_index,x,y,width,height\n" + row + "\n");
        assertEquals("boxes.csv", e.file());
        assertEquals(2, e.line());
        assertEquals(column, e.column());
    }

    @Test
    void boxForAnUnknownTrialOrImage() throws IOException {
        String header = "participant_id,trial_index,image_id,box_index,x,y,width,height\n";
        assertEquals("trial_index", boxesError(header + "P1,7,a,0,0.1,0.2,0.3,0.4\n").column());
        assertEquals("image_id", boxesError(header + "P1,2,b,0,0.1,0.2,0.3,0.4\n").column());
        assertEquals("participant_id", boxesError(header + "P9,2,a,0,0.1,0.2,0.3,0.4\n").column());
    }

    @Test
    void duplicateManifestImage() {
        ManifestException e = assertThrows(ManifestException.class,
            () -> reader.readManifest(new StringReader(MANIFEST + "a,a2.jpg,,foil,x,\n"), "manifest.csv"));
        assertEquals(5, e.problems().get(0).line());
        assertEquals("image_id", e.problems().get(0).column());
    }

    @Test
    void quotedFieldsAndCrlf() throws IOException {
        Manifest m = reader.readManifest(new StringReader(
            "image_id,file,pair_id,condition,category,note\r\n\"a\",\"dir, with comma/a.jpg\",p1,high,x,\"say \"\"hi\"\"\nthere\"\r\n"
                + "b,b.jpg,p1,low,x,\r\n"),
            "manifest.csv");
        assertEquals("dir, with comma/a.jpg", m.row(0).file());
        assertEquals("say \"hi\"\nthere", m.row(0).extra().get("note"));
    }
}
