package engram.analysis.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.io.TestTrial;
import engram.core.csv.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the phase, session, task and answer columns of responses.csv: the exact scores of a small file, and bad input. */
class TestPhaseInputTest {
    static final String MANIFEST = "image_id,file,pair_id,condition,category,lure_type\n"
        + "a_high,a1.png,a,high,x,perceptual\n"
        + "a_low,a2.png,a,low,x,perceptual\n"
        + "b_high,b1.png,b,high,x,semantic\n"
        + "b_low,b2.png,b,low,x,semantic\n"
        + "f1,f1.png,,foil,x,\n"
        + "f2,f2.png,,foil,x,\n"
        + "f3,f3.png,,foil,x,\n";
    static final String HEADER = "participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,"
        + "onset_ms,duration_ms,phase,session,task,answer,confidence,confidence_levels,lure_type,target_side,choice_side,"
        + "chosen_image_id,alternative_image_id\n";
    /** P1 studies a_high and b_low, is tested old/new with a 2-point scale, then 2AFC. */
    static final String GOOD = HEADER
        + "P1,1,0,a_high,1,study,,0,,0,1000,1,1,study,indoor,,,,,,,\n"
        + "P1,1,1,b_low,1,study,,0,,0,1000,1,1,study,outdoor,,,,,,,\n"
        + "P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,perceptual,,,,\n"
        + "P1,1,3,b_high,1,lure,,1,800,0,1000,2,1,old-new,old,1,2,semantic,,,,\n"
        + "P1,1,4,f1,1,foil,,1,800,0,1000,2,1,old-new,new,2,2,,,,,\n"
        + "P1,1,5,f2,1,foil,,1,800,0,1000,2,1,old-new,old,1,2,,,,,\n"
        + "P1,1,6,f3,1,foil,,0,,0,1000,2,1,old-new,,,2,,,,,\n"
        + "P1,1,7,a_high,2,lure,,1,900,0,1000,3,2,2afc,,,,perceptual,left,left,a_high,a_low\n"
        + "P1,1,8,b_low,2,foil,,1,900,0,1000,3,2,2afc,,,,,right,left,f3,f3\n";

    @TempDir
    Path dir;

    static final String BOXES = "participant_id,trial_index,image_id,box_index,x,y,width,height\n"
        + "P1,2,a_high,0,0.1,0.1,0.2,0.2\n";

    Study read(String responses) throws IOException {
        return read(responses, BOXES);
    }

    Study read(String responses, String boxes) throws IOException {
        Path m = Files.writeString(dir.resolve("manifest.csv"), MANIFEST);
        Path r = Files.writeString(dir.resolve("responses.csv"), responses);
        Path b = Files.writeString(dir.resolve("boxes.csv"), boxes);
        return StudyReader.create().readFiles(r, b, m);
    }

    @Test
    void smallFileGivesTheScoresWorkedOutByHand() throws IOException {
        Study s = read(GOOD);
        assertEquals(0, s.responses().size(), "no row of the continuous game");
        assertEquals(0, s.boxes().size(), "boxes of test phases are not the game's");
        assertEquals(1, s.responses().testTrials().boxes().size(), "they go to the recognition analysis");
        List<TestTrial> trials = s.responses().testTrials().trials();
        assertEquals(9, trials.size());
        RecognitionResult r = Recognition.of(s.responses().testTrials(), s.manifest(), Set.of(), List.of("high", "low"));
        assertEquals(3, r.phases().size());
        RecognitionScore all = find(r, 2, "all", "all");
        // targets: a_high old (conf 2); lures: b_high old; foils: f1 new, f2 old, f3 unanswered
        assertEquals(1, all.targets());
        assertEquals(1, all.lures());
        assertEquals(2, all.foils());
        assertEquals(1, all.unanswered());
        assertEquals(1.0, all.hitRate());
        assertEquals(1.0, all.lureFalseAlarmRate());
        assertEquals(0.5, all.falseAlarmRate());
        // log-linear: H' = 1.5/2 = 0.75, F' = 1.5/3 = 0.5 → d' = z(0.75) = 0.6744897501960817
        assertEquals(0.6744897501960817, all.dprime(), 1e-12);
        // ratings (L = 2): target old/2 → 4; foils new/2 → 1, old/1 → 3. Points: r≥4 (0, 1), r≥3 (0.5, 1), … → AUC 1
        assertEquals(1.0, all.auc(), 1e-15);
        // condition of a lure is its studied partner's: b_high is the lure of b_low (low)
        assertEquals(1.0, find(r, 2, "condition", "low").lureFalseAlarmRate());
        assertEquals(Double.NaN, find(r, 2, "condition", "low").hitRate());
        assertEquals(0.5, find(r, 2, "condition", "low").falseAlarmRate(), "foils are shared by every group");
        assertEquals(1.0, find(r, 2, "lure_type", "perceptual").hitRate());
        RecognitionScore afc = find(r, 3, "all", "all");
        assertEquals(2, afc.choices());
        assertEquals(1, afc.correct());
        assertEquals(0.5, afc.proportionCorrect());
        assertEquals(1.0, find(r, 3, "alternative", "lure").proportionCorrect());
        assertEquals(0.0, find(r, 3, "alternative", "foil").proportionCorrect());
        // VMS of phase 2: a_high as a target, one answered trial with a box over cells (1..2, 1..2) of the 10×10 grid
        RecognitionVms target = r.vms().stream().filter(v -> v.phase() == 2 && v.imageId().equals("a_high")).findFirst()
            .orElseThrow();
        assertEquals("target", target.kind());
        assertEquals(1, target.answers());
        assertEquals(1, target.boxed());
        assertEquals(0.04, target.intensity(), 1e-12);
        assertEquals(1.0, target.map()[1 * 10 + 1], 1e-12);
        assertEquals(1.0, target.map()[2 * 10 + 2], 1e-12);
        assertEquals(0.0, target.map()[3 * 10 + 3], 1e-12, "0.1 + 0.2 reaches 1e-31 into cell 3");
        // f1, f2 answered (no boxes), f3 unanswered: no row; no VMS for 2AFC
        RecognitionVms f1 = r.vms().stream().filter(v -> v.imageId().equals("f1")).findFirst().orElseThrow();
        assertEquals(1, f1.answers());
        assertEquals(0, f1.boxed());
        assertEquals(0.0, f1.intensity());
        assertTrue(r.vms().stream().noneMatch(v -> v.imageId().equals("f3") || v.phase() == 3));
        assertEquals(List.of("a_high/target", "b_high/lure", "f1/foil", "f2/foil"),
            r.vms().stream().map(v -> v.imageId() + "/" + v.kind()).toList());
    }

    @Test
    void boxesOfTwoTrialsOfOneImageAverageOverItsAnsweredTrials() throws IOException {
        // a second participant sees a_high as a target, answers old and boxes the left half twice (overlapping)
        String two = GOOD + "P2,1,0,a_high,1,study,,0,,0,1000,1,1,study,indoor,,,,,,,\n"
            + "P2,1,1,a_high,2,target,1,1,800,0,1000,2,1,old-new,old,1,2,perceptual,,,,\n";
        Study s = read(two, BOXES + "P2,1,a_high,0,0.0,0.0,0.5,1.0\nP2,1,a_high,1,0.25,0.0,0.25,1.0\n");
        RecognitionResult r = Recognition.of(s.responses().testTrials(), s.manifest(), Set.of(), List.of("high", "low"));
        RecognitionVms v = r.vms().stream().filter(x -> x.phase() == 2 && x.imageId().equals("a_high")).findFirst()
            .orElseThrow();
        assertEquals(2, v.answers());
        assertEquals(2, v.boxed());
        // (4 cells of P1 + the 50 cells of P2's union) / 100 cells / 2 trials
        assertEquals((0.04 + 0.5) / 2, v.intensity(), 1e-12);
        assertEquals(1.0, v.map()[1 * 10 + 1], 1e-12, "both trials cover cell (1, 1)");
        assertEquals(0.5, v.map()[5 * 10 + 4], 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "box of another image on a test trial|P1,2,f1,0,0.1,0.1,0.2,0.2|image_id|differs from the trial's image 'a_high'",
        "box outside the image on a test trial|P1,2,a_high,0,0.9,0.1,0.2,0.2|width|box outside [0,1]: x + width",
        "negative box on a test trial|P1,2,a_high,0,0.1,-0.1,0.2,0.2|y|box outside [0,1]: y = -0.1",
        "unknown image on a test trial|P1,2,zz,0,0.1,0.1,0.2,0.2|image_id|unknown image_id 'zz'",
        "box of a trial that is not in responses.csv|P1,99,a_high,0,0.1,0.1,0.2,0.2|trial_index|no trial 99 for participant 'P1'",
    })
    void badBoxOnATestTrialIsNamed(String what, String box, String column, String detail) {
        InputException e = assertThrows(InputException.class, () -> read(GOOD,
            "participant_id,trial_index,image_id,box_index,x,y,width,height\n" + box + "\n"), what);
        assertEquals("boxes.csv", e.file());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column), e.getMessage());
        assertTrue(e.detail().contains(detail), e.getMessage());
    }

    static RecognitionScore find(RecognitionResult r, int phase, String groupBy, String group) {
        return r.participants().stream().filter(s -> s.phase() == phase && s.groupBy().equals(groupBy)
            && s.group().equals(group)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "confidence outside the scale|P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,3,2,perceptual,,,,|3|confidence|confidence 3 is outside the scale 1..2",
        "answer not valid for the task|P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,similar,2,2,perceptual,,,,|3|answer|answer must be old, new or empty in a old-new phase, found 'similar'",
        "test image not in the manifest|P1,1,2,zz,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,,,,,|3|image_id|unknown image_id 'zz' (not in the manifest)",
        "2afc alternative not in the manifest|P1,1,7,a_high,2,lure,,1,900,0,1000,3,2,2afc,,,,perceptual,left,left,a_high,zz|3|alternative_image_id|unknown alternative_image_id 'zz'",
        "2afc choice of an image not on screen|P1,1,7,a_high,2,lure,,1,900,0,1000,3,2,2afc,,,,perceptual,left,left,f1,a_low|3|chosen_image_id|neither image_id nor alternative_image_id",
        "2afc side not showing the chosen image|P1,1,7,a_high,2,lure,,1,900,0,1000,3,2,2afc,,,,perceptual,left,right,a_high,a_low|3|choice_side|does not show chosen_image_id",
        "2afc with an answer|P1,1,7,a_high,2,lure,,1,900,0,1000,3,2,2afc,old,,,perceptual,left,left,a_high,a_low|3|answer|answer must be empty in a 2afc phase",
        "unknown task|P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,recall,old,2,2,perceptual,,,,|3|task|task must be one of",
        "kind not valid for the task|P1,1,2,a_high,2,vigilance,2,1,800,0,1000,2,1,old-new,old,2,2,perceptual,,,,|3|kind|kind must be target or lure or foil in a old-new phase",
        "confidence without a scale|P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,,perceptual,,,,|3|confidence|needs confidence_levels",
        "lure type differs from the manifest|P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,semantic,,,,|3|lure_type|differs from the manifest's 'perceptual'",
        "lure type on a foil|P1,1,2,f1,1,foil,,1,800,0,1000,2,1,old-new,old,2,2,semantic,,,,|3|lure_type|lure_type must be empty on a foil row",
        "phase 0|P1,1,2,a_high,2,target,2,1,800,0,1000,0,1,old-new,old,2,2,perceptual,,,,|3|phase|phase must be 1 or more",
    })
    void badRowIsNamed(String what, String row, int line, String column, String detail) {
        InputException e = assertThrows(InputException.class, () -> read(HEADER + row + "\n"), what);
        assertEquals("responses.csv", e.file());
        assertTrue(e.getMessage().contains("line " + (line - 1)), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column), e.getMessage());
        assertTrue(e.detail().contains(detail), e.getMessage());
    }

    @Test
    void aPhaseHasOneTaskAndOneScale() {
        InputException e = assertThrows(InputException.class, () -> read(HEADER
            + "P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,perceptual,,,,\n"
            + "P1,1,3,b_high,1,lure,,1,800,0,1000,2,1,old-similar-new,similar,,,semantic,,,,\n"));
        assertTrue(e.getMessage().contains("line 3") && e.detail().contains("a phase has one task"), e.getMessage());
        e = assertThrows(InputException.class, () -> read(HEADER
            + "P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,perceptual,,,,\n"
            + "P1,1,3,b_high,1,lure,,1,800,0,1000,2,1,old-new,old,2,4,semantic,,,,\n"));
        assertTrue(e.detail().contains("a phase has one scale"), e.getMessage());
        e = assertThrows(InputException.class, () -> read(HEADER
            + "P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,,2,perceptual,,,,\n"));
        assertTrue(e.detail().contains("an answer without a confidence"), e.getMessage());
    }

    @Test
    void aTrialIsEitherOfTheGameOrOfATestPhase() {
        InputException e = assertThrows(InputException.class, () -> read(HEADER
            + "P1,1,2,a_high,2,target,2,1,800,0,1000,2,1,old-new,old,2,2,perceptual,,,,\n"
            + "P1,1,2,a_high,1,target,,0,,0,1000,1,1,continuous,,,,,,,,\n"));
        assertTrue(e.detail().contains("duplicate row"), e.getMessage());
    }

    @Test
    void participantsExcludedByTheGamesAttentionRuleAreLeftOutOfTheTestPhases() throws IOException {
        // P2 misses both vigilance repeats of the game (vigilance hit rate 0 < 0.60)
        String p2 = "P2,1,0,f1,1,vigilance,,0,,0,1000,1,1,continuous,,,,,,,,\n"
            + "P2,1,1,f1,2,vigilance,1,0,,0,1000,1,1,continuous,,,,,,,,\n"
            + "P2,1,2,a_high,1,study,,0,,0,1000,2,1,study,,,,,,,,\n"
            + "P2,1,3,a_high,2,target,1,1,800,0,1000,3,1,old-new,old,2,2,perceptual,,,,\n"
            + "P2,1,4,f2,1,foil,,1,800,0,1000,3,1,old-new,new,2,2,,,,,\n";
        String p1 = "P1,1,0,f3,1,vigilance,,0,,0,1000,1,1,continuous,,,,,,,,\n"
            + "P1,1,1,f3,2,vigilance,1,1,500,0,1000,1,1,continuous,,,,,,,,\n"
            + "P1,1,2,a_high,1,study,,0,,0,1000,2,1,study,,,,,,,,\n"
            + "P1,1,3,a_high,2,target,2,1,800,0,1000,3,1,old-new,old,2,2,perceptual,,,,\n"
            + "P1,1,4,f2,1,foil,,1,800,0,1000,3,1,old-new,old,1,2,,,,,\n";
        Study s = read(HEADER + p2 + p1);
        RecognitionResult r = engram.analysis.Analysis.of(s).with(engram.analysis.AnalysisOptions.defaults().withSplits(2))
            .run().recognition();
        assertEquals(List.of("P2"), r.excluded());
        assertTrue(r.participants().stream().allMatch(x -> x.participantId().equals("P1")), r.participants().toString());
        assertEquals(1, r.phases().stream().filter(p -> p.phase() == 3).findFirst().orElseThrow().participants());
    }

    @Test
    void rowsWithoutTheNewColumnsAreTheContinuousGame() throws IOException {
        Study s = read("participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,onset_ms,duration_ms\n"
            + "P1,1,0,a_high,1,target,,0,,0,1000\nP1,1,2,a_high,2,target,2,1,500,0,1000\n");
        assertEquals(2, s.responses().size());
        assertTrue(s.responses().testTrials().isEmpty());
    }
}
