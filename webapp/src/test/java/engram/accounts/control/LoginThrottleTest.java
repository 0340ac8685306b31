package engram.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(5));

    @Test
    void fiveFailuresForOneUsernameLockItUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("erin", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "10.0.0.9"));
        throttle.failed("Erin ", "10.0.0.9");
        assertEquals(Optional.of(Duration.ofSeconds(300 - 40)), throttle.lockedFor("ERIN", "10.0.0.77"), "case and spaces do not matter");
        assertEquals(Optional.empty(), throttle.lockedFor("andy", "10.0.0.9"), "other usernames from that address may still try");
        clock.advance(Duration.ofSeconds(259));
        assertTrue(throttle.lockedFor("erin", "10.0.0.9").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "10.0.0.9"), "the first failure left the 5-minute window");
    }

    @Test
    void twentyFailuresFromOneAddressLockEveryUsernameThere() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "192.0.2.1");
        }
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("someone-else", "192.0.2.1"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor(null, "192.0.2.1"), "tokens from that address too");
        assertEquals(Optional.empty(), throttle.lockedFor("someone-else", "192.0.2.2"));
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("erin", "192.0.2.1");
        }
        throttle.succeeded("erin");
        throttle.failed("erin", "192.0.2.1");
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "192.0.2.1"), "one failure since the success");
    }

    @Test
    void tokenFailuresCountOnlyForTheAddress() {
        for (int i = 0; i < 19; i++) {
            throttle.failed(null, "192.0.2.1");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "192.0.2.1"));
        assertEquals(Optional.empty(), throttle.lockedFor(null, "192.0.2.1"));
    }

    @Test
    void waitsAreDescribedForPeople() {
        assertEquals("5 minutes", LoginThrottle.describe(Duration.ofSeconds(299)));
        assertEquals("1 minute", LoginThrottle.describe(Duration.ofSeconds(60)));
        assertEquals("40 seconds", LoginThrottle.describe(Duration.ofSeconds(40)));
        assertEquals("1 second", LoginThrottle.describe(Duration.ZERO));
    }
}
