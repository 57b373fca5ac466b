package org.casefile.reliability;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.jboss.logging.Logger;

/**
 * The resource limit tests' database (PostgresResource's third) and data: tens of thousands of generated people, each
 * with one custody claim citing a long passage, so that judging everyone takes seconds and a whole timeline export is
 * tens of megabytes, more than the sockets between the service and a client that stops reading can hold.
 */
final class LimitsData {

    static final int PEOPLE = 20_000;
    static final String SOURCE = "limits-generated-source";
    /** The whole text is the quote every generated claim cites: each CSV row carries it. */
    static final String TEXT = "The prisoner was detained. " + "Generated for the Casefile resource limit tests. ".repeat(12);

    private static final Logger LOG = Logger.getLogger(LimitsData.class);

    private LimitsData() {
    }

    /** The limits database, an admin, and at most this many concurrent expensive requests of each kind. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", "${casefile.test.limits-jdbc-url}");
            config.put("casefile.admin.password", EditingProfile.ADMIN_PASSWORD);
            config.put("casefile.limits.concurrent-expensive-requests", "1");
            return config;
        }
    }

    /** Generates the people unless an earlier test class on this database did. */
    static synchronized void generate() throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from source where id = '" + SOURCE + "'")) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
            c.setAutoCommit(false);
            s.execute("insert into source_text (origin_file, text, sha256, length) select 'limits-generated', t, "
                    + "encode(sha256(convert_to(t, 'UTF8')), 'hex'), char_length(t) from (select '" + TEXT + "'::text as t) x");
            s.execute("insert into source (id, text_id, section_start, section_end, title, kind, date_edtf, date_lower, date_upper) "
                    + "select '" + SOURCE + "', id, 0, length, 'Generated source for the limit tests', 'other', '2021-01-01', "
                    + "date '2021-01-01', date '2021-01-01' from source_text where origin_file = 'limits-generated'");
            s.execute("insert into person (id, name) select 'limits-' || i, 'Generated Person ' || i from generate_series(1, "
                    + PEOPLE + ") i");
            s.execute("""
                    with f as (insert into fact (kind) select 'custody' from generate_series(1, %d) returning id),
                         n as (select id, row_number() over (order by id) as i from f),
                         p as (insert into custody_period (fact_id, person_id, state, start_edtf, start_lower, start_upper)
                               select id, 'limits-' || i, 'imprisoned', to_char(d, 'YYYY-MM-DD'), d, d
                               from (select id, i, date '2015-01-01' + (i %% 2000)::int as d from n) days
                               returning fact_id)
                    insert into citation (fact_id, source_id, quote, start_offset, end_offset)
                    select fact_id, '%s', '%s', 0, %d from p""".formatted(PEOPLE, SOURCE, TEXT, TEXT.length()));
            // Fresh statistics, so the commit's check that each new fact has a citation uses the index.
            s.execute("analyze person, fact, citation, custody_period");
            c.commit();
        }
        LOG.infof("Generated %d people with a custody claim each in %d ms", PEOPLE, (System.nanoTime() - t0) / 1_000_000);
    }
}
