package engram.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;

/**
 * The health check's database probe (issue 9: a closed H2 database left /health UP). An H2 store failure, as an
 * OutOfMemoryError in its write buffer caused, is reproduced with H2's own panic; the pooled connections then still
 * pass {@code isValid} while every statement fails, and the probe must say so.
 */
class DatabaseHealthTest {

    @Test
    void aClosedH2StoreTurnsThePingFalseThoughConnectionsStillLookValid() throws SQLException {
        Path folder = Path.of("target", "health-" + System.nanoTime()).toAbsolutePath();
        Database database = new Database();
        database.start(new EngramConfig(folder, "jdbc:h2:file:" + folder + "/engram", "sa", "", 2, Optional.empty(), false));
        try {
            assertTrue(database.ping(), "a working database is UP");
            try (Connection connection = database.dataSource().getConnection()) {
                SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                assertThrows(MVStoreException.class, () -> session.getDatabase().getStore().getMvStore()
                        .panic(new MVStoreException(0, "simulated failure of the store's write buffer")));
                assertTrue(connection.isValid(2), "the old probe (isValid) would still report UP");
            }
            assertFalse(database.ping(), "a real query fails, so /health is DOWN");
        } finally {
            database.stop();
        }
    }
}
