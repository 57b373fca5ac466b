package org.casefile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.pgclient.PgConnectOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event-loop connections log in where the datasource does, or not at all. */
class EventLoopReadsTest {

    @Test
    void aPlainJdbcUrlGivesTheSameServerDatabaseAndRole() {
        PgConnectOptions o = EventLoopReads.connectOptions("jdbc:postgresql://db.example:6543/case%20file?ApplicationName=x",
                Optional.of("casefile"), Optional.of("secret"));
        assertEquals("db.example", o.getHost());
        assertEquals(6543, o.getPort());
        assertEquals("case file", o.getDatabase());
        assertEquals("casefile", o.getUser());
        assertEquals("secret", o.getPassword());
    }

    @Test
    void credentialsInTheUrlAreUsedWhenNoneAreConfigured() {
        PgConnectOptions o = EventLoopReads.connectOptions("jdbc:postgresql://localhost/casefile?user=reader&password=p%26w",
                Optional.empty(), Optional.empty());
        assertEquals(5432, o.getPort());
        assertEquals("reader", o.getUser());
        assertEquals("p&w", o.getPassword());
    }

    @Test
    void urlsItCannotRepeatFaithfullyTurnItOff() {
        assertNull(EventLoopReads.connectOptions("jdbc:postgresql://a:5432,b:5432/casefile", Optional.empty(), Optional.empty()));
        assertNull(EventLoopReads.connectOptions("jdbc:postgresql://a/casefile?sslmode=require", Optional.empty(), Optional.empty()));
        assertNull(EventLoopReads.connectOptions("jdbc:postgresql:casefile", Optional.empty(), Optional.empty()));
        assertNull(EventLoopReads.connectOptions(null, Optional.empty(), Optional.empty()));
    }
}
