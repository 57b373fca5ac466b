package org.casefile.person;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Under row-level security PostgreSQL uses an index only for LEAKPROOF operators. Name search must still reach its
 * trigram index as the service's own role, or it reads every name (seconds at a hundred thousand people).
 */
@QuarkusTest
class NameSearchPlanTest {

    @Test
    void theServiceRoleSearchesNamesThroughTheTrigramIndex() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet who = s.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
                who.next();
                assertTrue(!who.getBoolean(1), "the test connects as the service's ordinary role");
            }
            // The seed is small enough that a scan would win on cost; take that choice away to see what is possible.
            s.execute("set local enable_seqscan = off");
            try (ResultSet r = s.executeQuery("explain select n.person_id from person_name n "
                    + "where 'kem sokha' <% n.search_key")) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            c.rollback();
        }
        assertTrue(plan.toString().contains("person_name_search_trgm_idx"), plan.toString());
    }
}
