package engram.experiment.control;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.EmbeddedPostgresExtension;

/** The same owner and collaborator rules on a real PostgreSQL 17 (embedded, on a random loopback port). */
class ExperimentAccessPostgresIT extends ExperimentAccessH2Test {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @BeforeAll
    static void start() throws Exception {
        database = POSTGRES.database(4);
        controls();
    }
}
