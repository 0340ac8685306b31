package engram.stimuli;

import engram.testing.Deployments;
import engram.testing.EmbeddedPostgresExtension;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;


/** The 300 MB upload on PostgreSQL 17 (embedded, random loopback port). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StimulusUploadPostgresIT extends StimulusUploadContract {

    static final File DATA = new File("target/it-data/upload-pg-" + System.nanoTime()).getAbsoluteFile();
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(POSTGRES.deploymentSettings());
        settings.put("engram.data", DATA.getPath());
        return Deployments.engram(settings);
    }
}
