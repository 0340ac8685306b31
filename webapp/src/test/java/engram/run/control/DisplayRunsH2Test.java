package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.H2DatabaseExtension;
import engram.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.DisplaySettings.DistanceSource;
import engram.experiment.entity.DisplaySettings.PracticeFailAction;
import engram.experiment.entity.DisplaySettings.SizeMode;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.run.entity.DeviceReport;
import engram.run.entity.Run;
import engram.run.entity.RunState;

/** The browser check, the card calibration and the practice pass mark on a real (in-memory) H2 database. */
class DisplayRunsH2Test {

    private static Database database;
    private MutableClock clock;
    private RunService runs;
    private String slug;

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("display");

    @BeforeAll
    static void startDatabase() {
        database = H2.database(12);
    }

    @BeforeEach
    void newStudy() {
        clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        runs = new RunService(database, clock);
        slug = "d" + UUID.randomUUID().toString().substring(0, 8);
    }

    void study(DisplaySettings display) {
        StudyFixture.create(database, slug, clock.instant(), e -> {
            e.setPracticeImageIds(List.of("foil1", "foil2", "foil1"));
            e.setDisplay(display);
        });
    }

    static DisplaySettings display(SizeMode mode, double size, int minWidth, double passMark, int repeats, PracticeFailAction action) {
        return new DisplaySettings(mode, size, 50, DistanceSource.SET, 1, 30, 0, minWidth, 0, true, false, "NODEVICE", passMark, repeats, action, "PRACTFAIL");
    }

    static DeviceReport desktop(int windowWidth, int windowHeight) {
        return new DeviceReport(DeviceCheckTest.CHROME_LINUX, 1920, 1080, windowWidth, windowHeight, 1, false, false, 60, 61, true);
    }

    Run start(String pid) {
        Run run = runs.open(slug, pid, "STUDY", "SESSION").run();
        runs.consent(run.publicId(), run.token(), true);
        return run;
    }

    Run reload(Run run) {
        return database.read(em -> em.createQuery("select r from Run r where r.publicId = :id", Run.class)
                .setParameter("id", run.publicId()).getSingleResult());
    }

    @Test
    void aDeviceThatFailsARuleEndsWithTheNoDeviceCodeAndTheRuleIsStored() {
        study(display(SizeMode.NATURAL, 0, 1024, 0, 2, PracticeFailAction.CONTINUE));
        Run run = start("DEV1");
        RunService.DeviceOutcome refused = runs.checkDevice(run.publicId(), run.token(), desktop(800, 600));
        assertTrue(refused.refusal().contains("1024"), refused.refusal());
        Run stored = reload(run);
        assertEquals(RunState.NO_DEVICE, stored.state());
        assertEquals("NODEVICE", stored.completionCode());
        assertEquals("window_size", stored.deviceRule());
        assertEquals("800x600", stored.windowSize());
        assertEquals(stored.deviceRule(), runs.checkDevice(run.publicId(), run.token(), desktop(800, 600)).run().deviceRule(), "a resent check answers the same");

        Run ok = start("DEV2");
        RunService.DeviceOutcome accepted = runs.checkDevice(ok.publicId(), ok.token(), desktop(1280, 800));
        assertNull(accepted.refusal());
        assertEquals(RunState.STARTED, reload(ok).state());
        assertTrue(reload(ok).deviceChecked());
    }

    @Test
    void aBadReportOrCalibrationStoresNothing() {
        study(display(SizeMode.DEGREES, 8, 0, 0, 2, PracticeFailAction.CONTINUE));
        Run run = start("BAD1");
        assertThrows(ClientError.class, () -> runs.checkDevice(run.publicId(), run.token(),
                new DeviceReport(DeviceCheckTest.CHROME_LINUX, 1920, 1080, 1280, 800, 1, false, false, 60, 3, true)));
        assertFalse(reload(run).deviceChecked(), "nothing stored");
        ClientError early = assertThrows(ClientError.class, () -> runs.calibrate(run.publicId(), run.token(), 340, null, null));
        assertEquals("device_not_checked", early.code());
        runs.checkDevice(run.publicId(), run.token(), desktop(1280, 800));
        for (double card : new double[] {0, 79, 2001, Double.NaN}) {
            ClientError e = assertThrows(ClientError.class, () -> runs.calibrate(run.publicId(), run.token(), card, null, null));
            assertEquals("bad_calibration", e.code());
        }
        assertNull(reload(run).pxPerDegree(), "nothing stored");
    }

    @Test
    void calibrationStoresPxPerDegreeAndTheStimulusSize() {
        study(display(SizeMode.DEGREES, 8, 0, 0, 2, PracticeFailAction.CONTINUE));
        Run run = start("CAL1");
        runs.checkDevice(run.publicId(), run.token(), desktop(1280, 800));
        runs.calibrate(run.publicId(), run.token(), 340, 99.0, null);
        Run stored = reload(run);
        assertEquals(34.66279262684566, stored.pxPerDegree(), 1e-9, "NumPy reference at the experiment's 50 cm (the stated 99 is not asked for)");
        assertEquals(8 * 34.66279262684566, stored.stimulusSizePx(), 1e-9);
        assertEquals(50.0, stored.viewingDistanceCm());
        assertEquals("SET", stored.viewingDistanceSource());
        assertNull(stored.blindSpotPx());

        Run small = start("CAL2");
        runs.checkDevice(small.publicId(), small.token(), desktop(1280, 250));
        RunService.DeviceOutcome refused = runs.calibrate(small.publicId(), small.token(), 340, null, null);
        assertTrue(refused.refusal().contains("would not fit"), refused.refusal());
        assertEquals(RunState.NO_DEVICE, reload(small).state());
        assertEquals("stimulus_size", reload(small).deviceRule());
    }

    @Test
    void theParticipantsStatedDistanceIsUsedWhenAskedFor() {
        study(new DisplaySettings(SizeMode.DEGREES, 8, 57, DistanceSource.STATED, 1, 30, 0, 0, 0, true, false, "NODEVICE", 0, 2,
                PracticeFailAction.CONTINUE, "PRACTFAIL"));
        Run run = start("ASK1");
        runs.checkDevice(run.publicId(), run.token(), desktop(1280, 800));
        assertEquals("bad_calibration", assertThrows(ClientError.class, () -> runs.calibrate(run.publicId(), run.token(), 340, null, null)).code());
        assertEquals("bad_calibration", assertThrows(ClientError.class, () -> runs.calibrate(run.publicId(), run.token(), 340, 250.0, null)).code());
        runs.calibrate(run.publicId(), run.token(), 340, 50.0, null);
        assertEquals(34.66279262684566, reload(run).pxPerDegree(), 1e-9);
    }

    @Test
    void aMeasuredDistanceComesFromTheBlindSpotAndIsStoredWithItsPresses() {
        study(new DisplaySettings(SizeMode.DEGREES, 8, 57, DistanceSource.MEASURED, 1, 30, 0, 0, 0, true, false, "NODEVICE", 0, 2,
                PracticeFailAction.CONTINUE, "PRACTFAIL"));
        Run run = start("MEAS1");
        runs.checkDevice(run.publicId(), run.token(), desktop(1280, 800));
        for (List<Double> bad : java.util.Arrays.<List<Double>>asList(null, List.of(500.0, 510.0), List.of(100.0, 105.0, 110.0))) {
            ClientError e = assertThrows(ClientError.class, () -> runs.calibrate(run.publicId(), run.token(), 340, 57.0, bad));
            assertEquals("blindSpotPx", e.details().field(), String.valueOf(bad));
        }
        assertNull(reload(run).pxPerDegree(), "refused presses store nothing");
        runs.calibrate(run.publicId(), run.token(), 340, 99.0, List.of(480.5, 470.25, 495.75, 488.0, 476.004));
        Run stored = reload(run);
        assertEquals(50.388856406951454, stored.viewingDistanceCm(), 1e-9, "NumPy reference; the stated 99 cm is not asked for");
        assertEquals(34.93236960676123, stored.pxPerDegree(), 1e-9, "NumPy reference");
        assertEquals("MEASURED", stored.viewingDistanceSource());
        assertEquals("480.5;470.25;495.75;488;476", stored.blindSpotPx(), "the presses in order, to 0.01 px");
    }

    @Test
    void aFailedPracticeRepeatsThenEndsWithItsCodeAndTheLinkStaysClosed() {
        study(display(SizeMode.NATURAL, 0, 0, 1.0, 1, PracticeFailAction.END));
        Run run = start("PR1");
        RunService.PracticeOutcome first = runs.practice(run.publicId(), run.token(), 1, 2, 3);
        assertEquals(Boolean.FALSE, first.passed());
        assertTrue(first.repeat());
        assertFalse(first.ended());
        assertEquals(1, runs.practice(run.publicId(), run.token(), 1, 2, 3).attempts(), "a resent attempt is not counted twice");
        RunService.PracticeOutcome second = runs.practice(run.publicId(), run.token(), 2, 2, 3);
        assertTrue(second.ended());
        assertFalse(second.repeat());
        Run stored = reload(run);
        assertEquals(RunState.PRACTICE_FAILED, stored.state());
        assertEquals("PRACTFAIL", stored.completionCode());
        assertEquals(2, stored.practiceAttempts());
        ClientError again = assertThrows(ClientError.class, () -> runs.open(slug, "PR1", "STUDY", "SESSION"));
        assertEquals("practice_failed", again.code());
        assertTrue(again.getMessage().contains("PRACTFAIL"), again.getMessage());
    }

    @Test
    void aFailedPracticeContinuesWhenConfiguredAndAPassGoesOn() {
        study(display(SizeMode.NATURAL, 0, 0, 0.67, 1, PracticeFailAction.CONTINUE));
        Run run = start("PR2");
        assertTrue(runs.practice(run.publicId(), run.token(), 1, 1, 3).repeat());
        RunService.PracticeOutcome last = runs.practice(run.publicId(), run.token(), 2, 1, 3);
        assertFalse(last.repeat());
        assertFalse(last.ended());
        assertEquals(RunState.STARTED, reload(run).state());
        assertEquals(Boolean.FALSE, reload(run).practicePassed());

        Run pass = start("PR3");
        RunService.PracticeOutcome passed = runs.practice(pass.publicId(), pass.token(), 1, 2, 3);
        assertEquals(Boolean.TRUE, passed.passed(), "2 of 3 reaches a pass mark of 0.67 (2/3 rounded)");
        assertFalse(passed.repeat());
        assertEquals("bad_practice", assertThrows(ClientError.class, () -> runs.practice(pass.publicId(), pass.token(), 2, 4, 3)).code());
        assertEquals("bad_practice", assertThrows(ClientError.class, () -> runs.practice(pass.publicId(), pass.token(), 2, 1, 5)).code());
        assertEquals("practice_out_of_order", assertThrows(ClientError.class, () -> runs.practice(pass.publicId(), pass.token(), 5, 1, 3)).code());
        assertEquals(1, reload(pass).practiceAttempts(), "refused results store nothing");
    }

    @Test
    void withoutAPassMarkThePracticeIsCountedButNeverRepeated() {
        study(display(SizeMode.NATURAL, 0, 0, 0, 2, PracticeFailAction.END));
        Run run = start("PR4");
        RunService.PracticeOutcome outcome = runs.practice(run.publicId(), run.token(), 1, 0, 3);
        assertNull(outcome.passed());
        assertFalse(outcome.repeat());
        assertFalse(outcome.ended());
    }

}
