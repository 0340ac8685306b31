package engram.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import engram.platform.Database;
import engram.platform.EngramConfig;

/**
 * engram's Database on a fresh in-memory H2, migrated by Flyway from sql/, for one test class: the H2 twin of
 * {@link EmbeddedPostgresExtension}. Register it on a static field:
 * <pre>{@code @RegisterExtension static final H2DatabaseExtension H2 = new H2DatabaseExtension("runs");}</pre>
 * It starts on the first {@link #database(int)} and stops after the class.
 */
public final class H2DatabaseExtension implements AfterAllCallback {

    private final String name;
    private Database database;

    /** @param name the start of the in-memory database's name (a random suffix keeps classes apart) */
    public H2DatabaseExtension(String name) {
        this.name = name;
    }

    /** The class's database with this pool size: started on the first call, the same one after that. */
    public synchronized Database database(int poolSize) {
        if (database == null) {
            Database started = new Database();
            started.start(new EngramConfig(Path.of("target"), "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1", "sa", "", poolSize, Optional.empty(), false));
            database = started;
        } else if (database.poolSize() != poolSize) {
            throw new IllegalStateException("the class's database has " + database.poolSize() + " connections, not " + poolSize);
        }
        return database;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (database != null) {
            database.stop();
            database = null;
        }
    }
}
