package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import engram.experiment.entity.Experiment;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    private static ExperimentSettings settings(String title, String completed, String noConsent, String failed, int resumeWindow, double minVigilance,
                                               int minBoxes, int maxBoxes) {
        return new ExperimentSettings(title, "c", "i", "d", completed, noConsent, failed, Experiment.ResumePolicy.RESUME, resumeWindow, 60,
                minVigilance, 0.4, minBoxes, maxBoxes, 0, false);
    }

    private static Map<String, String> fields(FieldErrors.Check check) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        check.errors().forEach(e -> out.put(e.field(), e.getMessage()));
        return out;
    }

    @Test
    void goodSettingsPass() {
        assertEquals(Map.of(), fields(ExperimentEditor.checkSettings(settings("T", "A", "B", "C", 30, 0.6, 1, 5), "D", "E")));
    }

    @Test
    void everyProblemIsReportedAtOnceUnderItsOwnField() {
        FieldErrors.Check check = ExperimentEditor.checkSettings(settings(" ", "A", "A", "bad code!", 0, 1.5, 3, 2), "D", "E");
        Map<String, String> f = fields(check);
        assertEquals(List.of("title", "codeNoConsent", "codeFailedCheck", "resumeWindow", "minVigilance", "maxBoxes"), List.copyOf(f.keySet()));
        assertEquals("Same as the “Completed” code: each outcome needs its own code, or Prolific cannot tell them apart.", f.get("codeNoConsent"));
        assertEquals("A completion code is 1–64 letters, digits, '-' or '_' (as set up in the Prolific study).", f.get("codeFailedCheck"));
        assertEquals("The resume window must be between 1 and 10080.", f.get("resumeWindow"));
        assertEquals("Boxes per repeat: at most must be at least the minimum (3).", f.get("maxBoxes"));
        FieldErrors all = assertThrows(FieldErrors.class, check::throwIfAny);
        assertEquals(6, all.errors().size());
        assertEquals(400, all.status());
        assertEquals(6, all.details().fields().size());
        assertEquals(f.get("maxBoxes"), all.details().fields().get("maxBoxes"));
    }

    @Test
    void aCodeEqualToADisplayCodeIsReportedBesideTheCodeThatRepeatsIt() {
        Map<String, String> f = fields(ExperimentEditor.checkSettings(settings("T", "A", "D", "C", 30, 0.6, 1, 5), "D", "E"));
        assertEquals(Map.of("codeNoConsent", "Same as the “device not suitable” code under What participants see; every code must differ."), f);
        FieldError one = assertThrows(FieldError.class, () -> ExperimentEditor.checkSettings(settings("T", "A", "D", "C", 30, 0.6, 1, 5), "D", "E").throwIfAny());
        assertEquals("codeNoConsent", one.field());
    }
}
