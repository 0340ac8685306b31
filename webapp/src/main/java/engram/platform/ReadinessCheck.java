package engram.platform;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** UP once engram has migrated its database and the database answers a real query ({@link Database#ping}); reported by MicroProfile Health at GET /health. */
@Readiness
@Liveness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    Database database;

    @Override
    public HealthCheckResponse call() {
        boolean up = database.isStarted() && database.ping();
        return HealthCheckResponse.named("engram-database").status(up).build();
    }
}
