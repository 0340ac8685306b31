package engram.run.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import engram.platform.Database;
import engram.platform.EngramConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The monitor's Sessions due on a real PostgreSQL 17 (embedded, started on a random loopback port). */
class SessionsDuePostgresIT extends SessionsDueContract {

    private static EmbeddedPostgres postgres;
    private static Database database;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = new Database();
        database.start(new EngramConfig(Path.of("target"), postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 12,
                Optional.empty(), false));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        database.stop();
        postgres.close();
    }

    @Override
    Database database() {
        return database;
    }
}
