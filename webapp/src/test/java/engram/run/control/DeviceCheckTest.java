package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.DisplaySettings.DistanceSource;
import engram.experiment.entity.DisplaySettings.PracticeFailAction;
import engram.experiment.entity.DisplaySettings.SizeMode;
import engram.platform.ClientError;
import engram.run.entity.DeviceReport;

class DeviceCheckTest {

    static final String CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    static DisplaySettings rules(double minHz, int minW, int minH, boolean phones, boolean fullscreen) {
        return new DisplaySettings(SizeMode.NATURAL, 0, 57, DistanceSource.SET, 1, 30, minHz, minW, minH, phones, fullscreen, "NODEV1", 0, 2,
                PracticeFailAction.CONTINUE, "PFAIL1");
    }

    static DeviceReport desktop(double hz, int windowWidth, int windowHeight) {
        return new DeviceReport(CHROME_LINUX, 1920, 1080, windowWidth, windowHeight, 1, false, false, hz, 60, true);
    }

    /** Reference values from NumPy: card / 85.6 * 2 * d_mm * tan(0.5 deg). */
    @ParameterizedTest
    @CsvSource({"340, 50, 34.66279262684566", "323.5, 57, 37.597915567218855", "500, 60, 61.1696340473747"})
    void pxPerDegreeFollowsTheVirtualChinrest(double card, double distanceCm, double expected) {
        assertEquals(expected, DeviceCheck.pxPerDegree(card, distanceCm), 1e-9);
    }

    /** Reference values from NumPy: np.median(offsets) / (card / 85.6) / np.tan(np.deg2rad(13.5)) / 10. */
    @ParameterizedTest
    @CsvSource({"340, 500;510;520;530;900, 54.53112451948961", "323.5, 400;420;410, 45.188674105438416",
        "340, 480.5;470.25;495.75;488.0;476.0, 50.388856406951454"})
    void theBlindSpotGivesTheViewingDistance(double card, String offsets, double expectedCm) {
        List<Double> presses = java.util.Arrays.stream(offsets.split(";")).map(Double::valueOf).toList();
        assertEquals(expectedCm, DeviceCheck.distanceFromBlindSpot(card, presses), 1e-9);
        assertEquals(expectedCm, DeviceCheck.validateBlindSpot(card, presses), 1e-9);
    }

    @Test
    void blindSpotPressesOutsideWhatAnEyeGivesAreRefusedNamingTheField() {
        List<List<Double>> bad = List.of(List.of(500.0, 510.0), java.util.Collections.nCopies(11, 500.0), List.of(500.0, 0.0, 510.0),
                List.of(500.0, 510.0, 20_001.0), List.of(500.0, Double.NaN, 510.0),
                List.of(100.0, 110.0, 105.0), // 10 cm from the screen
                List.of(3000.0, 3100.0, 3050.0)); // 3 m
        for (List<Double> presses : bad) {
            engram.platform.ClientError e = org.junit.jupiter.api.Assertions.assertThrows(engram.platform.ClientError.class,
                    () -> DeviceCheck.validateBlindSpot(340, presses), presses::toString);
            assertEquals("bad_calibration", e.code());
            assertEquals("blindSpotPx", e.details().field(), presses.toString());
        }
        org.junit.jupiter.api.Assertions.assertThrows(engram.platform.ClientError.class, () -> DeviceCheck.validateBlindSpot(340, null));
    }

    @Test
    void eachRuleRefusesWithItsName() {
        assertEquals("refresh_rate", DeviceCheck.refusal(rules(100, 0, 0, true, false), desktop(60, 1280, 800)).orElseThrow().rule());
        assertTrue(DeviceCheck.refusal(rules(59, 0, 0, true, false), desktop(60, 1280, 800)).isEmpty());
        var window = DeviceCheck.refusal(rules(0, 1024, 700, true, false), desktop(60, 800, 500)).orElseThrow();
        assertEquals("window_size", window.rule());
        assertTrue(window.message().contains("1024 × 700") && window.message().contains("800 × 500"), window.message());
        assertTrue(DeviceCheck.refusal(rules(0, 0, 700, true, false), desktop(60, 800, 699)).isPresent(), "height alone");
        var phone = new DeviceReport(IPHONE, 390, 844, 844, 390, 3, true, true, 60, 60, false);
        assertEquals("phone", DeviceCheck.refusal(rules(0, 0, 0, false, false), phone).orElseThrow().rule());
        assertTrue(DeviceCheck.refusal(rules(0, 0, 0, true, false), phone).isEmpty());
        assertEquals("fullscreen", DeviceCheck.refusal(rules(0, 0, 0, true, true), phone).orElseThrow().rule());
        var touchLaptop = new DeviceReport(CHROME_LINUX, 1366, 768, 1366, 700, 1, true, false, 60, 60, true);
        assertTrue(DeviceCheck.refusal(rules(0, 0, 0, false, true), touchLaptop).isEmpty(), "touch alone does not make a phone");
        var smallTouch = new DeviceReport(CHROME_LINUX, 360, 740, 360, 640, 3, true, true, 60, 60, true);
        assertTrue(DeviceCheck.isPhone(smallTouch), "a coarse pointer on a 360-px screen is a phone");
    }

    @Test
    void aStimulusLargerThanTheWindowDoesNotFit() {
        assertEquals("stimulus_size", DeviceCheck.fits(501.0, 1280, 500).orElseThrow().rule());
        assertTrue(DeviceCheck.fits(500.0, 1280, 500).isEmpty());
        assertTrue(DeviceCheck.fits(null, 10, 10).isEmpty(), "natural size always fits (the page shrinks it)");
    }

    @Test
    void sizesBeforeCalibration() {
        var d = desktop(60, 1280, 800);
        assertEquals(300.0, DeviceCheck.sizeBeforeCalibration(withSize(SizeMode.PIXELS, 300), d));
        assertEquals(540.0, DeviceCheck.sizeBeforeCalibration(withSize(SizeMode.SCREEN_FRACTION, 0.5), d), 1e-9, "half of 1080");
        assertEquals(null, DeviceCheck.sizeBeforeCalibration(withSize(SizeMode.DEGREES, 8), d));
        assertEquals(null, DeviceCheck.sizeBeforeCalibration(withSize(SizeMode.NATURAL, 0), d));
    }

    static DisplaySettings withSize(SizeMode mode, double size) {
        return new DisplaySettings(mode, size, 57, DistanceSource.SET, 1, 30, 0, 0, 0, true, false, "NODEV1", 0, 2, PracticeFailAction.CONTINUE, "PFAIL1");
    }

    @Test
    void badReportsAndCalibrationsAreRefusedNamingTheField() {
        assertField("refreshHz", () -> DeviceCheck.validate(desktop(0, 1280, 800)));
        assertField("windowWidth", () -> DeviceCheck.validate(desktop(60, 0, 800)));
        assertField("frames", () -> DeviceCheck.validate(new DeviceReport(CHROME_LINUX, 1920, 1080, 1280, 800, 1, false, false, 60, 5, true)));
        assertField("devicePixelRatio", () -> DeviceCheck.validate(new DeviceReport(CHROME_LINUX, 1920, 1080, 1280, 800, 0, false, false, 60, 60, true)));
        assertField("userAgent", () -> DeviceCheck.validate(new DeviceReport(" ", 1920, 1080, 1280, 800, 1, false, false, 60, 60, true)));
        assertField("cardWidthPx", () -> DeviceCheck.validateCalibration(79.9, 57));
        assertField("cardWidthPx", () -> DeviceCheck.validateCalibration(Double.NaN, 57));
        assertField("cardWidthPx", () -> DeviceCheck.validateCalibration(2001, 57));
        assertField("viewingDistanceCm", () -> DeviceCheck.validateCalibration(340, 19));
        assertField("viewingDistanceCm", () -> DeviceCheck.validateCalibration(340, 201));
        DeviceCheck.validate(desktop(60, 1280, 800));
        DeviceCheck.validateCalibration(80, 20);
        DeviceCheck.validateCalibration(2000, 200);
    }

    static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        ClientError e = assertThrows(ClientError.class, call);
        assertEquals(400, e.status());
        assertEquals(field, e.details().field(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36|Chrome 126|Linux",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87|Edge 126|Windows",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0|Firefox 128|macOS",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15|Safari 17|macOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1|Safari 17|iOS",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36|Samsung Internet 25|Android",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36|Headless Chrome 156|Linux",
        "curl/8.5.0|other|other"})
    void browserAndOsAreNamed(String ua, String browser, String os) {
        assertEquals(browser, DeviceCheck.browser(ua));
        assertEquals(os, DeviceCheck.os(ua));
    }

    @Test
    void phonesAreRecognisedByTheirUserAgent() {
        assertTrue(DeviceCheck.isPhone(new DeviceReport(IPHONE, 390, 844, 390, 664, 3, true, true, 60, 60, false)));
        assertFalse(DeviceCheck.isPhone(desktop(60, 1280, 800)));
    }
}
