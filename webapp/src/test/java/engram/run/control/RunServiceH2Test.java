package engram.run.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.H2DatabaseExtension;
import engram.platform.Database;

/** The run rules on a real (in-memory) H2 database, migrated by Flyway from sql/. */
class RunServiceH2Test extends RunServiceContract {

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("runs");

    @Override
    Database database() {
        return H2.database(12);
    }
}
