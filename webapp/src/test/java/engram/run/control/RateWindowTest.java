package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import engram.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void countsOnlyTheFinishedSecondsOfTheWindow() {
        MutableClock clock = start();
        RateWindow rate = new RateWindow(clock, 10);
        for (int i = 0; i < 30; i++) {
            rate.record();
        }
        assertEquals(0.0, rate.perSecond(), "the running second is not counted yet");
        clock.advance(Duration.ofMillis(1000));
        assertEquals(3.0, rate.perSecond(), 1e-12, "30 events in one of 10 seconds");
        for (int i = 0; i < 20; i++) {
            rate.record();
        }
        clock.advance(Duration.ofMillis(1000));
        assertEquals(5.0, rate.perSecond(), 1e-12);
        clock.advance(Duration.ofMillis(9000));
        assertEquals(2.0, rate.perSecond(), 1e-12, "the first second has left the window, the second one is 10 s old");
        clock.advance(Duration.ofMillis(1000));
        assertEquals(0.0, rate.perSecond(), 1e-12);
    }

    @Test
    void reusesABucketWithoutKeepingItsOldCount() {
        MutableClock clock = start();
        RateWindow rate = new RateWindow(clock, 5);
        rate.record();
        clock.advance(Duration.ofMillis(5000));
        rate.record();
        rate.record();
        clock.advance(Duration.ofMillis(1000));
        assertEquals(2.0 / 5, rate.perSecond(), 1e-12);
    }

    @Test
    void refusesAnEmptyWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RateWindow(start(), 0));
        assertEquals("A rate window needs at least one second, got 0", e.getMessage());
    }

    private static MutableClock start() {
        return new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
    }
}
