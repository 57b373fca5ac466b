package org.casefile.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away is told apart from everything else, however the failure is wrapped, on both stacks (JDBC and the
 * Vert.x client); OutageTest shows the answers it leads to with a real PostgreSQL stopped and killed.
 */
class DatabaseUnavailableTest {

    @Test
    void connectionExceptionsAndShutdownsAreTheDatabaseAway() {
        for (String state : new String[] {"08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03"}) {
            assertTrue(DatabaseUnavailable.isCauseOf(new SQLException("away", state)), state);
            assertTrue(DatabaseUnavailable.isCauseOf(new PgException("away", "FATAL", state, null)), "Vert.x " + state);
        }
    }

    @Test
    void theRequestsOwnFailuresAndBusyAreNot() {
        for (String state : new String[] {"23505", "22021", "57014", "40001", "42P01", null}) {
            assertFalse(DatabaseUnavailable.isCauseOf(new SQLException("not away", state)), String.valueOf(state));
            assertFalse(DatabaseUnavailable.isCauseOf(new PgException("not away", "ERROR", state, null)), "Vert.x " + state);
        }
        assertFalse(DatabaseUnavailable.isCauseOf(new SQLException("Sorry, acquisition timeout!")), "busy is ProblemMappers' own");
        assertFalse(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug")));
    }

    @Test
    void itIsFoundThroughWrappersCausesAndSuppressedExceptions() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused"));
        // As Hibernate and Arc wrap it.
        assertTrue(DatabaseUnavailable.isCauseOf(new RuntimeException("Error invoking subclass method",
                new IllegalStateException("JDBC exception executing SQL", refused))));
        // As Narayana adds a failed commit to the exception it throws.
        RuntimeException rolledBack = new RuntimeException("rolled back");
        rolledBack.addSuppressed(new Exception("XAException", new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseUnavailable.isCauseOf(rolledBack));
        // A chain of SQLExceptions.
        SQLException batch = new SQLException("batch failed", "22000");
        batch.setNextException(new SQLException("I/O error", "08006"));
        assertTrue(DatabaseUnavailable.isCauseOf(batch));
        // A cycle ends.
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.addSuppressed(b);
        assertFalse(DatabaseUnavailable.isCauseOf(a));
    }

    @Test
    void theVertxClientsSocketGoingAwayIsTheDatabaseAway() {
        assertTrue(DatabaseUnavailable.isCauseOf(new ConnectException("Connection refused: localhost/127.0.0.1:5432")));
        assertTrue(DatabaseUnavailable.isCauseOf(new SocketException("Connection reset")));
        assertTrue(DatabaseUnavailable.isCauseOf(io.vertx.sqlclient.ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseUnavailable.isCauseOf(new java.nio.channels.ClosedChannelException()));
    }
}
