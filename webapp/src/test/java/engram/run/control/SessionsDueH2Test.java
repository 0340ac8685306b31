package engram.run.control;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import engram.platform.Database;
import engram.platform.EngramConfig;

/** The monitor's Sessions due over real runs on H2 (in memory). */
class SessionsDueH2Test extends SessionsDueContract {

    private static Database database;

    @BeforeAll
    static void startDatabase() {
        database = new Database();
        database.start(new EngramConfig(Path.of("target"), "jdbc:h2:mem:due-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 12,
                Optional.empty(), false));
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    @Override
    Database database() {
        return database;
    }
}
