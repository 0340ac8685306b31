package engram.run;

import engram.testing.Deployments;
import engram.testing.EmbeddedPostgresExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;


/** The participant API on Payara Micro with a real PostgreSQL 17 (embedded, on a random loopback port). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantApiPostgresIT extends ParticipantApiContract {

    private static final java.nio.file.Path CLOCK = java.nio.file.Path.of("target/it-data/api-pg-clock-" + System.nanoTime()).toAbsolutePath();

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new java.util.HashMap<>(POSTGRES.deploymentSettings());
        settings.put("engram.test.clock-offset-file", CLOCK.toString());
        return Deployments.engram(settings);
    }

    @Override
    java.nio.file.Path clockFile() {
        return CLOCK;
    }

    @Override
    Connection database() throws SQLException {
        return POSTGRES.connection();
    }
}
