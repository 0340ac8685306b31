package engram.results.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.H2DatabaseExtension;
import engram.platform.Database;

/** The results controls on a real (in-memory) H2 database, migrated by Flyway from sql/. */
class ResultsH2Test extends ResultsContract {

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("results");

    @Override
    Database database() {
        return H2.database(4);
    }
}
