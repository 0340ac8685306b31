package engram.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The server's clock as the simulator sees it. Without an offset file it is the local clock (the server's, on the same
 * machine or kept by NTP). With the file a test server reads ({@code engram.test.clock-offset-file}: seconds added to
 * its clock, never set in production) it is the local clock plus that offset, and {@link #advanceTo} moves the server's
 * time forward by rewriting the file (atomically) instead of waiting. The offset only ever grows.
 */
final class ServerClock {

    private final Path file;
    private long offsetSeconds;

    private ServerClock(Path file, long offsetSeconds) {
        this.file = file;
        this.offsetSeconds = offsetSeconds;
    }

    /** @return the local clock: waits are real */
    static ServerClock local() {
        return new ServerClock(null, 0);
    }

    /**
     * @return a clock that moves a test server's time through {@code file}, starting from the offset it holds
     * @throws IllegalArgumentException when the file holds something other than a whole number of seconds
     */
    static ServerClock offsetFile(Path file) {
        long offset;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            offset = text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            offset = 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " does not hold a whole number of seconds");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clock offset file " + file, e);
        }
        return new ServerClock(file, offset);
    }

    /** @return whether waits can be skipped by moving the server's clock */
    boolean movable() {
        return file != null;
    }

    /** @return the server's time now (estimated: the local clock plus the offset) */
    synchronized Instant now() {
        return Instant.now().plusSeconds(offsetSeconds);
    }

    /** @return the time from now until {@code serverTime} on the server's clock (negative when past) */
    Duration until(Instant serverTime) {
        return Duration.between(now(), serverTime);
    }

    /** Moves the server's clock so that it reads at least {@code serverTime} + 1 s; only with an offset file. */
    synchronized void advanceTo(Instant serverTime) {
        if (file == null) {
            throw new IllegalStateException("the server's clock can only be moved through an offset file");
        }
        long needed = Duration.between(Instant.now(), serverTime).toSeconds() + 2;
        if (needed <= offsetSeconds) {
            return;
        }
        try {
            Path absolute = file.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), "clock", ".tmp");
            Files.writeString(temp, Long.toString(needed), StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clock offset file " + file, e);
        }
        offsetSeconds = needed;
    }

    /** @return the offset in seconds the simulator has set (0 for the local clock) */
    synchronized long offsetSeconds() {
        return offsetSeconds;
    }
}
