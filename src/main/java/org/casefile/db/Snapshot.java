package org.casefile.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work on one connection in one repeatable-read transaction, so all it reads comes from one snapshot of the data:
 * building a projection and stamping it with the snapshot it was built from (the kept counts, the name index). A
 * background builder's work runs without the statement time limit (judging everyone again at 100,000 people is one
 * statement of minutes); a request's ({@link #readInRequest}) within it.
 */
public final class Snapshot {

    /** The work, given the connection whose transaction it runs in. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** A request's transaction: one snapshot, and PostgreSQL refuses a write. */
    private static final Sql READ_IN_REQUEST = Sql.of("set transaction isolation level repeatable read, read only");

    /** A builder's transaction runs without the statement time limit (for this transaction only). */
    private static final Sql NO_TIME_LIMIT = Sql.of("set local statement_timeout = 0");

    /** How long a builder waits for a byte from PostgreSQL before it gives the connection up. */
    static final java.time.Duration BUILDER_NETWORK_TIMEOUT = java.time.Duration.ofMinutes(60);

    private Snapshot() {
    }

    /** Commits what the work wrote; if it throws, nothing of it is kept. */
    public static <T> T write(DataSource dataSource, Work<T> work) throws SQLException {
        return run(dataSource, false, work);
    }

    /** Reads only (PostgreSQL refuses a write). */
    public static <T> T read(DataSource dataSource, Work<T> work) throws SQLException {
        return run(dataSource, true, work);
    }

    /**
     * Reads only, as a request does: within the pool's time limits. The transaction's kind is set by its first
     * statement, not by the driver's session settings, which cost a round trip each to set and to reset.
     */
    public static <T> T readInRequest(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                READ_IN_REQUEST.on(c).update();
                return work.on(c);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static <T> T run(DataSource dataSource, boolean readOnly, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // The pool's read timeout gives up on a server silent for minutes; a builder's one statement may take that
            // long on a busy machine, and would then never finish. A vanished server is still noticed, later.
            int networkTimeout = c.getNetworkTimeout();
            c.setNetworkTimeout(Runnable::run, (int) BUILDER_NETWORK_TIMEOUT.toMillis());
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(readOnly);
            try {
                NO_TIME_LIMIT.on(c).update();
                T result = work.on(c);
                if (readOnly) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                // Back to the pool as it came.
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(autoCommit);
                c.setNetworkTimeout(Runnable::run, networkTimeout);
            }
        }
    }
}
