package engram.accounts.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The generated first admin password, in {@code <data>/first-admin-password}: readable and writable by the server's
 * user only (mode 600), written whole (a temporary file moved into place), for {@code ./engram serve} (or a person on
 * the host) to read instead of a log. It is deleted when the admin's password is changed.
 */
final class FirstAdminPassword {

    static final String FILE = "first-admin-password";

    private FirstAdminPassword() {
    }

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE);
    }

    /** Writes the password (and a newline); fails when the file cannot be written, so that no admin is created that nobody can log in as. */
    static Path write(Path dataDirectory, String password) {
        Path file = file(dataDirectory);
        try {
            Files.createDirectories(dataDirectory);
            Path temp;
            try {
                temp = Files.createTempFile(dataDirectory, FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                temp = Files.createTempFile(dataDirectory, FILE, ".tmp");
            }
            try {
                Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin password to " + file, e);
        }
    }

    /** Deletes the file (the password it holds is no longer the admin's); true when there was one. */
    static boolean delete(Path dataDirectory) {
        try {
            return Files.deleteIfExists(file(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(dataDirectory), e);
        }
    }
}
