package engram.platform;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceProvider;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

/**
 * The database: a connection pool, the Flyway migrations from sql/, and a Hibernate EntityManagerFactory that validates
 * the migrated schema; the entities come from the composition root ({@link EntityList}). Work runs in explicit transactions that commit before the caller answers anybody.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private HikariDataSource dataSource;
    private EntityManagerFactory entityManagerFactory;
    private EngramConfig config;
    private volatile boolean started;

    public synchronized void start(EngramConfig config) {
        if (started) {
            return;
        }
        this.config = config;
        dataSource = pool(config);
        pingThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engram-health-probe");
            thread.setDaemon(true);
            return thread;
        });
        int applied = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate().migrationsExecuted;
        LOG.info(() -> "Database " + redacted(config.databaseUrl()) + ": " + applied + " migration(s) applied");
        entityManagerFactory = new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(new PersistenceUnit(dataSource, EntityList.registered(), hibernateSettings()), Map.of());
        started = true;
    }

    public boolean isStarted() {
        return started;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The settings the database was started with (null before start). */
    public EngramConfig config() {
        return config;
    }

    /** The pool's live counts (connections in use, idle, threads waiting), or null before start. */
    public HikariPoolMXBean pool() {
        return dataSource == null ? null : dataSource.getHikariPoolMXBean();
    }

    public int poolSize() {
        return dataSource == null ? 0 : dataSource.getMaximumPoolSize();
    }

    /** Runs the work in one transaction, committed before this method returns. */
    public <T> T write(Function<EntityManager, T> work) {
        EntityManager em = entityManagerFactory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        T result;
        try {
            tx.begin();
            result = work.apply(em);
            tx.commit();
        } catch (RuntimeException e) {
            rollbackAfter(tx, e);
            closeAfter(em, e);
            throw e;
        }
        em.close();
        return result;
    }

    public void writeAll(Consumer<EntityManager> work) {
        write(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs read-only work; nothing it changes is kept. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = entityManagerFactory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        T result;
        try {
            tx.begin();
            result = work.apply(em);
        } catch (RuntimeException e) {
            rollbackAfter(tx, e);
            closeAfter(em, e);
            throw e;
        }
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } finally {
            em.close();
        }
        return result;
    }

    private static void closeAfter(EntityManager em, RuntimeException failure) {
        try {
            em.close();
        } catch (RuntimeException close) {
            if (close != failure) {
                failure.addSuppressed(close);
            }
        }
    }

    /**
     * Rolls back (and {@link #closeAfter closes}) after a failure without hiding it: when the database has gone away the rollback fails too ("Connection
     * is closed"), and the caller must still see the failure that says why (e.g. SQLState 08006), so that the API can
     * answer 503 database_unavailable rather than 500.
     */
    private static void rollbackAfter(EntityTransaction tx, RuntimeException failure) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollback) {
            if (rollback != failure) {
                failure.addSuppressed(rollback);
            }
        }
    }

    /**
     * True when the database answers a real query on engram's own table within {@value #PING_SECONDS} s, waiting for a
     * pooled connection included. {@code Connection.isValid} is not enough: after an H2 store failure ("The database has
     * been closed") the pooled connections still pass it while every statement fails. When the database is down the
     * pool would wait 30 s for a connection, so the probe runs on its own thread and at most one runs at a time: callers
     * that come while one is running wait for that one.
     */
    public boolean ping() {
        if (dataSource == null || pingThread == null) {
            return false;
        }
        CompletableFuture<Boolean> probe = runningPing.updateAndGet(
                running -> running != null && !running.isDone() ? running : CompletableFuture.supplyAsync(this::query, pingThread));
        try {
            return probe.get(PING_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Health check: the database did not answer within " + PING_SECONDS + " s");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private boolean query() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout(PING_SECONDS);
            try (var result = statement.executeQuery(HEALTH_QUERY)) {
                return result.next();
            } finally {
                connection.rollback();
            }
        } catch (Exception e) {
            LOG.warning(() -> "Health check: the database does not answer: " + LogText.clip(String.valueOf(e)));
            return false;
        }
    }

    static final int PING_SECONDS = 2;
    static final long CONNECTION_TIMEOUT_MS = 10_000;
    private final AtomicReference<CompletableFuture<Boolean>> runningPing = new AtomicReference<>();
    private ExecutorService pingThread;

    /** A read of engram's own data, as every participant request does. */
    static final String HEALTH_QUERY = "SELECT COUNT(*) FROM experiment";

    @PreDestroy
    public synchronized void stop() {
        if (pingThread != null) {
            pingThread.shutdownNow();
        }
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
            entityManagerFactory = null;
        }
        if (dataSource != null) {
            dataSource.close();
        }
        started = false;
    }

    private static HikariDataSource pool(EngramConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("engram");
        hikari.setJdbcUrl(config.databaseUrl());
        hikari.setUsername(config.databaseUser());
        hikari.setPassword(config.databasePassword());
        hikari.setMaximumPoolSize(config.poolSize());
        // A request gives up waiting for a connection after 10 s (Hikari's default is 30 s): the participant page stops
        // waiting for an answer after 15 s, so a longer wait only holds a request thread. At saturation on two cores
        // trial saves took at most 5 s (docs/benchmarks/server.md); when the database is down this is when the API
        // answers 503 database_unavailable.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setAutoCommit(false);
        hikari.setDriverClassName(config.isH2() ? "org.h2.Driver" : "org.postgresql.Driver");
        return new HikariDataSource(hikari);
    }

    private static Properties hibernateSettings() {
        Properties p = new Properties();
        p.put("hibernate.hbm2ddl.auto", "validate");
        p.put("hibernate.transaction.coordinator_class", "jdbc");
        p.put("hibernate.transaction.jta.platform", "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
        p.put("hibernate.connection.provider_disables_autocommit", "true");
        p.put("hibernate.jdbc.batch_size", "50");
        p.put("hibernate.order_inserts", "true");
        p.put("hibernate.jdbc.time_zone", "UTC");
        p.put("hibernate.enhancer.enableDirtyTracking", "false");
        p.put("hibernate.enhancer.enableLazyInitialization", "false");
        p.put("hibernate.enhancer.enableAssociationManagement", "false");
        p.put("hibernate.session_factory_name_is_jndi", "false");
        p.put("hibernate.type.json_format_mapper", NoFormatMapper.class.getName());
        p.put("hibernate.type.xml_format_mapper", NoFormatMapper.class.getName());
        return p;
    }

    private static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
