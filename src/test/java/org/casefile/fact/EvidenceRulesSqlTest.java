package org.casefile.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The evidence rules hold in the database itself: these checks go through plain SQL, not the service.
 */
@QuarkusTest
class EvidenceRulesSqlTest {

    @Test
    void aFactWithoutACitationIsRefusedAtCommit() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            long before = count(c, "select count(*) from fact");
            try (Statement s = c.createStatement()) {
                s.execute("insert into fact (kind) values ('citizenship')");
                s.execute("insert into citizenship (fact_id, person_id, country) "
                        + "values (currval(pg_get_serial_sequence('fact', 'id')), 'meach-sovannara', 'France')");
            }
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("23514", e.getSQLState());
            assertTrue(e.getMessage().contains("has no citation"), e.getMessage());
            c.rollback();
            assertEquals(before, count(c, "select count(*) from fact"));
        }
    }

    @Test
    void removingAFactsLastCitationIsRefusedAtCommit() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("delete from citation where fact_id = (select min(fact_id) from citation)");
            }
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertTrue(e.getMessage().contains("has no citation"), e.getMessage());
        }
    }

    @Test
    void aCitationWhoseOffsetsDoNotHoldItsQuoteIsRefused() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("insert into fact (kind) values ('citizenship')");
                s.execute("insert into citizenship (fact_id, person_id, country) "
                        + "values (currval(pg_get_serial_sequence('fact', 'id')), 'meach-sovannara', 'United States')");
                SQLException e = assertThrows(SQLException.class, () -> s.execute(
                        "insert into citation (fact_id, source_id, quote, start_offset, end_offset) values "
                                + "(currval(pg_get_serial_sequence('fact', 'id')), 'joint-letter-kerry-2016-01-25', "
                                + "'Meach Sovannara, is a US citizen', 0, 31)"));
                assertEquals("23514", e.getSQLState());
                assertTrue(e.getMessage().contains("does not match source joint-letter-kerry-2016-01-25"), e.getMessage());
            }
            c.rollback();
        }
    }

    @Test
    void aCitationThatDoesHoldItsQuoteIsAccepted() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            String text = string(c, "select t.text from source s join source_text t on t.id = s.text_id where s.id = 'joint-letter-kerry-2016-01-25'");
            String quote = "Meach Sovannara, is a US citizen";
            int start = text.codePointCount(0, text.indexOf(quote));
            try (Statement s = c.createStatement()) {
                s.execute("insert into fact (kind) values ('citizenship')");
                s.execute("insert into citizenship (fact_id, person_id, country) "
                        + "values (currval(pg_get_serial_sequence('fact', 'id')), 'meach-sovannara', 'United States')");
                s.execute("insert into citation (fact_id, source_id, quote, start_offset, end_offset) values "
                        + "(currval(pg_get_serial_sequence('fact', 'id')), 'joint-letter-kerry-2016-01-25', '"
                        + quote + "', " + start + ", " + (start + quote.length()) + ")");
            }
            c.rollback();
        }
    }

    @Test
    void aCitationOutsideItsSourcesSectionIsRefused() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            // Lines 1..148 of 002 are the joint statement; cite the first letter's words as the UN letter's.
            String text = string(c, "select text from source_text where origin_file = '002_b9214a17ccd44dbe.txt'");
            String quote = "I am one of your constituents";
            int start = text.codePointCount(0, text.indexOf(quote));
            try (Statement s = c.createStatement()) {
                s.execute("insert into fact (kind) values ('figure')");
                SQLException e = assertThrows(SQLException.class, () -> s.execute(
                        "insert into citation (fact_id, source_id, quote, start_offset, end_offset) values "
                                + "(currval(pg_get_serial_sequence('fact', 'id')), 'letter-un-member-states', '"
                                + quote + "', " + start + ", " + (start + quote.length()) + ")"));
                assertTrue(e.getMessage().contains("outside source letter-un-member-states"), e.getMessage());
            }
            c.rollback();
        }
    }

    @Test
    void storedTextsAreNeverEdited() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("update source_text set text = 'rewritten' where origin_file = '000_b4a13132b8e4e3e0.txt'"));
            assertTrue(e.getMessage().contains("never edited"), e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("delete from source_text"));
            assertTrue(e.getMessage().contains("never edited"), e.getMessage());
        }
    }

    @Test
    void aTextMustMatchItsHash() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(
                    "insert into source_text (text, sha256, length) values ('abc', repeat('0', 64), 3)"));
            assertTrue(e.getMessage().contains("source_text_sha256_matches"), e.getMessage());
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
