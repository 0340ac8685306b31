package engram.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the database itself (stopped, unreachable, or an H2 store that has closed) apart from one failing
 * statement, so that the API answers 503 {@code database_unavailable} for the first and keeps 500 for the second
 * (docs/security.md, section 2).
 */
final class DatabaseOutage {

    /** H2's DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, IO_EXCEPTION_1, IO_EXCEPTION_2 and CONNECTION_BROKEN_1. */
    private static final java.util.Set<Integer> H2_CODES = java.util.Set.of(90098, 90121, 90028, 90031, 90067);
    private static final int MAX_CAUSES = 16;

    private DatabaseOutage() {
    }

    /**
     * True when a cause is a pool that gave no connection in time, a broken or refused connection (SQLState class 08),
     * a PostgreSQL server shutting down or starting (57P01–57P03), a closed or failed H2 store, or H2's MVStore failing.
     */
    static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P0") || H2_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }
}
