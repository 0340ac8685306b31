package engram.run.control;

import org.junit.jupiter.api.extension.RegisterExtension;

import engram.testing.H2DatabaseExtension;
import engram.platform.Database;

/** The monitor's Sessions due over real runs on H2 (in memory). */
class SessionsDueH2Test extends SessionsDueContract {

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("due");

    @Override
    Database database() {
        return H2.database(12);
    }
}
