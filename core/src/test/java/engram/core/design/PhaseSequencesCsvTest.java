package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.format.SequencesCsv;
import engram.core.format.SequencesCsvException;
import engram.core.phase.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sequences.csv for study and test lists: the appended columns phase, alternative_image_id, target_side. */
class PhaseSequencesCsvTest {

    private static final String HEADER = "sequence_id,trial_index,image_id,presentation,kind,phase,"
            + "alternative_image_id,target_side\n";

    private static List<PhaseList> bare(List<PhaseList> lists) {
        return lists.stream().map(l -> new PhaseList(l.listId(),
                l.trials().stream().map(PhaseTrial::withoutManifestFields).toList())).toList();
    }

    private static List<String> problems(String text) {
        return assertThrows(SequencesCsvException.class,
                () -> SequencesCsv.readPhases(new StringReader(text), "sequences.csv")).problems();
    }

    @Test
    void writesTheAppendedColumnsByteForByte() throws IOException {
        List<PhaseList> lists = List.of(new PhaseList(1, List.of(
                new PhaseTrial(0, 1, "p1_high", Kind.STUDY, 1, null, null, null, null, "high"),
                new PhaseTrial(1, 1, "=p2_low", Kind.STUDY, 1, null, null, null, null, "low"),
                new PhaseTrial(2, 3, "p1_high", Kind.LURE, 2, 2, "p1_low", Side.RIGHT, "perceptual", "high"),
                new PhaseTrial(3, 3, "=p2_low", Kind.FOIL, 2, 2, "f,1", Side.LEFT, null, "low"),
                new PhaseTrial(4, 4, "p1_high", Kind.TARGET, 2, 2, null, null, "perceptual", "high"),
                new PhaseTrial(5, 4, "f2", Kind.FOIL, 1, null, null, null, null, "foil"))));
        StringWriter out = new StringWriter();
        SequencesCsv.writePhases(lists, out);
        assertEquals(HEADER
                + "1,0,p1_high,1,study,1,,\n"
                + "1,1,'=p2_low,1,study,1,,\n"
                + "1,2,p1_high,2,lure,3,p1_low,right\n"
                + "1,3,'=p2_low,2,foil,3,\"f,1\",left\n"
                + "1,4,p1_high,2,target,4,,\n"
                + "1,5,f2,1,foil,4,,\n", out.toString());
        assertEquals(bare(lists), SequencesCsv.readPhases(new StringReader(out.toString()), "sequences.csv"));
    }

    @Test
    void builtListsRoundTripThroughAFile(@TempDir Path folder) throws IOException {
        for (var plan : List.of(RecognitionFixtures.TWO_SESSIONS, RecognitionFixtures.TWO_STUDIES_THREE_TESTS,
                RecognitionFixtures.STUDY_BREAK_2AFC)) {
            RecognitionParameters p = RecognitionParameters.withDefaults().withLists(3).withStudyPairs(12)
                    .withFoilsPerTest(3).withTestBothMembers(false);
            List<PhaseList> lists = RecognitionDesignBuilder.of(p).build(plan,
                    RecognitionFixtures.pairsAndFoils(24, 40));
            Path file = folder.resolve("out/sequences.csv");
            SequencesCsv.writePhases(lists, file);
            List<PhaseList> read = SequencesCsv.readPhases(file);
            assertEquals(bare(lists), read);
            assertEquals(List.of(), new RecognitionValidator(plan, p, RecognitionFixtures.pairsAndFoils(24, 40))
                    .validateAll(read));
            try (var listing = Files.list(file.getParent())) {
                assertEquals(List.of(file), listing.toList());
            }
        }
    }

    @Test
    void aFiveColumnFileReadsAsPhaseOne() throws IOException {
        List<PhaseList> read = SequencesCsv.readPhases(new StringReader(
                "sequence_id,trial_index,image_id,presentation,kind\n1,0,a,1,target\n1,1,b,1,filler\n"
                        + "1,2,a,2,target\n"), "sequences.csv");
        assertEquals(List.of(new PhaseList(1, List.of(
                new PhaseTrial(0, 1, "a", Kind.TARGET, 1, null, null, null, null, null),
                new PhaseTrial(1, 1, "b", Kind.FILLER, 1, null, null, null, null, null),
                new PhaseTrial(2, 1, "a", Kind.TARGET, 2, 2, null, null, null, null)))), read);
        assertEquals(1, SequencesCsv.readPhases(new StringReader(HEADER + "1,0,a,1,study,,,\n"), "s").get(0)
                .trials().get(0).phase());
    }

    @Test
    void theContinuousReaderRefusesThePhaseHeader() {
        SequencesCsvException e = assertThrows(SequencesCsvException.class,
                () -> SequencesCsv.read(new StringReader(HEADER + "1,0,a,1,study,1,,\n"), "sequences.csv"));
        assertTrue(e.getMessage().startsWith("sequences.csv line 1: the header must be exactly "
                + "sequence_id,trial_index,image_id,presentation,kind but is"), e.getMessage());
    }

    @Test
    void everyBadFieldIsNamedWithLineAndColumn() {
        assertEquals(List.of(
                "sequences.csv line 3, column phase: '0' is not a whole number >= 1",
                "sequences.csv line 4, column target_side: 'up' is not a side (expected left or right)",
                "sequences.csv line 5, column target_side: alternative_image_id and target_side are given together "
                        + "(a 2AFC trial) or not at all",
                "sequences.csv line 6, column alternative_image_id: alternative_image_id and target_side are given "
                        + "together (a 2AFC trial) or not at all",
                "sequences.csv line 7, column alternative_image_id: 'a' cannot stand beside itself",
                "sequences.csv line 8, column presentation: 'c' has no earlier showing in list 1",
                "sequences.csv line 9, column phase: phase 1 follows phase 2; a list's phases run in order",
                "sequences.csv line 10, column presentation: 'a' was shown at trial 0 of list 1, so this showing has "
                        + "presentation 2",
                "sequences.csv line 11, column kind: 'old' is not a kind (expected target, filler, vigilance, study, "
                        + "lure or foil)",
                "sequences.csv line 12: the row has 5 fields, expected 8"),
                problems(HEADER
                        + "1,0,a,1,study,1,,\n"
                        + "1,1,a,2,target,0,,\n"
                        + "1,1,a,2,lure,2,b,up\n"
                        + "1,1,a,2,lure,2,b,\n"
                        + "1,1,a,2,lure,2,,left\n"
                        + "1,1,a,2,lure,2,a,left\n"
                        + "1,1,c,2,target,2,,\n"
                        + "1,2,d,1,foil,1,,\n"
                        + "1,3,a,1,foil,2,,\n"
                        + "1,4,e,1,old,2,,\n"
                        + "1,4,e,1,foil\n"));
        assertEquals(List.of("sequences.csv line 1: the header must be exactly sequence_id,trial_index,image_id,"
                + "presentation,kind,phase,alternative_image_id,target_side (or the continuous game's sequence_id,"
                + "trial_index,image_id,presentation,kind) but is sequence_id,trial_index,image_id,presentation,kind,"
                + "phase"), problems("sequence_id,trial_index,image_id,presentation,kind,phase\n"));
        assertEquals(List.of("sequences.csv line 1: the file is empty; expected the header sequence_id,trial_index,"
                + "image_id,presentation,kind,phase,alternative_image_id,target_side"), problems(""));
        assertEquals(List.of("sequences.csv line 3, column sequence_id: list 3 follows list 1; ids must run 1, 2, 3, "
                + "... with each list's rows together"), problems(HEADER + "1,0,a,1,study,1,,\n3,0,a,1,study,1,,\n"));
    }
}
