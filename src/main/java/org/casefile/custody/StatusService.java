package org.casefile.custody;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.db.Row;
import org.casefile.db.Sql;
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
    private static final String IDS = "cast(:ids as text[])";

    /**
     * One person as a parameter: their id, made an array of one in the statement, so that PostgreSQL knows it holds one
     * id when it plans the statement once for every person (given as an array, it guesses ten, and plans every call).
     */
    private static final String ONE = "array[cast(:id as text)]";

    /** The judgement of people (:ids, or :id alone) on :day as recorded at :known_at under :basis. */
    private static String statusOf(String ids) {
        return JUDGEMENT + " from cf_custody_status_of(" + ids + ", cast(:day as date), cast(:known_at as timestamptz), :basis)" + RESTS_ON;
    }

    private static final Sql STATUS_OF = Sql.of(statusOf(IDS));

    /**
     * The judgement of people (:ids, or :id alone) on :day now under :basis: from the kept projection while the reader
     * may use it, else judged (cf_custody_status_now, V18). Its columns are what {@link Judgement#of} reads: a list
     * selects its people's own columns beside them in the same statement.
     */
    public static String statusNow(String ids) {
        return JUDGEMENT + " from cf_custody_status_now(" + ids + ", cast(:day as date), :basis)" + RESTS_ON;
    }

    private static final Sql STATUS_NOW = Sql.of(statusNow(IDS));

    /** A claim as the judgement reads it (a death's days without end; alias c) with its citations as six arrays. */
    private static final String CLAIM_COLUMNS = """
            c.fact_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, c.rank,
            lower(c.definite_span) as definite_from, upper(c.definite_span) - 1 as definite_to,
            lower(c.possible_span) as possible_from, upper(c.possible_span) - 1 as possible_to,
            x.sources, x.quotes, x.starts, x.ends, x.prefixes, x.suffixes""";

    /** The citations of claim c, for {@link #CLAIM_COLUMNS}. */
    private static final String CLAIM_CITATIONS = """
            left join lateral (select array_agg(t.source_id order by t.id) as sources, array_agg(t.quote order by t.id) as quotes,
                                      array_agg(t.start_offset order by t.id) as starts, array_agg(t.end_offset order by t.id) as ends,
                                      array_agg(t.prefix order by t.id) as prefixes, array_agg(t.suffix order by t.id) as suffixes
                               from citation t where t.fact_id = c.fact_id) x on true""";

    /**
     * A person's case on a day in one statement: the judgement, whom the person was merged into, then one row per
     * claim ({@link #CLAIM_COLUMNS}). No row: no such person (or one this reader may not see).
     */
    private static String personCase(String status, String claims) {
        return "select s.*, p.merged_into, " + CLAIM_COLUMNS + " from person p left join (" + status + ") s on true left join "
                + claims + " c on true " + CLAIM_CITATIONS + " where p.id = :id order by c.fact_id";
    }

    private static final Sql CASE_NOW = Sql.of(personCase(statusNow(ONE), "cf_custody_claims_now(" + ONE + ")"));
    private static final Sql CASE_OF = Sql.of(personCase(statusOf(ONE), "cf_custody_claims(" + ONE + ", cast(:known_at as timestamptz))"));

    /** The claims of a person now, as the judgement reads them, with their citations ({@link #CLAIM_COLUMNS}). */
    private static final Sql CLAIMS_NOW = Sql.of("select " + CLAIM_COLUMNS + " from cf_custody_claims_now(" + ONE + ") c "
            + CLAIM_CITATIONS + " order by c.fact_id");

    /** The runs of a person now (cf_custody_runs), each with the bases (:bases) under which it answers. */
    private static final Sql RUNS_NOW = Sql.of("""
            select lower(r.days) as first_day, upper(r.days) - 1 as last_day, r.status, r.certainty, r.since, r.last_confirmed,
                   r.presumed_since, r.disputed, r.facts,
                   array(select b from unnest(cast(:bases as text[])) b where cf_custody_in_basis(r.certainty, b)) as bases
            from cf_custody_runs(array[cast(:id as text)], null) r order by lower(r.days) nulls first""");

    /** Pairs of a person's claims whose definite days overlap with conflicting states, and the days they share. */
    private static final Sql CONFLICTS = Sql.of("""
            select a.fact_id as a_fact, b.fact_id as b_fact, a.state as a_state, b.state as b_state,
                   greatest(lower(a.definite_span), lower(b.definite_span)) as first_day,
                   least(upper(a.definite_span), upper(b.definite_span)) - 1 as last_day
            from custody_period a join custody_period b
              on b.person_id = a.person_id and a.fact_id < b.fact_id and cf_custody_conflict(a.state, b.state)
             and a.definite_span && b.definite_span
            where a.person_id = :id
              and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')
              and exists (select 1 from fact d where d.id = b.fact_id and d.rank <> 'deprecated')
            order by 5, 1, 2""");

    private final EntityManager em;

    public StatusService(EntityManager em) {
        this.em = em;
    }

    /**
     * The status on {@code day} under {@code basis}; with {@code knownAt}, from the claims as the database held them
     * at that time (versions since replaced included, later ones left out), so an answer given then can be reproduced.
     */
    public StatusView status(String personId, LocalDate day, OffsetDateTime knownAt, String basis) {
        Sql.Statement query = (knownAt == null ? CASE_NOW : CASE_OF).in(em).bind("id", personId).bind("day", day).bind("basis", basis);
        if (knownAt != null) {
            query.bind("known_at", knownAt);
        }
        record CaseRow(Judgement judgement, String mergedInto, StatusView.Claim claim) {
        }
        List<CaseRow> rows = query.list(r -> new CaseRow(Judgement.of(r), r.text("merged_into"),
                r.isNull("fact_id") ? null : claim(r))); // no claims: the one row carries the judgement alone
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Person", personId);
        }
        if (rows.get(0).mergedInto() != null) {
            throw new org.casefile.problem.MergedException("Person", personId, rows.get(0).mergedInto());
        }
        List<StatusView.Claim> claims = rows.stream().map(CaseRow::claim).filter(java.util.Objects::nonNull).toList();
        return StatusMaterial.answer(personId, day, basis, rows.get(0).judgement(), claims);
    }

    /**
     * What the person's status on any day now is answered from, as this reader sees the data: runs and claims. The
     * caller makes sure the person exists and was not merged.
     */
    public StatusMaterial material(String personId) {
        List<StatusMaterial.BasedRun> runs = RUNS_NOW.in(em).bind("bases", Basis.VALUES.toArray(String[]::new)).bind("id", personId)
                .list(r -> new StatusMaterial.BasedRun(new StatusView.Run(r.day("first_day"), r.day("last_day"), r.text("status"),
                        r.text("certainty"), r.text("since"), r.day("last_confirmed"), r.day("presumed_since"), r.flag("disputed"),
                        r.numbers("facts")), r.texts("bases")));
        List<StatusView.Claim> claims = CLAIMS_NOW.in(em).bind("id", personId).list(StatusService::claim);
        return new StatusMaterial(runs, claims);
    }

    /** A claim from {@link #CLAIM_COLUMNS}; how it bears on a day is left to the answer. */
    private static StatusView.Claim claim(Row r) throws SQLException {
        return new StatusView.Claim(r.number("fact_id"), r.text("state"), r.text("start_edtf"), r.text("end_edtf"),
                r.day("confirmed_on"), r.day("definite_from"), r.day("definite_to"), r.day("possible_from"), r.day("possible_to"),
                r.text("rank"), null, citations(r));
    }

    /** A claim's citations from the six arrays of {@link #CLAIM_COLUMNS}, in citation order. */
    private static List<CitationView> citations(Row r) throws SQLException {
        List<String> sources = r.texts("sources");
        List<String> quotes = r.texts("quotes");
        List<Integer> starts = r.integers("starts");
        List<Integer> ends = r.integers("ends");
        List<String> prefixes = r.texts("prefixes");
        List<String> suffixes = r.texts("suffixes");
        List<CitationView> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(new CitationView(sources.get(i), quotes.get(i), starts.get(i), ends.get(i), prefixes.get(i), suffixes.get(i)));
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
        Sql.Statement query = (knownAt == null ? STATUS_NOW : STATUS_OF).in(em)
                .bind("ids", personIds.toArray(String[]::new)).bind("day", day).bind("basis", basis);
        if (knownAt != null) {
            query.bind("known_at", knownAt);
        }
        query.list(Judgement::of).forEach(j -> out.put(j.personId(), j));
        return out;
    }

    /** Pairs of a person's claims whose definite days overlap with conflicting states, and the days they share. */
    public List<Conflict> conflicts(String personId) {
        return CONFLICTS.in(em).bind("id", personId).list(r -> new Conflict("custody",
                List.of(r.number("a_fact"), r.number("b_fact")), List.of(r.text("a_state"), r.text("b_state")),
                r.day("first_day"), r.day("last_day")));
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

        /** The judgement in {@link #statusNow}'s columns. */
        public static Judgement of(Row r) throws SQLException {
            String source = r.text("source_id");
            StatusView.Passage restsOn = source == null ? null : new StatusView.Passage(source, r.integer("start_offset"),
                    r.integer("end_offset"));
            return new Judgement(r.text("person_id"), r.text("status"), r.text("certainty"), r.text("since"),
                    r.day("last_confirmed"), r.day("presumed_since"), r.flag("disputed"), r.numbers("facts"),
                    r.numbers("state_facts"), restsOn);
        }
    }
}
