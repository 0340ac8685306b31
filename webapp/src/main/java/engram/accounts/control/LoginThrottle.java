package engram.accounts.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The password-guessing limiter, one for every way in (login form, HTTP Basic on the API, backups). The policy
 * (docs/accounts.md, docs/security.md section 3):
 * <ul>
 * <li><b>Account and address:</b> {@code engram.login.max-failures-per-user} (default 5) failures for one account from
 * one client address within {@code engram.login.window-minutes} (default 5) lock that pair only. Others, and the same
 * person from another address, may still log in.</li>
 * <li><b>Address:</b> {@code engram.login.max-failures-per-address} (default 20) failures from one address, over all
 * accounts, lock password logins from that address.</li>
 * <li><b>Account-wide backoff:</b> {@code engram.login.max-failures-per-account} (default 20) failures for one account
 * within {@code engram.login.account-window-minutes} (default 15), from any addresses, slow the account down: an address
 * that has failed for it in that window is refused, while a clean address is still checked, one attempt at a time
 * (so a correct login from a clean address passes, and each new address gets one guess).</li>
 * </ul>
 * An attempt reserves its place before the password is checked ({@link #begin}), so parallel guesses cannot race past
 * the limit; a refused attempt is never checked, so a lockout never tells a right password from a wrong one. API
 * tokens (unguessable, 256 random bits) are never refused here. Kept in memory per instance: a restart forgets it.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_KEYS = 50_000;

    /** What {@link #begin} answers: either a refusal with its wait, or a reserved attempt that must be settled. */
    public sealed interface Decision permits Refused, Attempt {
    }

    /** The attempt is refused without checking the password; the lock lifts after {@code retryAfter}. */
    public record Refused(Duration retryAfter) implements Decision {
    }

    @Inject
    Clock clock;
    private int maxPerPair;
    private int maxPerAddress;
    private int maxPerAccount;
    private Duration window;
    private Duration accountWindow;
    /** Failure times and attempts in flight per key; every access holds the throttle's monitor. */
    private final Map<String, Counter> counters = new HashMap<>();
    /** False only inside {@link #lockedByFailures}. */
    private boolean inFlightCounts = true;

    protected LoginThrottle() {
    }

    LoginThrottle(Clock clock, int maxPerPair, int maxPerAddress, Duration window, int maxPerAccount, Duration accountWindow) {
        this.clock = clock;
        this.maxPerPair = maxPerPair;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.maxPerAccount = maxPerAccount;
        this.accountWindow = accountWindow;
    }

    @PostConstruct
    void configure() {
        var config = ConfigProvider.getConfig();
        maxPerPair = config.getOptionalValue("engram.login.max-failures-per-user", Integer.class).orElse(5);
        maxPerAddress = config.getOptionalValue("engram.login.max-failures-per-address", Integer.class).orElse(20);
        window = Duration.ofMinutes(config.getOptionalValue("engram.login.window-minutes", Integer.class).orElse(5));
        maxPerAccount = config.getOptionalValue("engram.login.max-failures-per-account", Integer.class).orElse(20);
        accountWindow = Duration.ofMinutes(config.getOptionalValue("engram.login.account-window-minutes", Integer.class).orElse(15));
    }

    /**
     * Reserves a password check for this username from this address, or refuses it. Atomic: of N parallel attempts on
     * a fresh pair, at most {@code max-failures-per-user} get checked. Settle the attempt with {@link Attempt#failed()},
     * {@link Attempt#succeeded()} or {@link Attempt#close()}.
     */
    public synchronized Decision begin(String username, String address) {
        Instant now = clock.instant();
        String pair = pairKey(username, address);
        String from = addressKey(address);
        String account = accountKey(username);
        Optional<Duration> locked = lockedFor(pair, from, account, address, now);
        if (locked.isPresent()) {
            return new Refused(locked.get());
        }
        if (counters.size() > MAX_KEYS) {
            counters.values().removeIf(c -> c.inFlight == 0 && c.prune(now, kept()).isEmpty());
        }
        counter(pair).inFlight++;
        counter(from).inFlight++;
        counter(account).inFlight++;
        return new Attempt(pair, from, account);
    }

    /** How long this username (null: none) from this address is still refused; empty when it may try. */
    public synchronized Optional<Duration> lockedFor(String username, String address) {
        return lockedFor(pairKey(username, address), addressKey(address), accountKey(username), address, clock.instant());
    }

    /**
     * True when this username from this address is locked by counted failures (checks in flight aside). A password
     * that was verified before may then skip the reservation: repeating a right password is not a guess.
     */
    public synchronized boolean lockedByFailures(String username, String address) {
        inFlightCounts = false;
        try {
            return lockedFor(username, address).isPresent();
        } finally {
            inFlightCounts = true;
        }
    }

    /** Records a failure that was not reserved with {@link #begin}, e.g. a wrong API token (counts for the address only). */
    public synchronized void failedFrom(String address) {
        counter(addressKey(address)).times.addLast(clock.instant());
    }

    /** Failures are kept for the longer of the two windows. */
    private Duration kept() {
        return accountWindow.compareTo(window) > 0 ? accountWindow : window;
    }

    private Optional<Duration> lockedFor(String pair, String from, String account, String address, Instant now) {
        Duration longest = null;
        Counter pairCounter = counters.get(pair);
        if (pairCounter != null) {
            pairCounter.prune(now, kept());
            longest = longer(longest, pairCounter.lockedFor(maxPerPair, window, now, inFlightCounts));
        }
        Counter fromCounter = counters.get(from);
        if (fromCounter != null) {
            fromCounter.prune(now, kept());
            longest = longer(longest, fromCounter.lockedFor(maxPerAddress, window, now, inFlightCounts));
        }
        Counter accountCounter = counters.get(account);
        if (accountCounter != null && accountCounter.prune(now, accountWindow).size() >= maxPerAccount) {
            boolean clean = pairCounter == null || (pairCounter.times.isEmpty() && (pairCounter.inFlight == 0 || !inFlightCounts));
            if (!clean) {
                Instant oldestCounted = accountCounter.times.stream().skip(accountCounter.times.size() - maxPerAccount).findFirst().orElseThrow();
                longest = longer(longest, Duration.between(now, oldestCounted.plus(accountWindow)));
            }
        }
        return Optional.ofNullable(longest);
    }

    private static Duration longer(Duration a, Optional<Duration> b) {
        return b.isEmpty() ? a : a == null || b.get().compareTo(a) > 0 ? b.get() : a;
    }

    private static Duration longer(Duration a, Duration b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    private Counter counter(String key) {
        return counters.computeIfAbsent(key, k -> new Counter());
    }

    private synchronized void settle(Attempt attempt, boolean failed, boolean succeeded) {
        Instant now = clock.instant();
        for (String key : new String[] {attempt.pair, attempt.address, attempt.account}) {
            Counter counter = counter(key);
            counter.inFlight = Math.max(0, counter.inFlight - 1);
            if (failed) {
                counter.times.addLast(now);
            }
        }
        if (succeeded) {
            counter(attempt.pair).times.clear();
        }
    }

    /** A reserved password check. Exactly one of failed/succeeded/close counts; later calls do nothing. */
    public final class Attempt implements Decision, AutoCloseable {
        private final String pair;
        private final String address;
        private final String account;
        private boolean settled;

        private Attempt(String pair, String address, String account) {
            this.pair = pair;
            this.address = address;
            this.account = account;
        }

        /** The password was wrong: counts for the account and address, the address, and the account. */
        public void failed() {
            settleOnce(true, false);
        }

        /** The password was right: clears the failures of this account from this address (others keep theirs). */
        public void succeeded() {
            settleOnce(false, true);
        }

        /** Releases the reservation without counting (e.g. the check itself failed). */
        @Override
        public void close() {
            settleOnce(false, false);
        }

        private void settleOnce(boolean failed, boolean succeeded) {
            synchronized (LoginThrottle.this) {
                if (settled) {
                    return;
                }
                settled = true;
                settle(this, failed, succeeded);
            }
        }
    }

    /** "5 minutes", "1 minute" or "40 seconds", for messages. */
    public static String describe(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    /** Failure times, oldest first, and the reserved checks not yet settled. */
    private static final class Counter {
        final Deque<Instant> times = new ArrayDeque<>();
        int inFlight;

        Deque<Instant> prune(Instant now, Duration window) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.removeFirst();
            }
            return times;
        }

        /** Locked while failures within the window plus checks in flight reach max; the wait is until the oldest counted failure leaves the window. */
        Optional<Duration> lockedFor(int max, Duration window, Instant now, boolean countInFlight) {
            java.util.List<Instant> recent = times.stream().filter(t -> t.plus(window).isAfter(now)).toList();
            if (recent.size() + (countInFlight ? inFlight : 0) < max) {
                return Optional.empty();
            }
            if (recent.size() < max) {
                return Optional.of(window);
            }
            return Optional.of(Duration.between(now, recent.get(recent.size() - max).plus(window)));
        }
    }

    static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String pairKey(String username, String address) {
        return "pair:" + normalise(username) + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String accountKey(String username) {
        return "account:" + normalise(username);
    }
}
