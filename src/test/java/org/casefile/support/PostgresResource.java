package org.casefile.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.casefile.AppDatabase;

/**
 * The PostgreSQL the tests run against. By default an embedded PostgreSQL (nothing to install); with
 * CASEFILE_TEST_DB_URL set (e.g. jdbc:postgresql://127.0.0.1:5432/test) a fresh database is created on that
 * server for the run and dropped afterwards, so an existing database is never touched.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres embedded;
    private String serverUrl;
    private String database;
    private String editingDatabase;
    private String limitsDatabase;
    private String user;
    private String password;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("CASEFILE_TEST_DB_URL");
        user = System.getenv().getOrDefault("CASEFILE_TEST_DB_USER", "postgres");
        password = System.getenv().getOrDefault("CASEFILE_TEST_DB_PASSWORD", "");
        if (url == null || url.isBlank()) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getMessage(), e);
            }
            serverUrl = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        } else {
            serverUrl = url;
        }
        // The service logs in as an ordinary role, as in use: row-level security does not bind superusers.
        database = "casefile_test_" + Long.toHexString(System.nanoTime());
        url = AppDatabase.prepare(serverUrl, user, password, database);
        // Tests that write (EditingProfile) get a database of their own, so what they add never shows in the
        // seed-only answers the read tests check.
        editingDatabase = "casefile_editing_" + Long.toHexString(System.nanoTime());
        String editingUrl = AppDatabase.prepare(serverUrl, user, password, editingDatabase);
        // The resource limit tests (LimitsProfile) generate tens of thousands of people: a database of their own too.
        limitsDatabase = "casefile_limits_" + Long.toHexString(System.nanoTime());
        String limitsUrl = AppDatabase.prepare(serverUrl, user, password, limitsDatabase);
        return Map.of("quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", AppDatabase.ROLE,
                "quarkus.datasource.password", AppDatabase.PASSWORD,
                "casefile.test.editing-jdbc-url", editingUrl,
                "casefile.test.limits-jdbc-url", limitsUrl);
    }

    @Override
    public void stop() {
        try {
            if (embedded != null) {
                embedded.close();
                return;
            }
            if (database != null) {
                execute("drop database if exists " + database + " with (force)");
            }
            if (editingDatabase != null) {
                execute("drop database if exists " + editingDatabase + " with (force)");
            }
            if (limitsDatabase != null) {
                execute("drop database if exists " + limitsDatabase + " with (force)");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("On CASEFILE_TEST_DB_URL=" + serverUrl + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
