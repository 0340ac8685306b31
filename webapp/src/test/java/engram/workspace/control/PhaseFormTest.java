package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.PhasePlanException;
import engram.experiment.control.PhasesJson;

class PhaseFormTest {

    private static PhaseForm.Row row(String task) {
        return new PhaseForm.Row(task);
    }

    @Test
    void theRowsMakeAPlanWithSessionsDelaysInSecondsAndOnlyEachTasksOptions() {
        PhaseForm.Row study = row("study");
        study.setQuestion("Indoor or outdoor?");
        study.setAnswers("indoor, outdoor");
        study.setConfidenceLevels(4);
        PhaseForm.Row pause = row("break");
        pause.setMinDurationS(60);
        pause.setDisplayMs(500);
        PhaseForm.Row test = row("2afc");
        test.setNewSession(true);
        test.setDelayMin(20);
        test.setDelayMinUnit("minutes");
        test.setDelayMax(1);
        test.setDelayMaxUnit("days");
        test.setConfidenceLevels(6);
        test.setBoxes(true);
        PhasePlan plan = PhasesJson.read(PhaseForm.toJson(List.of(study, pause, test)));
        Phase p1 = plan.phase(1);
        Phase p3 = plan.phase(3);
        assertEquals(List.of("indoor", "outdoor"), p1.encodingQuestion().answers());
        assertNull(p1.confidenceLevels(), "confidence belongs to tests");
        assertNull(plan.phase(2).displayMs(), "display ms belongs to study");
        assertEquals(60, plan.phase(2).minDurationS());
        assertEquals(2, p3.session());
        assertEquals(1200, p3.delayMinS());
        assertEquals(86_400, p3.delayMaxS());
        assertEquals(6, p3.confidenceLevels());
        assertTrue(!p3.boxes(), "no boxes in 2AFC");

        List<PhaseForm.Row> back = PhaseForm.rows(plan);
        assertEquals(List.of(20, 1), List.of(back.get(2).getDelayMin(), back.get(2).getDelayMax()));
        assertEquals(List.of("minutes", "days"), List.of(back.get(2).getDelayMinUnit(), back.get(2).getDelayMaxUnit()));
        assertEquals(PhaseForm.toJson(List.of(study, pause, test)), PhaseForm.toJson(back), "the rows of a plan make the same plan");
    }

    @Test
    void eachRowShowsOnlyTheOptionsOfItsTaskAndTheCardOffersTheContinuousGame() {
        assertEquals(List.of("continuous", "study", "old-new", "old-similar-new", "2afc", "distractor", "break"), PhaseForm.TASKS,
                "the recognition design builds a continuous first phase and tests its images later");
        PhaseForm.Row row = row("study");
        List<String> all = List.of("displayMs", "question", "answers", "confidenceLevels", "boxes", "minDurationS");
        assertEquals(List.of("displayMs", "question", "answers"), all.stream().filter(row::shows).toList());
        row.setTask("old-new");
        assertEquals(List.of("confidenceLevels", "boxes"), all.stream().filter(row::shows).toList());
        row.setTask("old-similar-new");
        assertEquals(List.of("confidenceLevels", "boxes"), all.stream().filter(row::shows).toList());
        row.setTask("2afc");
        assertEquals(List.of("confidenceLevels"), all.stream().filter(row::shows).toList());
        row.setTask("break");
        assertEquals(List.of("minDurationS"), all.stream().filter(row::shows).toList());
        row.setTask("distractor");
        assertEquals(List.of("minDurationS"), all.stream().filter(row::shows).toList());
        row.setTask("no such task");
        assertEquals(List.of(), all.stream().filter(row::shows).toList());
    }

    @Test
    void anOptionTheRowDoesNotShowIsNotStoredWhateverItHolds() {
        PhaseForm.Row study = row("study");
        PhaseForm.Row test = row("old-new");
        test.setDisplayMs(999);
        test.setQuestion("Hidden?");
        test.setAnswers("a, b");
        test.setMinDurationS(5);
        test.setBoxes(true);
        test.setConfidenceLevels(4);
        Phase p = PhasesJson.read(PhaseForm.toJson(List.of(study, test))).phase(2);
        assertNull(p.displayMs());
        assertNull(p.encodingQuestion());
        assertNull(p.minDurationS());
        assertTrue(p.boxes());
        assertEquals(4, p.confidenceLevels());
    }

    @Test
    void aPlanThatBreaksARuleIsRefusedNamingThePhaseAndField() {
        PhaseForm.Row test = row("old-new");
        test.setConfidenceLevels(12);
        PhasePlanException refused = assertThrows(PhasePlanException.class, () -> PhaseForm.toJson(List.of(row("study"), test)));
        assertTrue(refused.problems().stream().anyMatch(p -> p.contains("phase 2") && p.contains("confidenceLevels")), refused.problems().toString());
        PhaseForm.Row late = row("old-new");
        late.setNewSession(true);
        assertThrows(PhasePlanException.class, () -> PhaseForm.toJson(List.of(row("study"), late)), "a new session needs its window");
    }
    @Test
    void theGameSummaryNamesWhatTheGameTakesFromTheSequenceDesign() {
        engram.core.design.DesignParameters small = engram.core.design.DesignParameters.withDefaults().withSequences(2).withLength(20)
                .withRepeats(4).withMinLag(2).withMaxLag(10);
        assertEquals("20 positions, 4 repeated targets at a lag of 2 to 10, no vigilance repeats, fillers from foil, images 700 ms with 300 ms gaps",
                PhaseForm.gameSummary(small, 700, 300));
        engram.core.design.DesignParameters model = engram.core.design.DesignParameters.withDefaults().withVigilanceRepeats(1)
                .withFillerConditions(List.of());
        assertEquals("150 positions, 40 repeated targets at a lag of 30 to 149, 1 vigilance repeat at a lag of 1 to 7, no filler conditions,"
                + " images 1000 ms with 800 ms gaps", PhaseForm.gameSummary(model, 1000, 800));
    }
}
