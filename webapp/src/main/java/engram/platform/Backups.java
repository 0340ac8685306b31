package engram.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Online backups of the embedded H2 database: {@code BACKUP TO} into {@code <data>/backups/engram-<UTC time>.zip} while
 * the server keeps running. PostgreSQL is backed up with pg_dump instead (deploy/backup/pg-backup.sh).
 */
@ApplicationScoped
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Inject
    Database database;
    @Inject
    Clock clock;

    /** A finished backup: the zip file, its size and how long it took. */
    public record Backup(Path file, long bytes, Instant startedAt, long millis) {
    }

    /** Writes the backup to a .part file first and renames it when complete, so no half-written zip carries the final name. */
    public synchronized Backup backupH2() {
        EngramConfig config = database.config();
        if (config == null || !database.isStarted()) {
            throw new ClientError(503, ErrorCode.NOT_READY, "The database has not started yet.");
        }
        if (!config.isH2()) {
            throw ClientError.conflict(ErrorCode.USE_PG_DUMP, "This server uses PostgreSQL: back it up with pg_dump -Fc"
                    + " (deploy/backup/pg-backup.sh); the online backup here is for the embedded H2 database.");
        }
        Instant started = clock.instant();
        Path folder = config.dataDirectory().resolve("backups");
        Path target = folder.resolve("engram-" + STAMP.format(started) + ".zip");
        Path part = folder.resolve(target.getFileName() + ".part");
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(part);
            try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            long millis = clock.millis() - started.toEpochMilli();
            LOG.info(() -> "H2 backup written to " + target + " in " + millis + " ms");
            return new Backup(target, Files.size(target), started, millis);
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new IllegalStateException("The H2 backup to " + target + " failed: " + e.getMessage(), e);
        }
    }
}
