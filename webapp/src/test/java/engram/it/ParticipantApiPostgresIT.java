package engram.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The participant API on Payara Micro with a real PostgreSQL 17 (embedded, on a random loopback port). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantApiPostgresIT extends ParticipantApiContract {

    private static EmbeddedPostgres postgres;
    private static final java.nio.file.Path CLOCK = java.nio.file.Path.of("target/it-data/api-pg-clock-" + System.nanoTime()).toAbsolutePath();

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Deployments.engram(Map.of("engram.db.url", postgres.getJdbcUrl("postgres", "postgres"), "engram.db.user", "postgres",
                "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @Override
    java.nio.file.Path clockFile() {
        return CLOCK;
    }

    @Override
    Connection database() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
