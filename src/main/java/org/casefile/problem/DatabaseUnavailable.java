package org.casefile.problem;

import java.net.SocketException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * PostgreSQL is unreachable or went away (stopped, restarting, crashed): no fault of the request and no bug, so the
 * answer is a 503 with Retry-After, never a 500. One rule for both ways the service reads: JDBC (Agroal, Hibernate,
 * plain statements) and the reactive client (Vert.x's, on the same datasource).
 */
public final class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);

    /** What a client is told to wait: about as long as PostgreSQL takes to restart, or to recover from a crash. */
    public static final int RETRY_AFTER_SECONDS = 5;

    static final String TITLE = "Database unavailable";
    static final String DETAIL = "Casefile cannot reach its database right now (it may be restarting). Retry in "
            + RETRY_AFTER_SECONDS + " seconds. A write that got this answer was not acknowledged: if the database went "
            + "away while it was being saved, it may have been saved, so look for it before sending it again.";

    /** Outages are logged at most this often: under load every request meets the same one. */
    private static final long LOG_EVERY_MS = 30_000;
    private static final AtomicLong lastLogged = new AtomicLong();

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code e}, or anything it was caused by or suppressed, says PostgreSQL is unavailable: SQLSTATE class 08
     * (connection refused, closed, broken), 57P01/57P02/57P03 (administrator or crash shutdown, cannot connect now),
     * a refused, timed-out, reset or closed connection of the Vert.x client.
     */
    public static boolean isCauseOf(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (says(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.push(suppressed);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.push(sql.getNextException());
            }
        }
        return false;
    }

    /** The SQLSTATEs of a database that is not there: connection exceptions and the server shutting down or starting. */
    public static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    private static boolean says(Throwable t) {
        if (t instanceof SQLException sql) {
            return unavailableState(sql.getSQLState());
        }
        if (t instanceof io.vertx.sqlclient.DatabaseException db) {
            return unavailableState(db.getSqlState());
        }
        // The Vert.x client's socket: a refused or timed-out connect (java.net's and Netty's), a connection reset, or
        // closed under it, as the client says so or as Netty does when a read is sent on it. (JDBC's are class 08.)
        return t instanceof SocketException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                || t instanceof java.nio.channels.ClosedChannelException;
    }

    /** The answer: a 503 problem; the caller adds Retry-After ({@link #RETRY_AFTER_SECONDS}). */
    public static Problem problem(String path) {
        Problem problem = new Problem(503, TITLE, DETAIL);
        problem.instance = path;
        return problem;
    }

    /** Says in the log that PostgreSQL is unavailable, at most every 30 s. */
    public static void log(Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("PostgreSQL is unavailable (%s); requests are answered 503 with Retry-After: %d until it is back "
                    + "(said at most every %d s).", rootMessage(e), RETRY_AFTER_SECONDS, LOG_EVERY_MS / 1000);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.toString();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (t != null && seen.add(t)) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause();
        }
        return message;
    }
}
