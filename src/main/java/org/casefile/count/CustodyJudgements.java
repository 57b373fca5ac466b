package org.casefile.count;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.casefile.api.ReaderInterceptor;
import org.casefile.api.Snapshot;

/**
 * Every person's judged custody status, kept as day ranges (custody_judgement, V13), so a count on a day reads one
 * row per person instead of judging all their claims: with a million claims, judging everyone takes a second or more
 * a day. It is built whole from one snapshot of the data, as the public sees it, and used only while the data is still
 * at the version it was built from (data_version, which every change moves in the writing transaction). Editors, and
 * counts as the records stood at an earlier time, are always judged from the claims.
 */
@ApplicationScoped
public class CustodyJudgements {

    /**
     * The judgement, as {@link CountService}'s live statement judges one day, made once for each run of days over
     * which no claim of the person begins or ends (the judgement cannot change inside one), then runs of days with
     * the same judgement joined; only people the public sees, merged ones left out. sources: those the claims of the
     * judged state cite.
     */
    static final String JUDGE = """
            insert into custody_judgement (person_id, name, days, state, definite, disputed, sources)
            with claim as (
              select c.person_id, c.fact_id, c.state, f.rank, c.possible_span, c.definite_span
              from custody_period c join fact f on f.id = c.fact_id
              where f.rank <> 'deprecated' and not isempty(c.possible_span)
            ), edge as (
              select person_id, lower(possible_span) as day from claim
              union select person_id, upper(possible_span) from claim
              union select person_id, lower(definite_span) from claim where not isempty(definite_span)
              union select person_id, upper(definite_span) from claim where not isempty(definite_span)
            ), segment as (
              select person_id, day as first_day, lead(day) over (partition by person_id order by day) as next_day from edge
            ), covering as (
              select s.person_id, s.first_day, s.next_day, c.fact_id, c.state, c.rank,
                     coalesce(c.definite_span @> s.first_day, false) as definite,
                     upper(c.definite_span) - 1 as definite_to
              from segment s join claim c on c.person_id = s.person_id and c.possible_span @> s.first_day
              where s.next_day is not null
            ), ranked as (
              select cv.*, bool_or(cv.rank = 'preferred') over (partition by cv.person_id, cv.first_day) as any_preferred
              from covering cv
            ), pool as (
              select r.*, bool_or(r.definite) over (partition by r.person_id, r.first_day) as any_definite
              from ranked r where r.rank = 'preferred' or not r.any_preferred
            ), claims as (
              select * from pool where definite or not any_definite
            ), judged as (
              select distinct on (person_id, first_day) person_id, first_day, next_day, state, any_definite as definite
              from claims order by person_id, first_day, definite_to desc nulls last, fact_id
            ), segment_judged as (
              select j.person_id, j.first_day, j.next_day, j.state, j.definite,
                     count(distinct cl.state) filter (where cl.state <> 'arrested') >= 2
                     or (bool_or(cl.state = 'arrested')
                         and bool_or(cl.state not in ('arrested', 'pretrial_detention', 'imprisoned', 'house_arrest'))) as disputed,
                     array_agg(cl.fact_id order by cl.fact_id) filter (where cl.state = j.state) as facts
              from judged j join claims cl on cl.person_id = j.person_id and cl.first_day = j.first_day
              group by j.person_id, j.first_day, j.next_day, j.state, j.definite
            ), marked as (
              select sj.*, case when lag(next_day) over w = first_day and lag(state) over w = state
                                     and lag(definite) over w = definite and lag(disputed) over w = disputed
                                     and lag(facts) over w = facts then 0 else 1 end as starts
              from segment_judged sj window w as (partition by person_id order by first_day)
            ), run as (
              select m.*, sum(starts) over (partition by person_id order by first_day) as run from marked m
            )
            select r.person_id, p.name, daterange(min(r.first_day), max(r.next_day)), r.state, r.definite, r.disputed,
                   array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.facts) order by 1)
            from run r join person p on p.id = r.person_id and p.merged_into is null
            group by r.person_id, p.name, r.run, r.state, r.definite, r.disputed, r.facts""";

    static final String CLAIMANTS = """
            insert into custody_claimant (person_id)
            select p.id from person p where p.merged_into is null
              and exists (select 1 from custody_period c join fact f on f.id = c.fact_id
                          where c.person_id = p.id and f.rank <> 'deprecated')""";

    static final String BUILT = """
            update custody_judgement_built set built_version = ?, built_at = now(),
              latest_definite = (select max(upper(c.definite_span) - 1) from custody_period c join fact f on f.id = c.fact_id
                                 where f.rank <> 'deprecated')""";

    private final EntityManager em;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;

    public CustodyJudgements(EntityManager em, SecurityIdentity identity, AgroalDataSource dataSource) {
        this.em = em;
        this.identity = identity;
        this.dataSource = dataSource;
    }

    /** Whether this reader's count may use the kept judgement: a public reader, today's records, and it is current. */
    public boolean current(OffsetDateTime knownAt) {
        if (knownAt != null || ReaderInterceptor.seesRestricted(identity)) {
            return false;
        }
        return (Boolean) em.createNativeQuery("""
                select coalesce((select built_version from custody_judgement_built) = (select version from data_version), false)""")
                .getSingleResult();
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
