package engram.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.platform.Database;
import engram.platform.EngramConfig;

/**
 * The generated first admin password goes to {@code <data>/first-admin-password} (mode 600), which the launcher reads;
 * a configured one writes no file; changing the admin's password deletes it; an unwritable data folder creates no admin.
 */
class FirstAdminPasswordH2Test {

    @TempDir
    Path data;
    private Database database;

    private Accounts accounts(Path dataFolder) {
        database = new Database();
        database.start(new EngramConfig(dataFolder, "jdbc:h2:mem:first-admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2,
                Optional.empty(), false));
        Accounts accounts = new Accounts();
        accounts.database = database;
        accounts.clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        return accounts;
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    @Test
    void aGeneratedPasswordIsWrittenForTheOwnerOnlyAndLogsIn() throws Exception {
        Accounts accounts = accounts(data);
        accounts.ensureAdmin(Optional.empty());
        Path file = data.resolve("first-admin-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).strip();
        assertEquals(20, password.length(), password);
        assertTrue(accounts.authenticate("admin", password).isPresent(), "the file holds the admin's password");
        try (var left = Files.list(data)) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }

        accounts.ensureAdmin(Optional.empty());
        assertEquals(password, Files.readString(file).strip(), "a restart keeps the admin and the file");
    }

    @Test
    void changingTheAdminsPasswordDeletesTheFile() {
        Accounts accounts = accounts(data);
        accounts.ensureAdmin(Optional.empty());
        accounts.create("erin", "erin's long password", engram.accounts.entity.Account.Role.EXPERIMENTER);
        accounts.resetPassword("erin", "erin's newer password");
        assertTrue(Files.exists(data.resolve("first-admin-password")), "another account's change leaves it");
        accounts.resetPassword("admin", "the admin's own password");
        assertFalse(Files.exists(data.resolve("first-admin-password")), "the file no longer holds the admin's password");
        assertTrue(accounts.authenticate("admin", "the admin's own password").isPresent());
    }

    @Test
    void aConfiguredPasswordWritesNoFile() {
        Accounts accounts = accounts(data);
        accounts.ensureAdmin(Optional.of("configured admin secret"));
        assertFalse(Files.exists(data.resolve("first-admin-password")));
        assertTrue(accounts.authenticate("admin", "configured admin secret").isPresent());
    }

    @Test
    void whenTheFileCannotBeWrittenNoAdminIsCreated() throws Exception {
        Path notAFolder = Files.writeString(data.resolve("plain-file"), "x");
        Accounts accounts = accounts(notAFolder);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> accounts.ensureAdmin(Optional.empty()));
        assertTrue(e.getMessage().contains(notAFolder.resolve("first-admin-password").toString()), e.getMessage());
        assertTrue(accounts.byUsername("admin").isEmpty(), "nobody could log in as an admin whose password was never shown");
    }
}
