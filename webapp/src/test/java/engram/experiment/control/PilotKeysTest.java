package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.H2DatabaseExtension;
import engram.platform.Database;

/** Signed "try as participant" keys on a real (in-memory) H2 database that keeps the secret. */
class PilotKeysTest {

    private static Database database;
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("pilot");

    @BeforeAll
    static void startDatabase() {
        database = H2.database(2);
    }

    private static PilotKeys keys(Instant now) {
        PilotKeys keys = new PilotKeys();
        keys.database = database;
        keys.clock = Clock.fixed(now, ZoneOffset.UTC);
        return keys;
    }

    @Test
    void aKeyOpensOnlyItsOwnExperimentUntilItExpires() {
        String key = keys(NOW).issue("model");
        assertTrue(keys(NOW).isValid("model", key), "a second instance reads the same stored secret");
        assertFalse(keys(NOW).isValid("other", key));
        assertFalse(keys(NOW.plus(PilotKeys.VALID_FOR).plus(Duration.ofSeconds(1))).isValid("model", key));
        String[] parts = key.split("\\.");
        assertFalse(keys(NOW).isValid("model", (Long.parseLong(parts[0]) + 1) + "." + parts[1]), "the expiry is signed");
        assertFalse(keys(NOW).isValid("model", parts[0] + "." + parts[1].substring(1) + "A"));
        assertFalse(keys(NOW).isValid("model", "nonsense"));
        assertFalse(keys(NOW).isValid("model", null));
        assertEquals(2, key.split("\\.").length);
    }
}
