package engram.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The participant API on Payara Micro with the embedded H2 file database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantApiH2IT extends ParticipantApiContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("api-h2");
    }
}
