package engram.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(5), 20, Duration.ofMinutes(15));

    private void fail(String username, String address) {
        LoginThrottle.Decision decision = throttle.begin(username, address);
        assertInstanceOf(LoginThrottle.Attempt.class, decision, username + "@" + address + " may still try").failed();
    }

    @Test
    void fiveFailuresLockTheAccountFromThatAddressUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            fail("erin", "10.0.0.9");
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "10.0.0.9"));
        fail("Erin ", "10.0.0.9");
        assertEquals(Optional.of(Duration.ofSeconds(300 - 40)), throttle.lockedFor("ERIN", "10.0.0.9"), "case and spaces do not matter");
        assertInstanceOf(LoginThrottle.Refused.class, throttle.begin("erin", "10.0.0.9"), "refused without a check");
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "10.0.0.77"), "the same account from another address may log in");
        assertEquals(Optional.empty(), throttle.lockedFor("andy", "10.0.0.9"), "other accounts from that address may still try");
        clock.advance(Duration.ofSeconds(259));
        assertTrue(throttle.lockedFor("erin", "10.0.0.9").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "10.0.0.9"), "the first failure left the 5-minute window");
    }

    @Test
    void fortyParallelWrongLoginsGetExactlyFiveChecks() throws Exception {
        int parallel = 40;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> checked = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            checked.add(pool.submit(() -> {
                start.await();
                LoginThrottle.Decision decision = throttle.begin("admin", "192.0.2.66");
                if (decision instanceof LoginThrottle.Attempt attempt) {
                    Thread.sleep(50); // a PBKDF2 check takes this long or more: all 40 are in flight together
                    attempt.failed();
                    return true;
                }
                return false;
            }));
        }
        start.countDown();
        int count = 0;
        for (Future<Boolean> f : checked) {
            count += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(5, count, "of 40 parallel wrong logins only the limit is checked");
        assertTrue(throttle.lockedFor("admin", "192.0.2.66").isPresent());
    }

    @Test
    void twentyFailuresFromOneAddressLockPasswordLoginsFromThere() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "192.0.2.1");
        }
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("someone-else", "192.0.2.1"));
        assertEquals(Optional.empty(), throttle.lockedFor("someone-else", "192.0.2.2"));
    }

    @Test
    void aSuccessClearsTheAccountFromThatAddressButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            fail("erin", "192.0.2.1");
        }
        ((LoginThrottle.Attempt) throttle.begin("erin", "192.0.2.1")).succeeded();
        fail("erin", "192.0.2.1");
        assertEquals(Optional.empty(), throttle.lockedFor("erin", "192.0.2.1"), "one failure since the success");
    }

    @Test
    void nobodyKeepsAdminLockedOutFromAnotherAddress() {
        // the attacker's 5 requests every 5 minutes, for an hour
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 5; i++) {
                fail("admin", "203.0.113.7");
            }
            assertInstanceOf(LoginThrottle.Refused.class, throttle.begin("admin", "203.0.113.7"));
            assertInstanceOf(LoginThrottle.Attempt.class, throttle.begin("admin", "10.1.1.1"), "round " + round).succeeded();
            clock.advance(Duration.ofMinutes(5));
        }
    }

    @Test
    void manyAddressesSlowTheWholeAccountButACleanAddressStillGetsIn() {
        for (int a = 0; a < 4; a++) {
            for (int i = 0; i < 5; i++) {
                fail("admin", "198.51.100." + a);
            }
        }
        clock.advance(Duration.ofMinutes(6)); // the per-address locks have lifted; the account-wide backoff has not
        assertInstanceOf(LoginThrottle.Refused.class, throttle.begin("admin", "198.51.100.0"), "an address that failed waits");
        LoginThrottle.Attempt clean = assertInstanceOf(LoginThrottle.Attempt.class, throttle.begin("admin", "10.1.1.1"));
        assertInstanceOf(LoginThrottle.Refused.class, throttle.begin("admin", "10.1.1.1"), "one check at a time from a clean address");
        clean.failed();
        assertInstanceOf(LoginThrottle.Refused.class, throttle.begin("admin", "10.1.1.1"), "one guess per new address");
        assertInstanceOf(LoginThrottle.Attempt.class, throttle.begin("admin", "10.2.2.2")).succeeded();
        assertInstanceOf(LoginThrottle.Attempt.class, throttle.begin("erin", "198.51.100.0"), "other accounts are not slowed");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Optional.empty(), throttle.lockedFor("admin", "198.51.100.0"), "the backoff ends with its 15-minute window");
    }

    @Test
    void aClosedAttemptCountsNothing() {
        for (int i = 0; i < 10; i++) {
            ((LoginThrottle.Attempt) throttle.begin("dora", "192.0.2.1")).close();
        }
        assertEquals(Optional.empty(), throttle.lockedFor("dora", "192.0.2.1"));
    }

    @Test
    void waitsAreDescribedForPeople() {
        assertEquals("5 minutes", LoginThrottle.describe(Duration.ofSeconds(299)));
        assertEquals("1 minute", LoginThrottle.describe(Duration.ofSeconds(60)));
        assertEquals("40 seconds", LoginThrottle.describe(Duration.ofSeconds(40)));
        assertEquals("1 second", LoginThrottle.describe(Duration.ZERO));
    }
}
