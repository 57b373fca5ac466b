package org.casefile.custody;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.api.ProblemException;
import org.casefile.api.SqlValues;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;
import org.casefile.person.Person;

/**
 * Judges custody status on a day from valid time. Only claims whose days cover the day count; preferred claims
 * win over normal ones; deprecated claims never count; disagreement is reported, never resolved by guessing.
 */
@ApplicationScoped
@Transactional
@org.casefile.api.ReadsAsCaller
public class StatusService {

    private static final String CLAIM_COLUMNS = """
            select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
                   lower(c.definite_span) as definite_from, upper(c.definite_span) - 1 as definite_to,
                   lower(c.possible_span) as possible_from, upper(c.possible_span) - 1 as possible_to,
                   coalesce(c.definite_span @> cast(:day as date), false) as definite_on_day
            """;

    /**
     * The custody claims (as c, with their fact's rank as f.rank) now, or as recorded at {@code knownAt}
     * (cf_custody_at reads history too; the query then binds :known).
     */
    public static String claimsFrom(java.time.OffsetDateTime knownAt) {
        return knownAt == null
                ? " from custody_period c join fact f on f.id = c.fact_id "
                : " from cf_custody_at(cast(:known as timestamptz)) c cross join lateral (select c.rank) f ";
    }

    private static String claims(java.time.OffsetDateTime knownAt) {
        return CLAIM_COLUMNS + claimsFrom(knownAt);
    }

    private final EntityManager em;
    private final FactRepository facts;

    public StatusService(EntityManager em, FactRepository facts) {
        this.em = em;
        this.facts = facts;
    }

    public StatusView status(String personId, LocalDate day) {
        return status(personId, day, null);
    }

    /**
     * The status on {@code day}; with {@code knownAt}, from the claims as the database held them at that time
     * (versions since replaced included, later ones left out), so an answer given then can be reproduced.
     */
    public StatusView status(String personId, LocalDate day, java.time.OffsetDateTime knownAt) {
        Person person = em.find(Person.class, personId);
        if (person == null) {
            throw ProblemException.notFound("Person", personId);
        }
        if (person.mergedInto != null) {
            throw new org.casefile.person.PersonService.MergedException(personId, person.mergedInto);
        }
        Judgement j = judge(personId, covering(List.of(personId), day, knownAt).getOrDefault(personId, List.of()));
        List<Row> nearest = j.pool.isEmpty() ? nearest(personId, day, knownAt) : List.of();
        Set<Long> ids = new HashSet<>();
        j.pool.forEach(r -> ids.add(r.factId));
        nearest.forEach(r -> ids.add(r.factId));
        Map<Long, List<CitationView>> cites = facts.citationsOf(ids);
        return new StatusView(personId, day, j.status, j.certainty, j.since, j.lastConfirmed, j.disputed,
                j.pool.stream().map(r -> r.view(cites)).toList(),
                j.pool.isEmpty() ? nearest.stream().map(r -> r.view(cites)).toList() : null);
    }

    /** Status of many people on one day, for list pages: one query. */
    public Map<String, Judgement> statuses(Collection<String> personIds, LocalDate day) {
        return statuses(personIds, day, null);
    }

    /** Status of many people on one day, as recorded at {@code knownAt} when given. */
    public Map<String, Judgement> statuses(Collection<String> personIds, LocalDate day, java.time.OffsetDateTime knownAt) {
        Map<String, List<Row>> rows = covering(personIds, day, knownAt);
        Map<String, Judgement> out = new LinkedHashMap<>();
        personIds.forEach(id -> out.put(id, judge(id, rows.getOrDefault(id, List.of()))));
        return out;
    }

    /** Statuses of many people on one day, and the data version they were read at. */
    public record VersionedStatuses(long dataVersion, Map<String, Judgement> statuses) {
    }

    /** The claims of people :ids that may cover :day (after {@link #claims}). */
    private static final String COVERING = """
             where c.person_id = any(cast(:ids as text[])) and f.rank <> 'deprecated' and c.possible_span @> cast(:day as date)""";

    /** {@link #COVERING} with the data version, for JDBC: the parameters are the day, the ids and the day again. */
    private static final String STATUSES_AND_VERSION = ("select v.version, c.* from (select version from data_version) v"
            + " left join (" + claims(null) + COVERING + ") c on true order by c.person_id, c.fact_id")
            .replace(":day", "?").replace(":ids", "?");

    /**
     * {@link #STATUSES_AND_VERSION} for the Vert.x client ($1 the day, $2 the ids as text[], $3 the day): the data
     * version, then each covering claim's {@link #CLAIM_COLUMN_COUNT} columns, or nulls when none covers the day.
     */
    public static final String STATUSES_AND_VERSION_NUMBERED = org.casefile.api.EventLoopReads.numbered(STATUSES_AND_VERSION);

    /** The columns of a claim row ({@link #CLAIM_COLUMNS}). */
    public static final int CLAIM_COLUMN_COUNT = 12;

    /**
     * As {@link #statuses(Collection, LocalDate)}, on a plain connection (no Hibernate session, no JTA transaction:
     * one statement reads as the public does), with the data version read in the same statement, so a caller holding
     * something derived from one version of the data (the name index) learns whether it still stands.
     */
    public static VersionedStatuses statusesAndVersion(Connection connection, Collection<String> personIds, LocalDate day)
            throws SQLException {
        List<Object[]> claims = new ArrayList<>();
        long version;
        try (PreparedStatement s = connection.prepareStatement(STATUSES_AND_VERSION)) {
            s.setObject(1, day);
            s.setArray(2, connection.createArrayOf("text", personIds.toArray()));
            s.setObject(3, day);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                version = r.getLong(1);
                do {
                    if (r.getObject(2) != null) {
                        Object[] row = new Object[CLAIM_COLUMN_COUNT];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = r.getObject(i + 2);
                        }
                        claims.add(row);
                    }
                } while (r.next());
            }
        }
        return versioned(version, personIds, claims);
    }

    /**
     * The statuses of people {@code personIds}, judged from the rows {@link #STATUSES_AND_VERSION_NUMBERED} answered
     * (each row's claim columns, in order, after the data version), at data version {@code version}.
     */
    public static VersionedStatuses versioned(long version, Collection<String> personIds, List<Object[]> claims) {
        Map<String, List<Row>> covering = new LinkedHashMap<>();
        for (Object[] row : claims) {
            Row claim = Row.of(row);
            covering.computeIfAbsent(claim.personId, k -> new ArrayList<>()).add(claim);
        }
        Map<String, Judgement> out = new LinkedHashMap<>();
        personIds.forEach(id -> out.put(id, judge(id, covering.getOrDefault(id, List.of()))));
        return new VersionedStatuses(version, out);
    }

    private Map<String, List<Row>> covering(Collection<String> personIds, LocalDate day, java.time.OffsetDateTime knownAt) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        if (personIds.isEmpty()) {
            return out;
        }
        var query = em.createNativeQuery(claims(knownAt) + COVERING + " order by c.person_id, c.fact_id")
                .setParameter("ids", personIds.toArray(String[]::new)).setParameter("day", day);
        List<?> rows = knownAt == null ? query.getResultList() : query.setParameter("known", knownAt).getResultList();
        rows.forEach(r -> {
            Row row = Row.of((Object[]) r);
            out.computeIfAbsent(row.personId, k -> new ArrayList<>()).add(row);
        });
        return out;
    }

    private List<Row> nearest(String personId, LocalDate day, java.time.OffsetDateTime knownAt) {
        List<Row> out = new ArrayList<>();
        var beforeQuery = em.createNativeQuery(claims(knownAt) + """
                        where c.person_id = :id and f.rank <> 'deprecated' and not isempty(c.possible_span)
                          and upper(c.possible_span) <= cast(:day as date)
                        order by upper(c.possible_span) desc, c.fact_id limit 1""")
                .setParameter("id", personId).setParameter("day", day);
        var afterQuery = em.createNativeQuery(claims(knownAt) + """
                        where c.person_id = :id and f.rank <> 'deprecated' and not isempty(c.possible_span)
                          and lower(c.possible_span) > cast(:day as date)
                        order by lower(c.possible_span), c.fact_id limit 1""")
                .setParameter("id", personId).setParameter("day", day);
        if (knownAt != null) {
            beforeQuery.setParameter("known", knownAt);
            afterQuery.setParameter("known", knownAt);
        }
        List<?> before = beforeQuery.getResultList();
        List<?> after = afterQuery.getResultList();
        before.forEach(r -> out.add(Row.of((Object[]) r)));
        after.forEach(r -> out.add(Row.of((Object[]) r)));
        return out;
    }

    static Judgement judge(String personId, List<Row> covering) {
        List<Row> ranked = covering.stream().anyMatch(r -> r.rank.equals("preferred"))
                ? covering.stream().filter(r -> r.rank.equals("preferred")).toList()
                : covering;
        List<Row> definite = ranked.stream().filter(r -> r.definite).toList();
        List<Row> pool = new ArrayList<>(definite.isEmpty() ? ranked : definite);
        if (pool.isEmpty()) {
            return new Judgement(personId, "unknown", "unknown", null, null, false, List.of());
        }
        // The claim confirmed latest first: a later letter is the better witness of the day's state.
        pool.sort(Comparator.comparing((Row r) -> r.definiteTo == null ? LocalDate.MIN : r.definiteTo).reversed()
                .thenComparing(r -> r.factId));
        boolean disputed = pool.stream().anyMatch(a -> pool.stream().anyMatch(b -> CustodyStates.conflict(a.state, b.state)));
        Row best = pool.get(0);
        LocalDate lastConfirmed = pool.stream().filter(r -> r.state.equals(best.state) && r.definiteTo != null)
                .map(r -> r.definiteTo).max(Comparator.naturalOrder()).orElse(null);
        String since = pool.stream().filter(r -> r.state.equals(best.state) && r.start != null)
                .map(r -> r.start).findFirst().orElse(null);
        return new Judgement(personId, best.state, definite.isEmpty() ? "possible" : "definite", since, lastConfirmed,
                disputed, pool);
    }

    /** Pairs of a person's claims whose definite days overlap with conflicting states, and the days they share. */
    public List<Conflict> conflicts(String personId) {
        List<?> rows = em.createNativeQuery("""
                        select a.fact_id, b.fact_id, a.state, b.state,
                               greatest(lower(a.definite_span), lower(b.definite_span)),
                               least(upper(a.definite_span), upper(b.definite_span)) - 1
                        from custody_period a join custody_period b
                          on b.person_id = a.person_id and a.fact_id < b.fact_id and a.state <> b.state
                         and a.definite_span && b.definite_span
                        where a.person_id = :id
                          and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')
                          and exists (select 1 from fact d where d.id = b.fact_id and d.rank <> 'deprecated')
                        order by 5, 1, 2""")
                .setParameter("id", personId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .filter(r -> CustodyStates.conflict((String) r[2], (String) r[3]))
                .map(r -> new Conflict("custody", List.of(((Number) r[0]).longValue(), ((Number) r[1]).longValue()),
                        List.of((String) r[2], (String) r[3]), SqlValues.day(r[4]), SqlValues.day(r[5])))
                .toList();
    }

    /** Two claims that disagree about the same days. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Conflict",
            description = "Two claims whose days overlap but whose states disagree; both are kept.")
    public record Conflict(String kind, List<Long> facts, List<String> states, LocalDate from, LocalDate to) {
    }

    /** A person's status on the day, with the claims it rests on. */
    public record Judgement(String personId, String status, String certainty, String since, LocalDate lastConfirmed,
                            boolean disputed, List<Row> pool) {
    }

    /** One custody claim with the days it covers. */
    public record Row(long factId, String personId, String state, String start, String end, LocalDate confirmed,
                      String rank, LocalDate definiteFrom, LocalDate definiteTo, LocalDate possibleFrom,
                      LocalDate possibleTo, boolean definite) {

        static Row of(Object[] r) {
            return new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    SqlValues.day(r[5]), (String) r[6], SqlValues.day(r[7]), SqlValues.day(r[8]), SqlValues.day(r[9]), SqlValues.day(r[10]), Boolean.TRUE.equals(r[11]));
        }

        StatusView.Claim view(Map<Long, List<CitationView>> cites) {
            return new StatusView.Claim(factId, state, start, end, confirmed, definiteFrom, definiteTo, possibleFrom,
                    possibleTo, rank, definite ? "definite" : "possible", cites.get(factId));
        }

    }
}
