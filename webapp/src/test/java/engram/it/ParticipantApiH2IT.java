package engram.it;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The participant API on Payara Micro with the embedded H2 file database (AUTO_SERVER, so the test can open it too). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantApiH2IT extends ParticipantApiContract {

    private static final File DATA = new File("target/it-data/api-h2-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final java.nio.file.Path CLOCK = DATA.toPath().resolve("clock-offset-s");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @Override
    java.nio.file.Path clockFile() {
        return CLOCK;
    }

    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }
}
