package org.casefile.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** An exhausted connection pool is the service being busy (503 with Retry-After), not a bug (500). */
class BusyTest {

    @Test
    void anAcquisitionTimeoutAnywhereInTheCausesIsBusy() {
        Exception agroal = new SQLException("Sorry, acquisition timeout!");
        assertTrue(ProblemMappers.overloaded(new RuntimeException("could not prepare statement", new IllegalStateException(agroal))));
        assertFalse(ProblemMappers.overloaded(new RuntimeException(new SQLException("syntax error"))));
        assertFalse(ProblemMappers.overloaded(new IllegalStateException()));
    }

    @Test
    void aStatementCancelledAtTheTimeLimitIsNotABug() {
        assertTrue(ProblemMappers.cancelled(new RuntimeException(new SQLException("canceling statement due to user request", "57014"))));
        assertFalse(ProblemMappers.cancelled(new RuntimeException(new SQLException("duplicate key", "23505"))));
    }
}
