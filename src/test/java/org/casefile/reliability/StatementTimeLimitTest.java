package org.casefile.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.casefile.MigrationTimeLimit;
import org.casefile.db.Snapshot;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every statement a request runs has a time limit, on both the JDBC pool's connections and the event loop's; a
 * request whose statement runs past it is a 503 problem with Retry-After, and the service goes on answering. The
 * background builders and the migrations run without it. Here the limit is 300 ms, and judging 20,000 people as the
 * records stood at a time (knownAt) takes longer.
 */
@QuarkusTest
@TestProfile(StatementTimeLimitTest.TinyTimeLimit.class)
class StatementTimeLimitTest {

    static final String LIMIT = "300ms";

    public static class TinyTimeLimit extends LimitsData.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = super.getConfigOverrides();
            config.put("casefile.limits.statement-timeout", LIMIT);
            config.put("casefile.limits.concurrent-expensive-requests", "4");
            return config;
        }
    }

    private static final Logger LOG = Logger.getLogger(StatementTimeLimitTest.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.vertx.mutiny.sqlclient.Pool reactive;

    @Test
    void aStatementPastTheTimeLimitIsA503ProblemWithRetryAfter() throws Exception {
        LimitsData.generate();
        String knownAt = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString();
        for (String asOf : new String[] {"2020-06-01", "2019-06-01"}) {
            long started = System.nanoTime();
            given().queryParam("asOf", asOf).queryParam("knownAt", knownAt)
                    .get("/api/counts")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Took too long"))
                    .body("detail", containsString("time limit of " + LIMIT))
                    .body("detail", containsString("narrower question"));
            LOG.infof("The judged count on %s was answered 503 after %d ms", asOf, (System.nanoTime() - started) / 1_000_000);
        }
        // The connection went back to the pool in working order.
        given().get("/api/counts/definitions").then().statusCode(200);
        given().get("/api/sources").then().statusCode(200);
    }

    @Test
    void everyConnectionLogsInWithTheLimits() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertEquals(LIMIT, show(c, "statement_timeout"));
            assertEquals("1min", show(c, "idle_in_transaction_session_timeout"));
        }
        var row = reactive.query("select current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout')")
                .execute().await().atMost(java.time.Duration.ofSeconds(10)).iterator().next();
        assertEquals(LIMIT, row.getString(0));
        assertEquals("1min", row.getString(1));
    }

    @Test
    void theBackgroundBuildersWorkWithoutTheLimitAndLeaveItInPlace() throws Exception {
        assertEquals("0", Snapshot.read(dataSource, c -> show(c, "statement_timeout")));
        assertEquals(1.0, Snapshot.read(dataSource, c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select 1.0 from pg_sleep(0.5)")) {
                r.next();
                return r.getDouble(1);
            }
        }));
        try (Connection c = dataSource.getConnection()) {
            assertEquals(LIMIT, show(c, "statement_timeout"), "set local: the pooled connection keeps its limit");
        }
    }

    /**
     * A migration that runs past the limit completes (Flyway with the service's callback, on a connection logged in
     * with the limit, in a schema of its own); without the callback the same migration is stopped.
     */
    @Test
    void aMigrationRunsWithoutTheLimit() throws SQLException {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        var limited = new org.postgresql.ds.PGSimpleDataSource();
        limited.setUrl(url);
        limited.setUser(org.casefile.AppDatabase.ROLE);
        limited.setPassword(org.casefile.AppDatabase.PASSWORD);
        limited.setOptions("-c statement_timeout=" + LIMIT);
        Flyway lifted = Flyway.configure().dataSource(limited).schemas("limits_slow_migration_lifted")
                .locations("classpath:db/slow-migration").callbacks(new MigrationTimeLimit.Lift()).load();
        assertEquals(1, lifted.migrate().migrationsExecuted);
        Flyway plain = Flyway.configure().dataSource(limited).schemas("limits_slow_migration_plain")
                .locations("classpath:db/slow-migration").load();
        Exception stopped = assertThrows(Exception.class, plain::migrate);
        assertTrue(String.valueOf(stopped.getMessage()).contains("statement timeout"), stopped.getMessage());
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
