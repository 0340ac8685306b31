package engram.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;

/**
 * A database that does not answer is told apart from a failing statement (issue 9: after H2 closed its store every
 * POST /api/runs answered an opaque 500), with real H2 failures; the HTTP answer and PostgreSQL are DatabaseOutageIT.
 */
class DatabaseOutageTest {

    @Test
    void aClosedH2StoreIsAnOutageAndAFailingStatementIsNot() throws SQLException {
        Database database = h2(2);
        try {
            RuntimeException missingTable = assertThrows(RuntimeException.class,
                    () -> database.read(em -> em.createNativeQuery("SELECT COUNT(*) FROM no_such_table").getSingleResult()));
            assertFalse(DatabaseOutage.isOutage(missingTable), "a failing statement on a working database is not an outage");

            try (Connection connection = database.dataSource().getConnection()) {
                SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                assertThrows(MVStoreException.class, () -> session.getDatabase().getStore().getMvStore()
                        .panic(new MVStoreException(0, "simulated failure of the store's write buffer")));
                // the same connection, so that the pool cannot have opened the file again in between
                SQLException closed = assertThrows(SQLException.class, () -> {
                    try (var statement = connection.createStatement()) {
                        statement.executeUpdate("CREATE TABLE outage_probe(x INT)");
                        connection.commit();
                    }
                });
                assertTrue(DatabaseOutage.isOutage(new IllegalStateException("as Hibernate wraps it", closed)), "the closed store: " + closed);
            }
        } finally {
            database.stop();
        }
    }

    @Test
    void theProbeAnswersWithinItsBoundWhenThePoolHasNoConnectionToGive() throws SQLException {
        Database database = h2(2);
        try (Connection first = database.dataSource().getConnection(); Connection second = database.dataSource().getConnection()) {
            long start = System.nanoTime();
            assertFalse(database.ping(), "no connection within the bound: DOWN");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= Database.PING_SECONDS * 1000 - 100 && millis < Database.CONNECTION_TIMEOUT_MS,
                    "the probe waited its " + Database.PING_SECONDS + " s, not the pool's " + Database.CONNECTION_TIMEOUT_MS + " ms: " + millis + " ms");
        } finally {
            database.stop();
        }
    }

    @Test
    void aRollbackThatFailsTooDoesNotHideTheFailureThatSaysWhy() {
        Database database = h2(2);
        try {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> database.write(em -> {
                em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                    connection.unwrap(JdbcConnection.class).close(); // the server went away: the rollback will fail as well
                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                });
                return null;
            }));
            assertTrue(DatabaseOutage.isOutage(failure), "the first failure is thrown (was: the rollback's, an opaque 500): " + failure);
            assertTrue(failure.getSuppressed().length >= 1, "the failed rollback and release are kept beside it: " + java.util.Arrays.toString(failure.getSuppressed()));
        } finally {
            database.stop();
        }
    }

    private static Database h2(int poolSize) {
        Path folder = Path.of("target", "outage-" + System.nanoTime()).toAbsolutePath();
        Database database = new Database();
        database.start(new EngramConfig(folder, "jdbc:h2:file:" + folder + "/engram", "sa", "", poolSize, Optional.empty(), false));
        return database;
    }

    @Test
    void aPoolThatGivesNoConnectionIsAnOutage() {
        assertTrue(DatabaseOutage.isOutage(new IllegalStateException(
                new SQLTransientConnectionException("engram - Connection is not available, request timed out after 30000ms."))));
        assertTrue(DatabaseOutage.isOutage(new RuntimeException(new SQLException("Connection refused", "08001"))));
        assertTrue(DatabaseOutage.isOutage(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))));
        assertFalse(DatabaseOutage.isOutage(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.isOutage(new IllegalArgumentException("no SQL at all")));
    }
}
