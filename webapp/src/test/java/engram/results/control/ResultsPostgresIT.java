package engram.results.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.EmbeddedPostgresExtension;
import engram.platform.Database;

/** The same results cases on a real PostgreSQL 17 (embedded, on a random loopback port). */
class ResultsPostgresIT extends ResultsContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Override
    Database database() {
        return POSTGRES.database(4);
    }
}
