package engram.platform;

import java.util.logging.Logger;

import engram.accounts.control.Accounts;
import engram.demo.DemoExperiment;
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
        database.start(config);
        accounts.ensureAdmin(config.adminPassword());
        if (config.createDemo()) {
            demo.ensureExists();
        }
        LOG.info("engram is ready");
    }
}
