package org.casefile.custody;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.casefile.api.Snapshot;

/**
 * Every person's judged custody status, kept as day ranges (custody_judgement, V15): the runs cf_custody_runs gives,
 * so a count or the list's status filter on a day reads one row per person instead of judging all their claims. It
 * is built whole from one snapshot of the data, as the public sees it, and used only while the data is still at the
 * version it was built from (data_version, which every change moves in the writing transaction). Editors, and
 * questions about the records as they stood at an earlier time, are always judged from the claims.
 */
@ApplicationScoped
public class CustodyJudgements {

    /** The runs of cf_custody_runs, with the sources the claims of the judged state cite; merged people left out. */
    static final String JUDGE = """
            insert into custody_judgement (person_id, name, days, state, certainty, since, last_confirmed, presumed_since,
                                           disputed, facts, state_facts, sources)
            select r.person_id, p.name, r.days, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since,
                   r.disputed, r.facts, r.state_facts,
                   array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.state_facts) order by 1)
            from cf_custody_runs(null, null) r join person p on p.id = r.person_id and p.merged_into is null""";

    /**
     * Everyone with a status on :day (person_id, name, state, certainty, disputed, last_confirmed, sources: those the
     * claims of the judged state cite), from the kept judgement ({@code kept}, see {@link #current}) or judged from
     * the claims, as recorded at :known when {@code knownAt}: with the presumed statuses too under basis last_known
     * (a caller picks its basis with cf_custody_in_basis), only the confirmed ones under confirmed.
     */
    public static String judgedOn(boolean kept, boolean knownAt, String basis) {
        return kept ? """
                select person_id, name, state, certainty, disputed, last_confirmed, sources
                from custody_judgement where days @> cast(:day as date)"""
                : """
                select s.person_id, p.name, s.status as state, s.certainty, s.disputed, s.last_confirmed,
                       array(select distinct ci.source_id from citation ci where ci.fact_id = any(s.state_facts) order by 1) as sources
                from cf_custody_status_of(null, cast(:day as date), %s, '%s') s
                join person p on p.id = s.person_id and p.merged_into is null
                where s.status <> 'unknown'""".formatted(knownAt ? "cast(:known as timestamptz)" : "null", Basis.of("basis", basis));
    }

    /**
     * Everyone with a custody claim (person_id), from the kept list or the claims: a count's people "left out" are
     * these less the people with a confirmed status on the day.
     */
    public static String claimants(boolean kept, boolean knownAt) {
        return kept ? "select person_id from custody_claimant"
                : knownAt ? """
                select distinct c.person_id from cf_custody_at(cast(:known as timestamptz)) c
                join person p on p.id = c.person_id and p.merged_into is null where c.rank <> 'deprecated'"""
                : """
                select p.id as person_id from person p where p.merged_into is null
                  and exists (select 1 from custody_period c join fact f on f.id = c.fact_id
                              where c.person_id = p.id and f.rank <> 'deprecated')""";
    }

    static final String CLAIMANTS = "insert into custody_claimant (person_id) " + claimants(false, false);

    static final String BUILT = """
            update custody_judgement_built set built_version = ?, built_at = now(),
              latest_definite = (select max(upper(c.definite_span) - 1) from custody_period c join fact f on f.id = c.fact_id
                                 where f.rank <> 'deprecated')""";

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    public CustodyJudgements(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /**
     * Whether this reader may use the kept judgement: today's records (no {@code knownAt}), a reader who sees what the
     * public sees, and it is current (cf_custody_judgement_current, V15, decides the last two).
     */
    public boolean current(OffsetDateTime knownAt) {
        return knownAt == null && (Boolean) em.createNativeQuery("select cf_custody_judgement_current()").getSingleResult();
    }

    /**
     * Judges everyone again if the kept judgement is behind the data; answers the data version it now reflects. One
     * transaction, one snapshot: until it commits, readers find the judgement behind and judge from the claims; a
     * change committed meanwhile moves data_version past the version built, so the new judgement is never used stale.
     */
    public long rebuildIfBehind() throws SQLException {
        return Snapshot.write(dataSource, c -> {
            try (Statement s = c.createStatement()) {
                long version = single(s, "select version from data_version");
                // Locked: of two builders, the second waits, then finds the work done (or fails and tries later).
                long built = single(s, "select coalesce(built_version, 0) from custody_judgement_built for update");
                if (built == version) {
                    return version;
                }
                s.executeUpdate("delete from custody_judgement");
                s.executeUpdate("delete from custody_claimant");
                s.executeUpdate(JUDGE);
                s.executeUpdate(CLAIMANTS);
                // Fresh statistics with the rows, not whenever autovacuum comes by (or never, where it is off): planned
                // on the empty table's, a person's status scans all runs instead of reading their few by the index.
                s.execute("analyze custody_judgement");
                s.execute("analyze custody_claimant");
                try (var u = c.prepareStatement(BUILT)) {
                    u.setLong(1, version);
                    u.executeUpdate();
                }
                return version;
            }
        });
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
