package engram.platform;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns the embedded H2 database's two start-up failures that a person must act on into one line that says what to
 * do: the file is locked (another engram server, or a leftover process, has it open) or it is corrupt (restore the
 * newest backup with deploy/backup/h2-restore.sh, docs/deploy.md section 6). Other failures keep their stack trace.
 */
public final class H2StartFailure {

    /** H2's error codes: DATABASE_ALREADY_OPEN_1, FILE_CORRUPTED_1, and the generic I/O and general errors it wraps them in. */
    static final int ALREADY_OPEN = 90020;
    static final int FILE_CORRUPTED = 90030;
    /** Printed first on the line, so that the launcher can find it in the log. */
    public static final String MARKER = "engram: cannot open the database:";

    private H2StartFailure() {
    }

    /** The one line for this failure, or empty when it is not a locked or corrupt H2 file. */
    public static Optional<String> describe(Throwable failure, EngramConfig config) {
        if (config == null || !config.isH2()) {
            return Optional.empty();
        }
        String path = config.databaseUrl().substring("jdbc:h2:".length()).split(";", 2)[0];
        String file = (path.startsWith("file:") ? path.substring("file:".length()) : path) + ".mv.db";
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            int code = t instanceof SQLException sql ? sql.getErrorCode() : 0;
            if (code == ALREADY_OPEN || message.contains("[" + ALREADY_OPEN + "-") || message.contains("Database may be already in use")) {
                return Optional.of(MARKER + " the H2 file " + file + " is locked by another process. Is another engram server"
                        + " running on this data folder? Stop it (or the leftover java process) and start again.");
            }
            if (code == FILE_CORRUPTED || message.contains("[" + FILE_CORRUPTED + "-") || message.contains("File corrupted")) {
                return Optional.of(MARKER + " the H2 file " + file + " is corrupt. Restore the newest backup with"
                        + " deploy/backup/h2-restore.sh ZIP DATA_DIR (docs/deploy.md, section 6 'Backups and upgrades'), then start again.");
            }
        }
        return Optional.empty();
    }
}
