package org.casefile.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.casefile.AppDatabase;
import org.casefile.EmbeddedDatabase;
import org.casefile.security.RowSecurityCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service refuses to run as a role row-level security does not bind, in one line that says what to do instead. */
class RowSecurityCheckTest {

    @TempDir
    Path folder;

    @Test
    void aSuperuserOrABypassrlsRoleIsRefusedAnOrdinaryRoleIsNot() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(folder.resolve("postgres"), 0)) {
            String superuserUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(superuserUrl)) {
                String refusal = RowSecurityCheck.refusal(c);
                assertTrue(refusal.startsWith("Casefile will not start: it logs in to PostgreSQL as 'postgres', a superuser, "
                        + "which row-level security does not bind"), refusal);
                assertTrue(refusal.contains("create role casefile login") && refusal.endsWith(
                        "or set CASEFILE_ACCEPT_PUBLIC_RESTRICTED=true to accept that restricted records are public."), refusal);
                assertEquals(-1, refusal.indexOf('\n'), "one line");
                try (Statement s = c.createStatement()) {
                    s.execute("create role bypasser login password 'x' nosuperuser bypassrls");
                }
            }
            String url = AppDatabase.prepare(superuserUrl, "postgres", "", "casefile");
            try (Connection c = DriverManager.getConnection(url, AppDatabase.ROLE, AppDatabase.PASSWORD)) {
                assertNull(RowSecurityCheck.refusal(c), "the ordinary role the README creates");
            }
            try (Connection c = DriverManager.getConnection(url, "bypasser", "x")) {
                assertTrue(RowSecurityCheck.refusal(c).contains("as 'bypasser', a role with BYPASSRLS,"));
            }
        }
    }
}
