package org.casefile.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.casefile.support.TestDatabase;

/**
 * Extra facts about Rong Chhun for the timeline tests, written with plain SQL: dates of every precision (day,
 * month, uncertain year, none) and a passage with accents ({@link #add()}), and custody claims of any rank,
 * public or restricted ({@link #custody}). Every quote is a real passage of the seed's joint statement, so the
 * database's evidence rules accept it. {@link #remove()} deletes exactly what was added.
 */
final class TimelineFixtures {

    static final String SOURCE = "joint-statement-2021-03-23";
    static final String PDCC_QUOTE = "Pro Démocratie pour le Cambodge du Canada (PDCC)";
    static final String SBK_QUOTE = "Société Buddhiste Khmère (SBK)";
    static final String DEMONSTRATORS_QUOTE =
            "against his detention were also arrested and detained";
    static final String MONTH_TITLE = "Fixture: \"demonstrators\", arrested; month precision";
    static final String PDCC_TITLE = "Statement endorsed by Pro Démocratie pour le Cambodge du Canada";
    private static final String RONG_CHHUN_QUOTE = "Mr. Rong Chhun was arrested on July 31, 2020";

    private final List<Long> involvements = new ArrayList<>();
    private final List<Long> incidents = new ArrayList<>();
    private final List<Long> custody = new ArrayList<>();

    void add() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            // The seed declares the organisation (pdcc); the fixture only adds an incident it took part in.
            incident(c, "fixture-uncertain-year", "other", "Fixture: uncertain year", "2019?", "2019-01-01", "2019-12-31",
                    List.of("Khmer Unity for Cambodia (KUC)"), null);
            incident(c, "fixture-month", "arrest", MONTH_TITLE, "2020-08", "2020-08-01", "2020-08-31",
                    List.of(DEMONSTRATORS_QUOTE, SBK_QUOTE), null);
            incident(c, "fixture-pdcc-statement", "statement", PDCC_TITLE, "2021-03-23", "2021-03-23", "2021-03-23",
                    List.of(PDCC_QUOTE), "pdcc");
            incident(c, "fixture-undated", "other", "Fixture: no date stated", null, null, null,
                    List.of("Overseas Khmer Summit (OKS)"), null);
            c.commit();
        }
    }

    /**
     * A custody claim about Rong Chhun citing {@code quote}; {@code start}/{@code end} are day-precision EDTF or
     * null, {@code rank} preferred, normal or deprecated. Written as an editor, who alone may see (and so write and
     * read back) a restricted fact. Answers the fact id.
     */
    long custody(String state, String start, String end, String place, String rank, boolean restricted, String quote)
            throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            asEditor(c);
            long fact;
            try (PreparedStatement s = c.prepareStatement("insert into fact (kind, rank, rank_reason, restricted) "
                    + "values ('custody', ?, ?, ?) returning id")) {
                s.setString(1, rank);
                s.setString(2, rank.equals("deprecated") ? "Timeline fixture: a rejected claim" : null);
                s.setBoolean(3, restricted);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    fact = r.getLong(1);
                }
            }
            custody.add(fact);
            try (PreparedStatement s = c.prepareStatement("insert into custody_period (fact_id, person_id, state, start_edtf, "
                    + "start_lower, start_upper, end_edtf, end_lower, end_upper, place) "
                    + "values (?, 'rong-chhun', ?, ?, ?::date, ?::date, ?, ?::date, ?::date, ?)")) {
                s.setLong(1, fact);
                s.setString(2, state);
                s.setString(3, start);
                s.setString(4, start);
                s.setString(5, start);
                s.setString(6, end);
                s.setString(7, end);
                s.setString(8, end);
                s.setString(9, place);
                s.executeUpdate();
            }
            cite(c, fact, quote);
            c.commit();
            return fact;
        }
    }

    void remove() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            asEditor(c); // a restricted claim is invisible, and so undeletable, to anyone else
            // Deleting the facts cascades to their rows and citations; involvements first (they name the incidents).
            delete(c, involvements);
            delete(c, incidents);
            delete(c, custody);
            c.commit();
        }
    }

    /** Row-level security shows this transaction restricted rows (V8__restricted.sql). */
    private static void asEditor(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select set_config('casefile.reader', 'editor', true)");
        }
    }

    private void incident(Connection c, String id, String type, String title, String edtf, String lower, String upper,
                          List<String> quotes, String organization) throws SQLException {
        long fact = fact(c, "incident");
        incidents.add(fact);
        try (PreparedStatement s = c.prepareStatement("insert into incident (fact_id, id, incident_type, title, date_edtf, "
                + "date_lower, date_upper) values (?, ?, ?, ?, ?, ?::date, ?::date)")) {
            s.setLong(1, fact);
            s.setString(2, id);
            s.setString(3, type);
            s.setString(4, title);
            s.setString(5, edtf);
            s.setString(6, lower);
            s.setString(7, upper);
            s.executeUpdate();
        }
        for (String quote : quotes) {
            cite(c, fact, quote);
        }
        involvement(c, id, "person_id", "rong-chhun", "mentioned", RONG_CHHUN_QUOTE);
        if (organization != null) {
            involvement(c, id, "organization_id", organization, "organizer", quotes.get(0));
        }
    }

    private void involvement(Connection c, String incident, String column, String who, String role, String quote)
            throws SQLException {
        long fact = fact(c, "involvement");
        involvements.add(fact);
        try (PreparedStatement s = c.prepareStatement(
                "insert into involvement (fact_id, incident_id, " + column + ", role) values (?, ?, ?, ?)")) {
            s.setLong(1, fact);
            s.setString(2, incident);
            s.setString(3, who);
            s.setString(4, role);
            s.executeUpdate();
        }
        cite(c, fact, quote);
    }

    private static long fact(Connection c, String kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into fact (kind) values (?) returning id")) {
            s.setString(1, kind);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Cites the first place at or after the source's section start where the quote stands (code-point offsets). */
    private static void cite(Connection c, long fact, String quote) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into citation (fact_id, source_id, quote, start_offset, end_offset)
                select ?, s.id, ?, x.pos, x.pos + char_length(?)
                from source s join source_text t on t.id = s.text_id,
                     lateral (select s.section_start + strpos(substr(t.text, s.section_start + 1), ?) - 1 as pos) x
                where s.id = ?""")) {
            s.setLong(1, fact);
            s.setString(2, quote);
            s.setString(3, quote);
            s.setString(4, quote);
            s.setString(5, SOURCE);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("source " + SOURCE + " missing");
            }
        }
    }

    private static void delete(Connection c, List<Long> facts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from fact where id = any(?)")) {
            s.setArray(1, c.createArrayOf("bigint", facts.toArray()));
            s.executeUpdate();
        }
    }
}
