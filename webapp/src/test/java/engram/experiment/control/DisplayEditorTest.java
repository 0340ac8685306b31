package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.DisplaySettings.DistanceSource;
import engram.experiment.entity.DisplaySettings.PracticeFailAction;
import engram.experiment.entity.DisplaySettings.SizeMode;
import engram.platform.FieldError;

class DisplayEditorTest {

    static DisplaySettings valid() {
        return new DisplaySettings(SizeMode.DEGREES, 8, 57, DistanceSource.SET, 1.5, 30, 50, 1024, 600, false, true, "NODEV1", 0.67, 2,
                PracticeFailAction.END, "PFAIL1");
    }

    @Test
    void validSettingsPassAndNaturalStoresNoSize() {
        assertEquals(valid(), DisplayEditor.check(valid()));
        DisplaySettings natural = new DisplaySettings(SizeMode.NATURAL, 123, 57, DistanceSource.SET, 1, 30, 0, 0, 0, true, false, "A", 0, 0,
                PracticeFailAction.CONTINUE, "B");
        assertEquals(0.0, DisplayEditor.check(natural).stimulusSize());
    }

    /** Every out-of-range value is refused beside its own field. */
    @ParameterizedTest
    @CsvSource({
        "PIXELS, 15, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "PIXELS, 4001, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "SCREEN_FRACTION, 1.01, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "SCREEN_FRACTION, 0.04, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "DEGREES, 0.4, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "DEGREES, 61, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "DEGREES, NaN, 57, 1, 30, 0, 0, 0, 0, 2, stimulusSize",
        "DEGREES, 8, 19, 1, 30, 0, 0, 0, 0, 2, viewingDistance",
        "DEGREES, 8, 201, 1, 30, 0, 0, 0, 0, 2, viewingDistance",
        "NATURAL, 0, 57, 0.9, 30, 0, 0, 0, 0, 2, annotationScale",
        "NATURAL, 0, 57, 4.1, 30, 0, 0, 0, 0, 2, annotationScale",
        "NATURAL, 0, 57, 1, -1, 0, 0, 0, 0, 2, warmupFrames",
        "NATURAL, 0, 57, 1, 601, 0, 0, 0, 0, 2, warmupFrames",
        "NATURAL, 0, 57, 1, 30, -1, 0, 0, 0, 2, minRefreshHz",
        "NATURAL, 0, 57, 1, 30, 241, 0, 0, 0, 2, minRefreshHz",
        "NATURAL, 0, 57, 1, 30, 0, -1, 0, 0, 2, minWindowWidth",
        "NATURAL, 0, 57, 1, 30, 0, 0, 10001, 0, 2, minWindowHeight",
        "NATURAL, 0, 57, 1, 30, 0, 0, 0, 1.01, 2, practicePassMark",
        "NATURAL, 0, 57, 1, 30, 0, 0, 0, -0.1, 2, practicePassMark",
        "NATURAL, 0, 57, 1, 30, 0, 0, 0, 0.5, 11, practiceRepeats",
        "NATURAL, 0, 57, 1, 30, 0, 0, 0, 0.5, -1, practiceRepeats"})
    void outOfRangeValuesAreRefusedBesideTheirField(SizeMode mode, double size, double distance, double scale, int warmup, double hz,
                                                    int width, int height, double passMark, int repeats, String field) {
        DisplaySettings bad = new DisplaySettings(mode, size, distance, DistanceSource.SET, scale, warmup, hz, width, height, true, false, "A", passMark,
                repeats, PracticeFailAction.CONTINUE, "B");
        FieldError e = assertThrows(FieldError.class, () -> DisplayEditor.check(bad));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void codesMustBeCodesAndModesMustBeChosen() {
        DisplaySettings v = valid();
        assertEquals("codeNoDevice", assertThrows(FieldError.class, () -> DisplayEditor.check(new DisplaySettings(v.sizeMode(), 8, 57, DistanceSource.SET, 1, 30,
                0, 0, 0, true, false, "no code!", 0, 2, PracticeFailAction.END, "B"))).field());
        assertEquals("codePracticeFailed", assertThrows(FieldError.class, () -> DisplayEditor.check(new DisplaySettings(v.sizeMode(), 8, 57, DistanceSource.SET, 1,
                30, 0, 0, 0, true, false, "A", 0, 2, PracticeFailAction.END, ""))).field());
        assertEquals("sizeMode", assertThrows(FieldError.class, () -> DisplayEditor.check(new DisplaySettings(null, 8, 57, DistanceSource.SET, 1, 30,
                0, 0, 0, true, false, "A", 0, 2, PracticeFailAction.END, "B"))).field());
        assertEquals("distanceSource", assertThrows(FieldError.class, () -> DisplayEditor.check(new DisplaySettings(SizeMode.DEGREES, 8, 57,
                null, 1, 30, 0, 0, 0, true, false, "A", 0, 2, PracticeFailAction.END, "B"))).field());
        assertEquals("practiceFailAction", assertThrows(FieldError.class, () -> DisplayEditor.check(new DisplaySettings(SizeMode.NATURAL, 0, 57,
                DistanceSource.SET, 1, 30, 0, 0, 0, true, false, "A", 0, 2, null, "B"))).field());
    }
}
