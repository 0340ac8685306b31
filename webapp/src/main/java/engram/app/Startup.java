package engram.app;

import java.util.logging.Logger;

import engram.accounts.control.Accounts;
import engram.demo.DemoExperiment;
import engram.platform.Database;
import engram.platform.EngramConfig;
import engram.platform.H2StartFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** At deployment: migrate the database, make sure the admin account exists, and create the demo experiment. A failure fails the deployment. */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Database database;
    @Inject
    Accounts accounts;
    @Inject
    DemoExperiment demo;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
        EngramConfig config = EngramConfig.fromMicroProfile();
        try {
            database.start(config);
        } catch (RuntimeException e) {
            java.util.Optional<String> line = H2StartFailure.describe(e, config);
            if (line.isEmpty()) {
                throw e;
            }
            stop(line.get());
        }
        accounts.ensureAdmin(config.adminPassword());
        if (config.createDemo()) {
            demo.ensureExists();
        }
        LOG.info("engram is ready");
    }

    /**
     * A locked or corrupt H2 file: one line in the log and on the console instead of a deployment stack trace, then
     * the server stops (exit status 3), since it cannot serve anything without its database.
     */
    private static void stop(String line) {
        LOG.severe(line);
        try {
            Thread.sleep(500); // let the log handler write the line
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(3);
    }
}
