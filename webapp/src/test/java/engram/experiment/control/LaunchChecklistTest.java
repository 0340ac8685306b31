package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LaunchChecklistTest {

    private static Map<String, String> texts(String consent) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("Consent", consent);
        texts.put("Instructions", "Press SPACE.");
        texts.put("Debrief", "Thank you.");
        return texts;
    }

    private static Map<String, String> codes(String... values) {
        Map<String, String> codes = new LinkedHashMap<>();
        String[] labels = {"Completed", "No consent", "Failed attention check", "device not suitable", "practice failed"};
        for (int i = 0; i < values.length; i++) {
            codes.put(labels[i], values[i]);
        }
        return codes;
    }

    private static LaunchChecklist.Facts ready() {
        return new LaunchChecklist.Facts(texts("I agree."), 2, List.of(), codes("A1", "B2", "C3", "D4", "E5"), 1, 0, true);
    }

    private static LaunchChecklist.Item item(List<LaunchChecklist.Item> items, String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aStudyWithEverythingInPlaceIsReady() {
        List<LaunchChecklist.Item> items = LaunchChecklist.evaluate(ready());
        assertEquals(List.of("texts", "sequences", "codes", "prolificUrl", "pilot"), items.stream().map(LaunchChecklist.Item::key).toList());
        assertTrue(LaunchChecklist.ready(items), items.toString());
        assertEquals(List.of(), LaunchChecklist.problems(items));
    }

    @Test
    void anEmptyConsentOrALeftOverMarkerBlocks() {
        LaunchChecklist.Facts f = ready();
        List<LaunchChecklist.Item> empty = LaunchChecklist.evaluate(new LaunchChecklist.Facts(texts("  "), 2, List.of(), f.codes(), 1, 0, true));
        assertFalse(LaunchChecklist.ready(empty));
        assertEquals("Consent is empty. Edit them under Texts and save.", item(empty, "texts").detail());
        List<LaunchChecklist.Item> marker = LaunchChecklist.evaluate(new LaunchChecklist.Facts(texts(TemplateTexts.CONSENT), 2, List.of(), f.codes(), 1, 0, true));
        assertFalse(item(marker, "texts").passed());
        assertTrue(item(marker, "texts").detail().startsWith("Consent still has " + TemplateTexts.markers(TemplateTexts.CONSENT).size() + " [FILL IN: …] parts"),
                item(marker, "texts").detail());
    }

    @Test
    void sequencesMustExistAndHoldEveryRule() {
        LaunchChecklist.Facts f = ready();
        assertEquals("no sequences yet. Generate them on the Design tab.",
                item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 0, List.of(), f.codes(), 1, 0, true)), "sequences").detail());
        LaunchChecklist.Item broken = item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of("lag @4: too short", "fillers: 3"),
                f.codes(), 1, 0, true)), "sequences");
        assertFalse(broken.passed());
        assertTrue(broken.detail().startsWith("2 broken rules (first: lag @4: too short)"), broken.detail());
    }

    @Test
    void codesMustBeSetAndDistinct() {
        LaunchChecklist.Facts f = ready();
        LaunchChecklist.Item same = item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of(), codes("A1", "B2", "A1", "", "E5"), 1, 0, true)), "codes");
        assertFalse(same.passed());
        assertEquals("the “Failed attention check” code is the same as the “Completed” code; the “device not suitable” code is empty."
                + " Set them as in the Prolific study.", same.detail());
    }

    @Test
    void theCompletionUrlMustCarryTheCodeUnchanged() {
        assertEquals("https://app.prolific.com/submissions/complete?cc=C0DE-1_x", LaunchChecklist.completionUrl("C0DE-1_x"));
        assertTrue(LaunchChecklist.wellFormed(LaunchChecklist.completionUrl("C0DE-1_x"), "C0DE-1_x"));
        assertFalse(LaunchChecklist.wellFormed(LaunchChecklist.completionUrl("AB CD"), "AB CD"), "a space becomes '+'");
        assertFalse(LaunchChecklist.wellFormed(LaunchChecklist.completionUrl("A&cc=B"), "A&cc=B"));
        LaunchChecklist.Facts f = ready();
        LaunchChecklist.Item url = item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of(), codes("A1", "B 2", "C3", "D4", "E5"), 1, 0, true)),
                "prolificUrl");
        assertFalse(url.passed());
        assertTrue(url.detail().startsWith("the “No consent” code gives https://app.prolific.com/submissions/complete?cc=B+2"), url.detail());
    }

    @Test
    void aCompletedPilotRunIsNeededBeforeTheFirstLaunchOnly() {
        LaunchChecklist.Facts f = ready();
        LaunchChecklist.Item open = item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of(), f.codes(), 0, 2, true)), "pilot");
        assertFalse(open.passed());
        assertEquals("2 pilot runs started, none finished. Use Try as participant and play the study to its end.", open.detail());
        assertEquals("no pilot run yet. Use Try as participant and play the study to its end.",
                item(LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of(), f.codes(), 0, 0, true)), "pilot").detail());
        List<LaunchChecklist.Item> resuming = LaunchChecklist.evaluate(new LaunchChecklist.Facts(f.texts(), 2, List.of(), f.codes(), 0, 0, false));
        assertTrue(LaunchChecklist.ready(resuming), "resuming after a pause needs no new pilot");
    }

    @Test
    void theTemplatesRenderAndMarkWhatTheLabMustWrite() {
        assertTrue(TemplateTexts.markers(TemplateTexts.CONSENT).size() >= 5);
        assertTrue(TemplateTexts.markers(TemplateTexts.DEBRIEF).size() >= 1);
        assertEquals(List.of(), TemplateTexts.markers(TemplateTexts.INSTRUCTIONS), "the instructions describe engram's own game");
        assertTrue(Markdown.toHtml(TemplateTexts.CONSENT).contains("<h2>Information and consent</h2>"));
        assertTrue(Markdown.toHtml(TemplateTexts.INSTRUCTIONS).contains("<ol>"));
    }
}
