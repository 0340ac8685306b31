package engram.platform;

import java.util.function.ToIntFunction;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import com.zaxxer.hikari.HikariPoolMXBean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The connection pool's MicroProfile Metrics at GET /metrics (engram.db.pool.*; names in docs/deploy.md). Each feature
 * registers the metrics of what it measures itself (the participant side's: engram.run.control.RunMetrics).
 */
@ApplicationScoped
public class PoolMetrics {

    @Inject
    MetricRegistry registry;
    @Inject
    Database database;

    private boolean registered;

    /** Registers every metric at deployment, so that /metrics lists them before the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
        register();
    }

    synchronized void register() {
        if (registered) {
            return;
        }
        poolGauge("engram.db.pool.active", "Connections in use", HikariPoolMXBean::getActiveConnections);
        poolGauge("engram.db.pool.idle", "Connections idle in the pool", HikariPoolMXBean::getIdleConnections);
        poolGauge("engram.db.pool.total", "Connections open", HikariPoolMXBean::getTotalConnections);
        poolGauge("engram.db.pool.pending", "Threads waiting for a connection", HikariPoolMXBean::getThreadsAwaitingConnection);
        registry.gauge(Metadata.builder().withName("engram.db.pool.max").withDescription("Pool size (engram.db.pool.size)").build(),
                () -> database.isStarted() ? database.poolSize() : 0);
        registered = true;
    }

    private void poolGauge(String name, String description, ToIntFunction<HikariPoolMXBean> reading) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), () -> {
            HikariPoolMXBean pool = database.isStarted() ? database.pool() : null;
            return pool == null ? 0 : reading.applyAsInt(pool);
        });
    }
}
