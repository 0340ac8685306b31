package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.EncodingQuestion;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

class PhaseTemplateTextsTest {

    @Test
    void durationsUseTheLargestWholeUnit() {
        assertEquals(List.of("45 seconds", "1 minute", "2 minutes", "90 minutes", "1 hour", "3 hours", "1 day", "2 days", "36 hours"),
                List.of(45, 60, 120, 5400, 3600, 3 * 3600, 86_400, 2 * 86_400, 36 * 3600).stream().map(PhaseTemplateTexts::duration).toList());
    }

    @Test
    void aOneSessionPlanListsItsPhasesWithTheirKeysAndKeepsOnlyTheLabsMarkers() {
        PhasePlan plan = new PhasePlan(List.of(
                new Phase(1, Task.STUDY, 1, null, null, 1500, new EncodingQuestion("Indoor or outdoor?", List.of("indoor", "outdoor")), null, false, null),
                new Phase(2, Task.DISTRACTOR, 1, null, null, null, null, null, false, 120),
                new Phase(3, Task.OLD_SIMILAR_NEW, 1, null, null, null, null, null, true, null)));
        List<PhaseTrial> trials = List.of(
                new PhaseTrial(0, 1, "a", Kind.STUDY, 1, null, null, null, null, null),
                new PhaseTrial(1, 1, "b", Kind.STUDY, 1, null, null, null, null, null),
                new PhaseTrial(2, 3, "a", Kind.TARGET, 1, null, null, null, null, null));
        PhaseTemplateTexts.Texts t = PhaseTemplateTexts.of(plan, List.of(new PhaseList(1, trials)));
        assertTrue(t.instructions().contains("1. You will see 2 pictures one at a time; look at each one carefully and answer"
                + " \"Indoor or outdoor?\" (indoor / outdoor, keys 1 to 2 or the buttons)"), t.instructions());
        assertTrue(t.instructions().contains("2. Quick sums for at least 2 minutes"), t.instructions());
        assertTrue(t.instructions().contains("3. A short test of 1 picture: for each picture say whether it is one you saw before (**Old**, key F),"
                + " similar to one you saw but not the same (**Similar**, key G), or new (**New**, key J); after an **Old** answer, draw boxes"),
                t.instructions());
        assertEquals(List.of(), TemplateTexts.markers(t.instructions()), "the instructions need nothing from the lab");
        assertTrue(t.consent().contains("The study takes about [FILL IN: minutes] minutes") && t.consent().contains("the boxes you draw"),
                t.consent());
        assertTrue(!t.consent().contains("Part 1") && !t.consent().contains("completion code for each part"), t.consent());
        assertTrue(Markdown.toHtml(t.instructions()).contains("<ol>"));
    }

    @Test
    void theGameThenATestOfItsImagesDescribesBothPartsAndBoxesOnlyWhereThePhaseHasThem() {
        for (boolean boxes : List.of(true, false)) {
            PhasePlan plan = new PhasePlan(List.of(new Phase(1, Task.CONTINUOUS, 1, null, null, null, null, null, boxes, null),
                    new Phase(2, Task.OLD_NEW, 2, 86_400, 172_800, null, null, null, false, null)));
            List<PhaseTrial> trials = List.of(
                    new PhaseTrial(0, 1, "a", Kind.TARGET, 1, null, null, null, null, null),
                    new PhaseTrial(1, 1, "b", Kind.FILLER, 1, null, null, null, null, null),
                    new PhaseTrial(2, 1, "a", Kind.TARGET, 2, 2, null, null, null, null),
                    new PhaseTrial(3, 2, "a", Kind.TARGET, 2, 1, null, null, null, null),
                    new PhaseTrial(4, 2, "c", Kind.FOIL, 1, null, null, null, null, null));
            PhaseTemplateTexts.Texts t = PhaseTemplateTexts.of(plan, List.of(new PhaseList(1, trials)));
            assertTrue(t.instructions().contains("**Part 1** (now): a stream of 3 pictures, one at a time: press **SPACE** (or the"
                    + " **Repeat!** button) when a picture is one you have already seen" + (boxes ? ", then draw boxes" : ". At the end")),
                    t.instructions());
            assertTrue(t.instructions().contains("**Part 2** (opens 1 day and closes 2 days after you finish part 1; come back through the"
                    + " same Prolific link): a short test of 2 pictures"), t.instructions());
            assertTrue(t.instructions().contains("A short practice with feedback comes before the picture stream."), t.instructions());
        }
    }
}
