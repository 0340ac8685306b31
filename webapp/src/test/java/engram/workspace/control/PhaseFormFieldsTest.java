package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

class PhaseFormFieldsTest {

    @Test
    void everyProblemOfAPlanGoesBesideItsRowsInputInTheCardsWords() {
        List<String> problems = PhasePlan.problems(List.of(
                new Phase(1, Task.OLD_NEW, 1, null, null, null, null, null, false, null),
                new Phase(2, Task.STUDY, 1, null, null, 50, null, null, false, null),
                new Phase(3, Task.OLD_NEW, 1, null, null, null, null, 12, true, null),
                new Phase(4, Task.TWO_AFC, 2, 7200, 3600, null, null, null, false, null),
                new Phase(5, Task.BREAK, 3, 60, null, null, null, null, false, 90_000)));
        Map<String, String> fields = PhaseFormFields.ofPlan(problems);
        assertEquals(Map.of(
                "phaseList:0:task", "A test needs an earlier study phase or the continuous game: add one before it (it tests the images studied or played there).",
                "phaseList:1:displayMs", "“display ms” must be 100..60000, was 50.",
                "phaseList:2:confidenceLevels", "“confidence points” must be 2..10, was 12.",
                "phaseList:3:delayMax", "“Closes after” must be >= “Opens after” 2 hours, was 1 hour.",
                "phaseList:4:delayMax", "Give “Closes after”: this phase starts a new session, so it needs a window after the previous one.",
                "phaseList:4:minDurationS", "“at least s” must be 0..86400, was 90000."), fields, problems.toString());
    }

    @Test
    void theBuildersRefusalsGoBesideTheRowOrNumberTheyConcern() {
        Map<String, String> fields = PhaseFormFields.ofBuilder(List.of(
                "pairs: the set has 24 pairs; 2 lists of 30 studied pairs need 30",
                "foils: the set has 2 unpaired images to use as new images; 1 test phase of 8 new images need 8 in every list",
                "phase 3 (2afc): it tests 2 studied pairs, so at most 2 studied images can stand beside a new image, but foilsPerTest is 8",
                "order: phase 2 (old-new) in list 1: something; lower foilsPerTest or raise maxConditionRun",
                "something else entirely"));
        assertEquals(List.of("studyPairs", "foilsPerTest", "phaseList:2:task", "maxConditionRun"), List.copyOf(fields.keySet()));
        assertEquals("It tests 2 studied pairs, so at most 2 studied images can stand beside a new image, but “New images per test” is 8.",
                fields.get("phaseList:2:task"));
        assertEquals("Phase 2 (old-new) in list 1: something; lower “New images per test” or raise “At most in a row of one condition”.",
                fields.get("maxConditionRun"));
    }

    @Test
    void durationsInTheirLargestExactUnit() {
        assertEquals("2 days", PhaseFormFields.duration(172_800));
        assertEquals("3 hours", PhaseFormFields.duration(10_800));
        assertEquals("2 minutes", PhaseFormFields.duration(120));
        assertEquals("0 minutes", PhaseFormFields.duration(0));
        assertEquals("90 seconds", PhaseFormFields.duration(90));
        assertEquals("1 day", PhaseFormFields.duration(86_400));
    }
}
