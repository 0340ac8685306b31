package engram.run.control;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import engram.platform.Database;
import engram.platform.EngramConfig;

/** Phases and sessions on a real (in-memory) H2 database, migrated by Flyway from sql/. */
class PhaseRunsH2Test extends PhaseRunsContract {

    private static Database database;

    @BeforeAll
    static void startDatabase() {
        database = new Database();
        database.start(new EngramConfig(Path.of("target"), "jdbc:h2:mem:phases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 12,
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
