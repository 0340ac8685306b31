package engram.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one clock the application reads; tests construct controls with a fixed one instead. For tests of a running
 * server (days between sessions), {@code engram.test.clock-offset-file} names a file holding a number of seconds that
 * is added to the system clock, read afresh on every reading; never set it in production.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock systemClock() {
        return ConfigProvider.getConfig().getOptionalValue("engram.test.clock-offset-file", String.class)
                .filter(f -> !f.isBlank())
                .<Clock>map(f -> new OffsetFileClock(Path.of(f)))
                .orElse(Clock.systemUTC());
    }

    /** The system clock (UTC) plus the seconds written in a file (0 while the file is missing or empty). */
    static final class OffsetFileClock extends Clock {

        private final Path file;

        OffsetFileClock(Path file) {
            this.file = file;
        }

        Duration offset() {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(text));
            } catch (java.nio.file.NoSuchFileException e) {
                return Duration.ZERO;
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("the test clock offset file " + file + " does not hold a number of seconds", e);
            }
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.now().plus(offset()); }
    }
}
