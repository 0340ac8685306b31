package engram.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import engram.core.design.RecognitionDesignBuilder;
import engram.core.design.RecognitionStimulus;
import engram.core.design.RecognitionValidator;
import engram.core.format.Kind;
import engram.core.format.ManifestReader;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

/** demo-recognition's plan and lists, built from the checked-in demo set as the start-up does. */
class DemoRecognitionDesignTest {

    @Test
    void aStudyPhaseThenTwoMinutesLaterA2afcTestOnTheDemoSet() throws Exception {
        PhasePlan plan = DemoExperiment.recognitionPlan(2000);
        assertEquals(List.of(Task.STUDY, Task.TWO_AFC), plan.phases().stream().map(p -> p.task()).toList());
        assertEquals(2, plan.sessions());
        assertEquals(120, plan.phase(2).delayMinS(), "session 2 opens 2 minutes after session 1 ends");
        assertEquals(2 * 86_400, plan.phase(2).delayMaxS());

        List<RecognitionStimulus> stimuli = RecognitionStimulus.fromManifest(ManifestReader.read(Path.of("..", "stimuli", "demo", "manifest.csv")))
                .stream().map(s -> new RecognitionStimulus(s.imageId(), s.pairId(), s.condition(), s.lureType())).toList();
        List<PhaseList> lists = RecognitionDesignBuilder.of(DemoExperiment.recognitionDesign()).build(plan, stimuli);
        assertEquals(2, lists.size());
        RecognitionValidator validator = new RecognitionValidator(plan, DemoExperiment.recognitionDesign(), stimuli);
        assertEquals(List.of(), validator.validateAll(lists));
        Set<String> studiedInEither = new HashSet<>();
        for (PhaseList list : lists) {
            assertEquals(List.of(), validator.validate(list));
            assertEquals(8, list.trialsOf(1).size(), "8 images to study");
            List<PhaseTrial> test = list.trialsOf(2);
            assertEquals(8, test.size(), "8 forced choices");
            assertEquals(6, test.stream().filter(t -> t.kind() == Kind.LURE).count(), "6 against the pair's other member");
            assertEquals(2, test.stream().filter(t -> t.kind() == Kind.FOIL).count(), "2 against a new image");
            test.forEach(t -> assertTrue(t.isTwoAlternative()));
            list.trialsOf(1).forEach(t -> studiedInEither.add(t.imageId()));
            test.stream().filter(t -> t.kind() == Kind.LURE)
                    .forEach(t -> assertEquals("same_scene", t.lureType(), "the demo pairs' lure_type: " + t));
            test.stream().filter(t -> t.kind() == Kind.FOIL)
                    .forEach(t -> assertNull(t.lureType(), "no lure beside a new image: " + t));
        }
        assertEquals(16, studiedInEither.size(), "the two lists study opposite members of the same 8 pairs");
    }
}
