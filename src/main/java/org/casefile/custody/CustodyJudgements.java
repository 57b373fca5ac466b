package org.casefile.custody;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import org.casefile.db.Sql;

/**
 * Every person's judged custody status, kept as day ranges (custody_judgement, V15): the runs cf_custody_runs gives,
 * so a count or the list's status filter on a day reads one row per person instead of judging all their claims. It
 * holds the data as the public sees it now: the people a write touches are judged again before it commits (V19).
 * Editors, and questions about the records as they stood at an earlier time, are always judged from the claims.
 */
@ApplicationScoped
public class CustodyJudgements {

    private static final Sql CURRENT = Sql.of("select cf_custody_judgement_current() as current");

    /**
     * Everyone with a status on :day (person_id, name, state, certainty, disputed, last_confirmed, sources: those the
     * claims of the judged state cite), from the kept judgement ({@code kept}, see {@link #current}) or judged from
     * the claims, as recorded at :known when {@code knownAt}: with the presumed statuses too under basis last_known
     * (a caller picks its basis with cf_custody_in_basis), only the confirmed ones under confirmed. The basis is written
     * in as one of its two literals, a shape of the statement like {@code kept}: a caller binds :basis for its own.
     */
    public static String judgedOn(boolean kept, boolean knownAt, String basis) {
        if (kept) {
            return """
                    select person_id, name, state, certainty, disputed, last_confirmed, sources
                    from custody_judgement where days @> cast(:day as date)""";
        }
        String known = knownAt ? "cast(:known as timestamptz)" : "null";
        String judgedBasis = Basis.CONFIRMED.equals(Basis.of("basis", basis)) ? "'" + Basis.CONFIRMED + "'" : "'" + Basis.LAST_KNOWN + "'";
        return """
                select s.person_id, p.name, s.status as state, s.certainty, s.disputed, s.last_confirmed,
                       array(select distinct ci.source_id from citation ci where ci.fact_id = any(s.state_facts) order by 1) as sources
                from cf_custody_status_of(null, cast(:day as date), """ + known + ", " + judgedBasis + ") s" + """

                join person p on p.id = s.person_id and p.merged_into is null
                where s.status <> 'unknown'""";
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
                : "select person_id from custody_claimant_now";
    }

    private final EntityManager em;

    public CustodyJudgements(EntityManager em) {
        this.em = em;
    }

    /**
     * Whether this reader may use the kept judgement: today's records (no {@code knownAt}), and a reader who sees what
     * the public sees (cf_custody_judgement_current decides).
     */
    public boolean current(OffsetDateTime knownAt) {
        return knownAt == null && CURRENT.in(em).one(r -> r.flag("current"));
    }
}
