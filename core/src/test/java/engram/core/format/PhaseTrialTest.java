package engram.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import engram.core.phase.Side;
import org.junit.jupiter.api.Test;

class PhaseTrialTest {

    private static String refused(Runnable make) {
        return assertThrows(IllegalArgumentException.class, make::run).getMessage();
    }

    @Test
    void aTwoAlternativeTrialCarriesItsAlternativeAndSide() {
        PhaseTrial trial = new PhaseTrial(12, 3, "p001_high", Kind.LURE, 2, 10, "p001_low", Side.LEFT, "perceptual",
                "high");
        assertTrue(trial.isTwoAlternative());
        assertEquals(2, trial.firstIndex());
        assertEquals(new PhaseTrial(12, 3, "p001_high", Kind.LURE, 2, 10, "p001_low", Side.LEFT, null, null),
                trial.withoutManifestFields());
        PhaseTrial study = new PhaseTrial(0, 1, "p001_high", Kind.STUDY, 1, null, "", null, "", "");
        assertFalse(study.isTwoAlternative());
        assertNull(study.alternativeImageId());
        assertNull(study.lureType());
        assertNull(study.condition());
    }

    @Test
    void impossibleTrialsAreRefused() {
        assertEquals("trialIndex must be >= 0, was -1",
                refused(() -> new PhaseTrial(-1, 1, "a", Kind.STUDY, 1, null, null, null, null, null)));
        assertEquals("phase must be >= 1, was 0",
                refused(() -> new PhaseTrial(0, 0, "a", Kind.STUDY, 1, null, null, null, null, null)));
        assertEquals("imageId must not be empty",
                refused(() -> new PhaseTrial(0, 1, "", Kind.STUDY, 1, null, null, null, null, null)));
        assertEquals("kind must not be null",
                refused(() -> new PhaseTrial(0, 1, "a", null, 1, null, null, null, null, null)));
        assertEquals("presentation must be 1 or 2, was 3",
                refused(() -> new PhaseTrial(5, 1, "a", Kind.TARGET, 3, 2, null, null, null, null)));
        assertEquals("lag is given on presentation 2 and only there",
                refused(() -> new PhaseTrial(5, 1, "a", Kind.TARGET, 2, null, null, null, null, null)));
        assertEquals("lag is given on presentation 2 and only there",
                refused(() -> new PhaseTrial(5, 1, "a", Kind.FOIL, 1, 2, null, null, null, null)));
        assertEquals("lag 6 is impossible at trial index 5",
                refused(() -> new PhaseTrial(5, 1, "a", Kind.TARGET, 2, 6, null, null, null, null)));
        assertEquals("alternativeImageId and targetSide are given together (2AFC) or not",
                refused(() -> new PhaseTrial(5, 2, "a", Kind.FOIL, 2, 5, "b", null, null, null)));
        assertEquals("alternativeImageId and targetSide are given together (2AFC) or not",
                refused(() -> new PhaseTrial(5, 2, "a", Kind.FOIL, 2, 5, null, Side.RIGHT, null, null)));
        assertEquals("'a' cannot be its own alternative",
                refused(() -> new PhaseTrial(5, 2, "a", Kind.FOIL, 2, 5, "a", Side.RIGHT, null, null)));
    }

    @Test
    void aListIsNumberedFromOneAndCountsByPhaseAndKind() {
        PhaseList list = new PhaseList(1, List.of(
                new PhaseTrial(0, 1, "a", Kind.STUDY, 1, null, null, null, null, null),
                new PhaseTrial(1, 2, "a", Kind.TARGET, 2, 1, null, null, null, null),
                new PhaseTrial(2, 2, "f", Kind.FOIL, 1, null, null, null, null, null)));
        assertEquals(3, list.length());
        assertEquals(2, list.trialsOf(2).size());
        assertEquals(1, list.count(2, Kind.FOIL));
        assertEquals("listId must be >= 1, was 0", refused(() -> new PhaseList(0, List.of())));
    }

    @Test
    void kindsKeepTheirCsvNamesAndGainTheTestKinds() {
        assertEquals(List.of("target", "filler", "vigilance", "study", "lure", "foil"),
                Arrays.stream(Kind.values()).map(Kind::csvName).toList());
        for (Kind kind : Kind.values()) {
            assertEquals(kind, Kind.fromCsv(kind.csvName()));
        }
        assertEquals(List.of(Kind.TARGET, Kind.FILLER, Kind.VIGILANCE),
                Arrays.stream(Kind.values()).filter(Kind::isContinuous).toList());
        assertEquals("'new' is not a kind (expected target, filler, vigilance, study, lure or foil)",
                refused(() -> Kind.fromCsv("new")));
    }
}
