package engram.accounts.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses logins after too many failures: {@code engram.login.max-failures-per-user} (default 5) for one username, or
 * {@code engram.login.max-failures-per-address} (default 20) from one remote address, within
 * {@code engram.login.window-minutes} (default 5). While refused, attempts are neither checked nor counted; the lock lifts
 * when the oldest counted failure leaves the window. Kept in memory: a restart forgets it.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_KEYS = 50_000;

    @Inject
    Clock clock;
    private int maxPerUser;
    private int maxPerAddress;
    private Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    protected LoginThrottle() {
    }

    LoginThrottle(Clock clock, int maxPerUser, int maxPerAddress, Duration window) {
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    @PostConstruct
    void configure() {
        var config = ConfigProvider.getConfig();
        maxPerUser = config.getOptionalValue("engram.login.max-failures-per-user", Integer.class).orElse(5);
        maxPerAddress = config.getOptionalValue("engram.login.max-failures-per-address", Integer.class).orElse(20);
        window = Duration.ofMinutes(config.getOptionalValue("engram.login.window-minutes", Integer.class).orElse(5));
    }

    /** How long attempts for this username (null: none, e.g. a token) or from this address are still refused; empty when they may try. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Instant> user = username == null ? Optional.empty() : lockedUntil(userKey(username), maxPerUser, now);
        Optional<Instant> from = lockedUntil(addressKey(address), maxPerAddress, now);
        return Stream.of(user, from).flatMap(Optional::stream).max(Comparator.naturalOrder())
                .map(until -> Duration.between(now, until));
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> prune(e.getValue(), now).isEmpty());
        }
        if (username != null) {
            record(userKey(username), now);
        }
        record(addressKey(address), now);
    }

    /** A correct password clears the username's failures (the address keeps its count). */
    public void succeeded(String username) {
        failures.remove(userKey(username));
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

    private void record(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : prune(times, now);
            synchronized (kept) {
                kept.addLast(now);
            }
            return kept;
        });
    }

    private Optional<Instant> lockedUntil(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < max) {
                return Optional.empty();
            }
            Instant oldestCounted = times.stream().skip(times.size() - max).findFirst().orElseThrow();
            return Optional.of(oldestCounted.plus(window));
        }
    }

    private Deque<Instant> prune(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.removeFirst();
            }
            return times;
        }
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
