package engram.run.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.EmbeddedPostgresExtension;
import engram.platform.Database;

/** The same run rules on a real PostgreSQL 17 (embedded, started on a random loopback port). */
class RunServicePostgresIT extends RunServiceContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Override
    Database database() {
        return POSTGRES.database(12);
    }
}
