package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void countsOnlyTheFinishedSecondsOfTheWindow() {
        HandClock clock = new HandClock();
        RateWindow rate = new RateWindow(clock, 10);
        for (int i = 0; i < 30; i++) {
            rate.record();
        }
        assertEquals(0.0, rate.perSecond(), "the running second is not counted yet");
        clock.millis += 1000;
        assertEquals(3.0, rate.perSecond(), 1e-12, "30 events in one of 10 seconds");
        for (int i = 0; i < 20; i++) {
            rate.record();
        }
        clock.millis += 1000;
        assertEquals(5.0, rate.perSecond(), 1e-12);
        clock.millis += 9000;
        assertEquals(2.0, rate.perSecond(), 1e-12, "the first second has left the window, the second one is 10 s old");
        clock.millis += 1000;
        assertEquals(0.0, rate.perSecond(), 1e-12);
    }

    @Test
    void reusesABucketWithoutKeepingItsOldCount() {
        HandClock clock = new HandClock();
        RateWindow rate = new RateWindow(clock, 5);
        rate.record();
        clock.millis += 5000;
        rate.record();
        rate.record();
        clock.millis += 1000;
        assertEquals(2.0 / 5, rate.perSecond(), 1e-12);
    }

    @Test
    void refusesAnEmptyWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RateWindow(new HandClock(), 0));
        assertEquals("A rate window needs at least one second, got 0", e.getMessage());
    }
}
