package engram.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The 300 MB upload on PostgreSQL 17 (embedded, random loopback port). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StimulusUploadPostgresIT extends StimulusUploadContract {

    static final File DATA = new File("target/it-data/upload-pg-" + System.nanoTime()).getAbsoluteFile();
    private static EmbeddedPostgres postgres;

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", postgres.getJdbcUrl("postgres", "postgres"),
                "engram.db.user", "postgres"));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
