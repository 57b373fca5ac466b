package org.casefile.custody;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.db.SqlValues;
import org.casefile.fact.CitationView;
import org.casefile.problem.ProblemException;

/**
 * Answers custody status questions. The judgement itself (which claims count, definite over possible over presumed,
 * disputes, how states persist) is PostgreSQL's cf_custody_judge (V15), and every answer here comes from it: the
 * status on a day (cf_custody_status_of), and a person's status over time (cf_custody_runs), with which the status
 * on any day is answered from kept material ({@link StatusMaterial}).
 */
@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class StatusService {

    private static final String JUDGEMENT = "select j.person_id, j.status, j.certainty, j.since, j.last_confirmed, j.presumed_since,"
            + " j.disputed, j.facts, j.state_facts, r.source_id, r.start_offset, r.end_offset";

    /**
     * The passage a judgement rests on: the first citation of its first claim (the one confirmed latest), read as the
     * caller reads, so a page can link a status to the letter that last confirms it. One key lookup per person.
     */
    private static final String RESTS_ON = " j left join lateral (select c.source_id, c.start_offset, c.end_offset from citation c"
            + " where c.fact_id = j.facts[1] order by c.id limit 1) r on true";

    /** People as a parameter: an array of ids. */
    private static final String IDS = "cast(? as text[])";

    /**
     * One person as a parameter: their id, made an array of one in the statement, so that PostgreSQL knows it holds one
     * id when it plans the statement once for every person (given as an array, it guesses ten, and plans every call).
     */
    private static final String ONE = "array[cast(? as text)]";

    /** The judgement of people (1: text[]) on a day (2), as recorded at a time (3), under a basis (4). */
    static final String STATUS_OF = statusOf(IDS);

    /** {@link #STATUS_OF} for the people {@code ids} (an SQL expression, the first parameter). */
    private static String statusOf(String ids) {
        return JUDGEMENT + " from cf_custody_status_of(" + ids + ", cast(? as date), cast(? as timestamptz), ?)" + RESTS_ON;
    }

    /** The columns of a judgement, which {@link Judgement#of} reads. */
    public static final int JUDGEMENT_COLUMNS = 12;

    /**
     * The judgement of people (1: text[]) on a day (2) now, under a basis (3): from the kept projection while the
     * reader may use it, else judged (cf_custody_status_now, V18). Its first {@link #JUDGEMENT_COLUMNS} columns are
     * what {@link Judgement#of} reads: a list reads its people's own columns in the same statement.
     */
    public static final String STATUS_NOW = statusNow(IDS);

    private static String statusNow(String ids) {
        return JUDGEMENT + " from cf_custody_status_now(" + ids + ", cast(? as date), ?)" + RESTS_ON;
    }

    /**
     * A claim as the judgement reads it (a death's days without end; alias c) with its citations as six arrays: the
     * columns {@link #claim} reads.
     */
    private static final String CLAIM_COLUMNS = """
            c.fact_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, c.rank,
            lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
            x.sources, x.quotes, x.starts, x.ends, x.prefixes, x.suffixes""";

    /** The citations of claim c, for {@link #CLAIM_COLUMNS}. */
    private static final String CLAIM_CITATIONS = """
            left join lateral (select array_agg(t.source_id order by t.id) as sources, array_agg(t.quote order by t.id) as quotes,
                                      array_agg(t.start_offset order by t.id) as starts, array_agg(t.end_offset order by t.id) as ends,
                                      array_agg(t.prefix order by t.id) as prefixes, array_agg(t.suffix order by t.id) as suffixes
                               from citation t where t.fact_id = c.fact_id) x on true""";

    /**
     * A person's case on a day in one statement: the judgement ({@link #JUDGEMENT_COLUMNS} columns; parameters the id,
     * the day, [the record time,] the basis), whom the person was merged into, then one row per claim
     * ({@link #CLAIM_COLUMNS}; parameters the id [, the record time]); last parameter the person's id. No row: no such
     * person (or one this reader may not see).
     */
    private static final String CASE = "select s.*, p.merged_into, " + CLAIM_COLUMNS
            + " from person p left join (%s) s on true left join %s c on true " + CLAIM_CITATIONS
            + " where p.id = ? order by c.fact_id";

    private static final String CASE_NOW = CASE.formatted(statusNow(ONE), "cf_custody_claims_now(" + ONE + ")");
    private static final String CASE_OF = CASE.formatted(statusOf(ONE), "cf_custody_claims(" + ONE + ", cast(? as timestamptz))");

    /** The claims of a person now, as the judgement reads them, with their citations ({@link #CLAIM_COLUMNS}). */
    private static final String CLAIMS_NOW = "select " + CLAIM_COLUMNS + " from cf_custody_claims_now(array[cast(? as text)]) c "
            + CLAIM_CITATIONS + " order by c.fact_id";

    /** The runs of a person now (cf_custody_runs), each with the bases (2: text[]) under which it answers. */
    private static final String RUNS_NOW = """
            select lower(r.days), upper(r.days) - 1, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since,
                   r.disputed, r.facts, array(select b from unnest(cast(? as text[])) b where cf_custody_in_basis(r.certainty, b))
            from cf_custody_runs(array[cast(? as text)], null) r order by lower(r.days) nulls first""";

    private final EntityManager em;

    public StatusService(EntityManager em) {
        this.em = em;
    }

    /**
     * The status on {@code day} under {@code basis}; with {@code knownAt}, from the claims as the database held them
     * at that time (versions since replaced included, later ones left out), so an answer given then can be reproduced.
     */
    public StatusView status(String personId, LocalDate day, OffsetDateTime knownAt, String basis) {
        var query = em.createNativeQuery(knownAt == null ? CASE_NOW : CASE_OF)
                .setParameter(1, personId).setParameter(2, day);
        int next = 3;
        if (knownAt != null) {
            query.setParameter(next++, knownAt);
        }
        query.setParameter(next++, basis).setParameter(next++, personId);
        if (knownAt != null) {
            query.setParameter(next++, knownAt);
        }
        List<?> rows = query.setParameter(next, personId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Person", personId);
        }
        Object[] first = (Object[]) rows.get(0);
        if (first[JUDGEMENT_COLUMNS] != null) {
            throw new org.casefile.problem.MergedException("Person", personId, (String) first[JUDGEMENT_COLUMNS]);
        }
        List<StatusView.Claim> claims = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[JUDGEMENT_COLUMNS + 1] != null) { // no claims: the one row carries the judgement alone
                claims.add(claim(r, JUDGEMENT_COLUMNS + 1));
            }
        }
        return StatusMaterial.answer(personId, day, basis, Judgement.of(first, 0), claims);
    }

    /**
     * What the person's status on any day now is answered from, as this reader sees the data: runs and claims. The
     * caller makes sure the person exists and was not merged.
     */
    public StatusMaterial material(String personId) {
        List<StatusMaterial.BasedRun> runs = ((List<?>) em.createNativeQuery(RUNS_NOW)
                .setParameter(1, Basis.VALUES.toArray(String[]::new)).setParameter(2, personId).getResultList())
                .stream().map(r -> (Object[]) r).map(r -> new StatusMaterial.BasedRun(run(r),
                        java.util.Arrays.stream(SqlValues.array(r[9])).map(String.class::cast).toList())).toList();
        List<StatusView.Claim> claims = ((List<?>) em.createNativeQuery(CLAIMS_NOW).setParameter(1, personId).getResultList())
                .stream().map(r -> claim((Object[]) r, 0)).toList();
        return new StatusMaterial(runs, claims);
    }

    /** A claim from {@link #CLAIM_COLUMNS} at column {@code c}; how it bears on a day is left to the answer. */
    private static StatusView.Claim claim(Object[] r, int c) {
        return new StatusView.Claim(((Number) r[c]).longValue(), (String) r[c + 1], (String) r[c + 2], (String) r[c + 3],
                SqlValues.day(r[c + 4]), SqlValues.day(r[c + 6]), SqlValues.day(r[c + 7]), SqlValues.day(r[c + 8]),
                SqlValues.day(r[c + 9]), (String) r[c + 5], null, citations(r, c + 10));
    }

    /** A run from its first nine columns: first and last day, then the judgement. */
    private static StatusView.Run run(Object[] r) {
        return new StatusView.Run(SqlValues.day(r[0]), SqlValues.day(r[1]), (String) r[2], (String) r[3], (String) r[4],
                SqlValues.day(r[5]), SqlValues.day(r[6]), Boolean.TRUE.equals(r[7]), SqlValues.longs(r[8]));
    }

    /** A claim's citations from the six arrays of {@link #CLAIM_COLUMNS} from column {@code at}, in citation order. */
    private static List<CitationView> citations(Object[] row, int at) {
        Object[] sources = SqlValues.array(row[at]);
        Object[] quotes = SqlValues.array(row[at + 1]);
        Object[] starts = SqlValues.array(row[at + 2]);
        Object[] ends = SqlValues.array(row[at + 3]);
        Object[] prefixes = SqlValues.array(row[at + 4]);
        Object[] suffixes = SqlValues.array(row[at + 5]);
        List<CitationView> out = new ArrayList<>(sources.length);
        for (int i = 0; i < sources.length; i++) {
            out.add(new CitationView((String) sources[i], (String) quotes[i], ((Number) starts[i]).intValue(),
                    ((Number) ends[i]).intValue(), (String) prefixes[i], (String) suffixes[i]));
        }
        return out;
    }

    /**
     * Status of many people on one day, under a basis, as recorded at {@code knownAt} when given (else now, from the
     * kept projection when this reader may use it): one statement.
     */
    public Map<String, Judgement> statuses(Collection<String> personIds, LocalDate day, OffsetDateTime knownAt, String basis) {
        Map<String, Judgement> out = new LinkedHashMap<>();
        if (personIds.isEmpty()) {
            return out;
        }
        var query = em.createNativeQuery(knownAt == null ? STATUS_NOW : STATUS_OF)
                .setParameter(1, personIds.toArray(String[]::new)).setParameter(2, day);
        if (knownAt == null) {
            query.setParameter(3, basis);
        } else {
            query.setParameter(3, knownAt).setParameter(4, basis);
        }
        query.getResultList().forEach(r -> {
            Judgement j = Judgement.of((Object[]) r, 0);
            out.put(j.personId(), j);
        });
        return out;
    }

    /** Pairs of a person's claims whose definite days overlap with conflicting states, and the days they share. */
    public List<Conflict> conflicts(String personId) {
        List<?> rows = em.createNativeQuery("""
                        select a.fact_id, b.fact_id, a.state, b.state,
                               greatest(lower(a.definite_span), lower(b.definite_span)),
                               least(upper(a.definite_span), upper(b.definite_span)) - 1
                        from custody_period a join custody_period b
                          on b.person_id = a.person_id and a.fact_id < b.fact_id and cf_custody_conflict(a.state, b.state)
                         and a.definite_span && b.definite_span
                        where a.person_id = :id
                          and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')
                          and exists (select 1 from fact d where d.id = b.fact_id and d.rank <> 'deprecated')
                        order by 5, 1, 2""")
                .setParameter("id", personId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new Conflict("custody", List.of(((Number) r[0]).longValue(), ((Number) r[1]).longValue()),
                        List.of((String) r[2], (String) r[3]), SqlValues.day(r[4]), SqlValues.day(r[5])))
                .toList();
    }

    /** Two claims that disagree about the same days. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Conflict",
            description = "Two claims whose days overlap but whose states disagree; both are kept.")
    public record Conflict(String kind, List<Long> facts, List<String> states, LocalDate from, LocalDate to) {
    }

    /**
     * A person's status on a day as cf_custody_judge gives it: facts are the claims it rests on, the best first;
     * stateFacts those of the judged state; restsOn the passage of the first claim (null when none).
     */
    public record Judgement(String personId, String status, String certainty, String since, LocalDate lastConfirmed,
                            LocalDate presumedSince, boolean disputed, List<Long> facts, List<Long> stateFacts,
                            StatusView.Passage restsOn) {

        /** No status on the day: cf_custody_judge's unknown judgement. */
        static Judgement unknown(String personId) {
            return new Judgement(personId, "unknown", "unknown", null, null, null, false, List.of(), List.of(), null);
        }

        /** The judgement in {@link #STATUS_OF}'s columns, from {@code row[offset]} on (JDBC's or Vert.x's values). */
        public static Judgement of(Object[] row, int offset) {
            StatusView.Passage restsOn = row[offset + 9] == null ? null : new StatusView.Passage((String) row[offset + 9],
                    ((Number) row[offset + 10]).intValue(), ((Number) row[offset + 11]).intValue());
            return new Judgement((String) row[offset], (String) row[offset + 1], (String) row[offset + 2],
                    (String) row[offset + 3], SqlValues.day(row[offset + 4]), SqlValues.day(row[offset + 5]),
                    Boolean.TRUE.equals(row[offset + 6]), SqlValues.longs(row[offset + 7]), SqlValues.longs(row[offset + 8]), restsOn);
        }
    }
}
