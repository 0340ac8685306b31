package engram.experiment.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import engram.platform.Database;
import engram.platform.EngramConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same owner and collaborator rules on a real PostgreSQL 17 (embedded, on a random loopback port). */
class ExperimentAccessPostgresIT extends ExperimentAccessH2Test {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = new Database();
        database.start(new EngramConfig(Path.of("target"), postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 4,
                Optional.empty(), false));
        controls();
    }

    @AfterAll
    static void stop() {
        database.stop();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
