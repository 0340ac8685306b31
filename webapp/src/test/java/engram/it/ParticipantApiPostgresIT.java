package engram.it;

import java.sql.Connection;
import java.sql.SQLException;

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

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(POSTGRES.deploymentSettings());
    }

    @Override
    Connection database() throws SQLException {
        return POSTGRES.connection();
    }
}
