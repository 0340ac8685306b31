package engram.run.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.H2DatabaseExtension;
import engram.platform.Database;

/** Phases and sessions on a real (in-memory) H2 database, migrated by Flyway from sql/. */
class PhaseRunsH2Test extends PhaseRunsContract {

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("phases");

    @Override
    Database database() {
        return H2.database(12);
    }
}
