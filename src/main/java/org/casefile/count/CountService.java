package org.casefile.count;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.custody.Basis;
import org.casefile.custody.CustodyJudgements;
import org.casefile.custody.CustodyStates;
import org.casefile.custody.StatusService;
import org.casefile.db.Row;
import org.casefile.db.Sql;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;
import org.casefile.http.ExpensiveRequests;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;
import org.casefile.security.ReadsAsCaller;

/**
 * Counts people from Casefile's own person-level records: on a day, under a named definition and a basis. Each
 * person's status is the one judgement's (cf_custody_judge, V15), read from the kept projection while it is current
 * ({@link CustodyJudgements}) or judged now, in one SQL statement, so a count over many people needs no per-person
 * query. Both totals, confirmed and last known, come with every answer.
 */
@ApplicationScoped
@Transactional
@ReadsAsCaller
public class CountService {

    /** The custody states a count accepts as status=..., and their groups. */
    public static final Set<String> STATUS_VALUES = CustodyStates.FILTERS.keySet();

    private static final Sql DEFINITIONS = Sql.of("""
            select id, label, description, states, organization_id, incident_type
            from count_definition order by position, id""");

    private static final Sql NOW = Sql.of("select now() as now");

    private static final Sql NAMES = Sql.of("select id, name from person where id = any(cast(:ids as text[]))");

    private final EntityManager em;
    private final StatusService statuses;
    private final FactRepository facts;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final CustodyJudgements judgements;
    private final ExpensiveRequests expensive;

    public CountService(EntityManager em, StatusService statuses, FactRepository facts,
                        com.fasterxml.jackson.databind.ObjectMapper mapper, CustodyJudgements judgements,
                        ExpensiveRequests expensive) {
        this.em = em;
        this.expensive = expensive;
        this.judgements = judgements;
        this.statuses = statuses;
        this.facts = facts;
        this.mapper = mapper;
    }

    public List<CountViews.Definition> definitions() {
        return DEFINITIONS.in(em).list(CountService::definition);
    }

    /** The named definition, or a 400 naming the parameter and listing the ones there are. */
    public CountViews.Definition definition(String parameter, String id) {
        return definitions().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() -> ProblemException.badParameter(
                parameter, "No count definition is named '" + id + "'. Defined: "
                        + String.join(", ", definitions().stream().map(CountViews.Definition::id).toList())
                        + " (GET /api/counts/definitions describes each)."));
    }

    /** An unnamed definition for status=...: a custody state or one of the groups detained, deprived_of_liberty. */
    public static CountViews.Definition byStatus(String status) {
        List<String> states = CustodyStates.FILTERS.get(status).stream().sorted(
                java.util.Comparator.comparing(CustodyStates.STATES::indexOf)).toList();
        return new CountViews.Definition("status:" + status, "Status: " + status,
                "People whose custody status on the day is " + String.join(" or ", states) + ".", states, null, null);
    }

    private static CountViews.Definition definition(Row r) throws SQLException {
        return new CountViews.Definition(r.text("id"), r.text("label"), r.text("description"), List.copyOf(r.texts("states")),
                r.text("organization_id"), r.text("incident_type"));
    }

    /** What to count: a definition, the day, narrowing on top of the definition's own, and the record time. */
    public record Question(CountViews.Definition definition, LocalDate asOf, String basis, String affiliation,
                           String citizenship, String incidentType, OffsetDateTime knownAt) {

        String organization() {
            return definition.organization() != null ? definition.organization() : affiliation;
        }
    }

    /**
     * The count with its breakdowns, one page of the people counted, the sources it rests on and its caveats: its
     * figures in one statement, so the judgement of every person is made once and they all come from one snapshot.
     */
    public CountViews.Count count(Question q, List<String> groupBy, PageRequest page) {
        OffsetDateTime readAt = readAt();
        return answer(q, figures(q, groupBy, page), page, readAt);
    }

    /** What a count computes over everyone counted, before the people on the page are looked up. */
    record Figures(long total, long definite, long possible, long presumed, long disputed, long confirmedTotal,
                   long lastKnownTotal, long unconfirmed, LocalDate latest, LocalDate oldestPresumed, long sourceCount,
                   List<CountViews.SourceUse> sources, List<String> page, Map<String, List<CountViews.Group>> breakdown) {
    }

    private Figures figures(Question q, List<String> groupBy, PageRequest page) {
        boolean kept = judgements.current(q.knownAt());
        try (ExpensiveRequests.Permit permit = kept ? ExpensiveRequests.NONE : expensive.enter(ExpensiveRequests.Kind.JUDGED_COUNT)) {
            return figures(q, groupBy, page, kept);
        }
    }

    private Figures figures(Question q, List<String> groupBy, PageRequest page, boolean kept) {
        String text = counted(q, kept) + FIGURES + TOTALS + ",\n       " + latest(kept, q.knownAt()) + " as latest";
        for (String by : groupBy) {
            text += BREAKDOWNS.get(by);
        }
        return bind(Sql.ofShape(text).in(em), q).bind("max_sources", MAX_SOURCES)
                .bind("page_offset", page.offset()).bind("page_size", page.size()).one(r -> {
                    List<List<Object>> sourceRows = json(r.text("sources"));
                    Map<String, List<CountViews.Group>> breakdown = new LinkedHashMap<>();
                    for (String by : groupBy) {
                        breakdown.put(by, this.<List<Object>>json(r.text("by_" + by)).stream().map(g -> {
                            long t = ((Number) g.get(2)).longValue();
                            long d = ((Number) g.get(3)).longValue();
                            long p = ((Number) g.get(4)).longValue();
                            return new CountViews.Group((String) g.get(0), (String) g.get(1), t, d, t - d - p, p);
                        }).toList());
                    }
                    return new Figures(r.number("total"), r.number("definite"), r.number("possible"), r.number("presumed"),
                            r.number("disputed"), r.number("confirmed_total"), r.number("last_known_total"), r.number("unconfirmed"),
                            r.day("latest"), r.day("oldest_presumed"),
                            sourceRows.isEmpty() ? 0 : ((Number) sourceRows.get(0).get(4)).longValue(),
                            sourceRows.stream().map(s -> new CountViews.SourceUse((String) s.get(0), (String) s.get(1), (String) s.get(2),
                                    ((Number) s.get(3)).longValue())).toList(), this.<String>json(r.text("page")), breakdown);
                });
    }

    /**
     * What a count computes over the statement's relations ({@link #counted}), the sources backing most people first
     * (at most :max_sources) and the page of people (:page_offset, :page_size); both totals and the latest confirmation
     * follow.
     */
    private static final String FIGURES = """
            select (select count(*) from counted) as total,
                   (select count(*) from counted where certainty = 'definite') as definite,
                   (select count(*) from counted where certainty = 'possible') as possible,
                   (select count(*) from counted where certainty = 'presumed') as presumed,
                   (select count(*) from counted where disputed) as disputed,
                   (select count(*) from claimant) - (select count(*) from narrowed where cf_custody_in_basis(certainty, 'confirmed'))
                     as unconfirmed,
                   (select min(last_confirmed) from in_states where certainty = 'presumed') as oldest_presumed,
                   (select cast(coalesce(json_agg(json_build_array(x.id, x.title, x.date_edtf, x.people, x.sources)
                                                  order by x.people desc, x.date_lower nulls last, x.id), '[]') as text)
                    from (select s.id, s.title, s.date_edtf, s.date_lower, count(distinct cs.person_id) as people,
                                 count(*) over () as sources
                          from counted_source cs join source s on s.id = cs.source_id
                          group by s.id, s.title, s.date_edtf, s.date_lower
                          order by count(distinct cs.person_id) desc, s.date_lower nulls last, s.id limit :max_sources) x) as sources,
                   (select cast(coalesce(json_agg(x.person_id order by x.name, x.person_id), '[]') as text)
                    from (select person_id, name from counted order by name, person_id offset :page_offset limit :page_size) x) as page,
            """;

    /** The last day a source confirms anyone's custody, from the kept list or the claims (now, or as recorded at :known). */
    private static String latest(boolean kept, OffsetDateTime knownAt) {
        return kept ? "(select max(latest_definite) from custody_claimant)"
                : "(select max(upper(c.definite_span) - 1)" + claimsFrom(knownAt) + "where f.rank <> 'deprecated')";
    }

    /** The custody claims (as c, with their fact's rank as f.rank) now, or as recorded at :known. */
    private static String claimsFrom(OffsetDateTime knownAt) {
        return knownAt == null
                ? " from custody_period c join fact f on f.id = c.fact_id "
                : " from cf_custody_at(cast(:known as timestamptz)) c cross join lateral (select c.rank) f ";
    }

    /** The answer from its figures: the people on the page with their judgements and citations, and the caveats. */
    CountViews.Count answer(Question q, Figures f, PageRequest page, OffsetDateTime readAt) {
        return answer(q, f, new Page<>(members(f.page(), q), f.total(), page.page(), page.size()), readAt);
    }

    /** The answer from its figures and the page of people counted they name. */
    static CountViews.Count answer(Question q, Figures f, Page<CountViews.CountedPerson> people, OffsetDateTime readAt) {
        Sources sources = new Sources(f.sourceCount(), f.sources());
        return new CountViews.Count(q.asOf(), q.definition(), q.basis(), new CountViews.Narrowing(q.affiliation(), q.citizenship(),
                q.incidentType()), readAt, q.knownAt(), f.total(), new CountViews.Totals(f.confirmedTotal(), f.lastKnownTotal()),
                f.definite(), f.possible(), f.presumed(), f.disputed(), f.unconfirmed(), f.latest(), f.oldestPresumed(),
                f.breakdown(), people, sources.total(), sources.listed(), caveats(q, f, sources));
    }

    /** The breakdowns: key, label, total, definite, over the people counted. */
    private static final Map<String, String> GROUPS = Map.of(
            "status", "select c.state as key, null as label, count(*) as total, count(*) filter (where c.certainty = 'definite') as definite, "
                    + "count(*) filter (where c.certainty = 'presumed') as presumed from counted c group by c.state",
            "affiliation", """
                    select a.organization_id as key, o.name as label, count(distinct c.person_id) as total,
                           count(distinct c.person_id) filter (where c.certainty = 'definite') as definite,
                           count(distinct c.person_id) filter (where c.certainty = 'presumed') as presumed
                    from counted c
                    left join lateral (select distinct a.organization_id from affiliation a
                                       where a.person_id = c.person_id and a.organization_id is not null
                                         and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')) a on true
                    left join organization o on o.id = a.organization_id
                    group by a.organization_id, o.name""",
            "citizenship", """
                    select z.country as key, null as label, count(distinct c.person_id) as total,
                           count(distinct c.person_id) filter (where c.certainty = 'definite') as definite,
                           count(distinct c.person_id) filter (where c.certainty = 'presumed') as presumed
                    from counted c
                    left join lateral (select distinct z.country from citizenship z
                                       where z.person_id = c.person_id
                                         and exists (select 1 from fact d where d.id = z.fact_id and d.rank <> 'deprecated')) z on true
                    group by z.country""");

    /** The breakdowns as columns of a count (by_status, ...): each a JSON array of its groups. */
    private static final Map<String, String> BREAKDOWNS = Map.of(
            "status", breakdown("status"), "affiliation", breakdown("affiliation"), "citizenship", breakdown("citizenship"));

    private static String breakdown(String by) {
        return ",\n(select cast(coalesce(json_agg(json_build_array(g.key, g.label, g.total, g.definite, g.presumed)"
                + " order by g.total desc, g.key nulls last), '[]') as text) from (" + GROUPS.get(by) + ") g) as by_" + by;
    }

    private <T> List<T> json(String text) {
        try {
            return mapper.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<List<T>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL answered JSON Jackson cannot read", e);
        }
    }

    /** Both totals, confirmed then last known, over the statement's in_states ({@link #counted}). */
    private static final String TOTALS = "(select count(*) from in_states where cf_custody_in_basis(certainty, 'confirmed'))"
            + " as confirmed_total, (select count(*) from in_states) as last_known_total";

    /** Everyone counted, name order, with the judgement and citations, and both totals. */
    public record Everyone(List<CountViews.CountedPerson> people, CountViews.Totals totals) {
    }

    /** Everyone counted and both totals, from one statement: for drafts, which name them all. */
    public Everyone everyone(Question q) {
        boolean kept = judgements.current(q.knownAt());
        try (ExpensiveRequests.Permit permit = kept ? ExpensiveRequests.NONE : expensive.enter(ExpensiveRequests.Kind.JUDGED_COUNT)) {
            String text = counted(q, kept)
                    + "select cast(coalesce((select json_agg(person_id order by name, person_id) from counted), '[]') as text) as people, "
                    + TOTALS;
            record Read(List<String> people, CountViews.Totals totals) {
            }
            Read read = bind(Sql.ofShape(text).in(em), q).one(r -> new Read(this.<String>json(r.text("people")),
                    new CountViews.Totals(r.number("confirmed_total"), r.number("last_known_total"))));
            return new Everyone(members(read.people(), q), read.totals());
        }
    }

    /** When this transaction began reading, for a count's reader to cite. */
    public OffsetDateTime readAt() {
        return NOW.in(em).one(r -> r.time("now"));
    }

    /** The people counted, with the judgement each is counted under and the citations it rests on. */
    List<CountViews.CountedPerson> members(List<String> ids, Question q) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StatusService.Judgement> judgements = statuses.statuses(ids, q.asOf(), q.knownAt(), q.basis());
        Set<Long> factIds = new HashSet<>();
        judgements.values().forEach(j -> factIds.addAll(j.facts()));
        Map<Long, List<CitationView>> cites = facts.citationsOf(factIds);
        Map<String, String> names = new LinkedHashMap<>();
        NAMES.in(em).bind("ids", ids.toArray(String[]::new)).forEach(r -> names.put(r.text("id"), r.text("name")));
        List<CountViews.CountedPerson> out = new ArrayList<>();
        for (String id : ids) {
            StatusService.Judgement j = judgements.get(id);
            // The claims of the counted state first: they are what the count rests on.
            List<CitationView> citations = new ArrayList<>();
            java.util.stream.Stream.concat(j.stateFacts().stream(), j.facts().stream())
                    .forEach(f -> cites.getOrDefault(f, List.of()).stream().filter(c -> !citations.contains(c))
                            .forEach(citations::add));
            out.add(new CountViews.CountedPerson(id, names.get(id), j.status(), j.certainty(), j.lastConfirmed(),
                    j.presumedSince(), j.disputed(), citations));
        }
        return out;
    }

    /** A count lists at most this many sources, those backing most people first; sourceCount says how many there are. */
    public static final int MAX_SOURCES = 50;

    private record Sources(long total, List<CountViews.SourceUse> listed) {
    }

    /**
     * The statement's relations: everyone with a status on the day, presumed ones too, for both totals (judged: the
     * one judgement, kept or made now, see
     * {@link CustodyJudgements#judgedOn}), those matching the narrowing (narrowed), those of them in the definition's
     * states under either basis (in_states), those counted under the question's basis (counted), the sources each one's counted state rests on
     * (counted_source), and the people with custody records matching the narrowing (claimant); from the kept
     * judgement when {@code kept}.
     */
    private String counted(Question q, boolean kept) {
        String narrowing = narrowing(q);
        return "with judged as (\n  " + CustodyJudgements.judgedOn(kept, q.knownAt() != null, Basis.LAST_KNOWN) + "\n), narrowed as (\n"
                + "  select j.* from judged j" + (narrowing.isEmpty() ? "" : " join person p on p.id = j.person_id") + " where true"
                + narrowing + """

                ), in_states as (
                  select * from narrowed where state = any(cast(:states as text[]))
                ), counted as (
                  select * from in_states where cf_custody_in_basis(certainty, :basis)
                ), counted_source as (
                  select ct.person_id, unnest(ct.sources) as source_id from counted ct
                ), claimant as (
                  select k.person_id from (""" + CustodyJudgements.claimants(kept, q.knownAt() != null) + ") k"
                + (narrowing.isEmpty() ? "" : " join person p on p.id = k.person_id") + " where true" + narrowing + "\n)\n";
    }

    /** People affiliated with :org, for {@link #narrowing}. */
    private static final String BY_ORGANIZATION = " and exists (select 1 from affiliation a where a.person_id = p.id"
            + " and a.organization_id = :org and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated'))";

    /** People affiliated with :affiliation too, for {@link #narrowing}. */
    private static final String BY_AFFILIATION = " and exists (select 1 from affiliation a where a.person_id = p.id"
            + " and a.organization_id = :affiliation and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated'))";

    /** Citizens of :country, for {@link #narrowing}. */
    private static final String BY_CITIZENSHIP = " and exists (select 1 from citizenship z where z.person_id = p.id"
            + " and lower(z.country) = lower(:country) and exists (select 1 from fact d where d.id = z.fact_id and d.rank <> 'deprecated'))";

    /** Victims or targets of an incident of the definition's type (:definitionIncidentType), for {@link #narrowing}. */
    private static final String BY_DEFINITION_INCIDENT_TYPE = byIncidentType("definitionIncidentType");

    /** Victims or targets of an incident of the type asked for (:incidentType), for {@link #narrowing}. */
    private static final String BY_INCIDENT_TYPE = byIncidentType("incidentType");

    private static String byIncidentType(String parameter) {
        return " and exists (select 1 from involvement v join incident i on i.id = v.incident_id"
                + " where v.person_id = p.id and v.role in ('victim', 'target') and i.incident_type = :" + parameter
                + " and exists (select 1 from fact d where d.id = v.fact_id and d.rank <> 'deprecated'))";
    }

    /** Conditions on person p for the definition's and the request's narrowing; deprecated facts never count. */
    private static String narrowing(Question q) {
        return (q.organization() != null ? BY_ORGANIZATION : "")
                + (otherAffiliation(q) ? BY_AFFILIATION : "")
                + (q.citizenship() != null ? BY_CITIZENSHIP : "")
                + (q.definition().incidentType() != null ? BY_DEFINITION_INCIDENT_TYPE : "")
                + (q.incidentType() != null ? BY_INCIDENT_TYPE : "");
    }

    /** Whether the request narrows to an affiliation besides the definition's own. */
    private static boolean otherAffiliation(Question q) {
        return q.definition().organization() != null && q.affiliation() != null
                && !q.affiliation().equals(q.definition().organization());
    }

    private static Sql.Statement bind(Sql.Statement query, Question q) {
        query.bind("day", q.asOf()).bind("states", q.definition().states().toArray(String[]::new)).bind("basis", q.basis());
        if (q.knownAt() != null) {
            query.bind("known", q.knownAt());
        }
        if (q.organization() != null) {
            query.bind("org", q.organization());
        }
        if (otherAffiliation(q)) {
            query.bind("affiliation", q.affiliation());
        }
        if (q.citizenship() != null) {
            query.bind("country", q.citizenship());
        }
        if (q.definition().incidentType() != null) {
            query.bind("definitionIncidentType", q.definition().incidentType());
        }
        if (q.incidentType() != null) {
            query.bind("incidentType", q.incidentType());
        }
        return query;
    }

    private static List<String> caveats(Question q, Figures f, Sources sources) {
        List<String> out = new ArrayList<>();
        boolean lastKnown = q.basis().equals(Basis.LAST_KNOWN);
        out.add(lastKnown
                ? "Documented cases only, by last known status: this counts the people whose status on " + q.asOf()
                  + " a source confirms, or who were last reported so and whom no later source reports otherwise. The real number may be higher."
                : "Documented cases only, as confirmed: this counts the people Casefile's sources name with a custody claim covering "
                  + q.asOf() + ". The real number may be higher.");
        out.add("Counted as '" + q.definition().label() + "': " + q.definition().description()
                + narrowingInWords(q));
        out.add("Confirmed on the day: " + f.confirmedTotal() + "; by last known status: " + f.lastKnownTotal()
                + ". This answer counts the " + (lastKnown ? "last known" : "confirmed") + " figure (basis="
                + q.basis() + "); ask with basis=" + (lastKnown ? Basis.CONFIRMED + " to list only the confirmed."
                : Basis.LAST_KNOWN + " to list the last known too."));
        if (sources.total() == 0) {
            out.add("It rests on no source: no one is counted.");
        } else {
            out.add("It rests on " + sources.total() + (sources.total() == 1 ? " source" : " sources")
                    + (sources.total() > sources.listed().size() ? "; those backing most people: " : ": ")
                    + String.join(", ", sources.listed().stream().map(s -> s.id() + (s.date() == null ? "" : " (" + s.date() + ")")).toList())
                    + ".");
        }
        if (f.presumed() > 0) {
            out.add(f.presumed() + " of the " + f.total() + " counted " + (f.presumed() == 1 ? "is" : "are")
                    + " presumed: no source confirms their status on " + q.asOf() + "; it is their last known status, "
                    + "which no later source ends. The oldest of these presumptions rests on a confirmation of "
                    + f.oldestPresumed() + " (" + ChronoUnit.DAYS.between(f.oldestPresumed(), q.asOf()) + " days before "
                    + q.asOf() + "); each person's lastConfirmed and passages show theirs.");
        } else if (!lastKnown && f.lastKnownTotal() > f.confirmedTotal()) {
            long left = f.lastKnownTotal() - f.confirmedTotal();
            out.add(left + (left == 1 ? " person is" : " people are") + " not counted whose last known status, confirmed on "
                    + f.oldestPresumed() + " at the earliest, is in these states: no source confirms it on " + q.asOf() + ".");
        }
        if (f.unconfirmed() > 0) {
            String who = f.unconfirmed() + (f.unconfirmed() == 1 ? " person" : " people")
                    + " with custody records in Casefile (and matching any narrowing)";
            out.add(lastKnown
                    ? "No source confirms the status on " + q.asOf() + " of " + who + "; those whose last known status is in "
                      + "these states are counted as presumed, the others are left out."
                    : who + (f.unconfirmed() == 1 ? " is" : " are") + " left out because no source confirms their status on " + q.asOf() + ".");
        }
        if (f.latest() != null && q.asOf().isAfter(f.latest())) {
            out.add("No source confirms any custody status after " + f.latest() + (lastKnown
                    ? ": every status counted on " + q.asOf() + " is a last known one (or a death)."
                    : ": Casefile does not assume that a status went on after the day a source confirmed it. Ask with basis=last_known for the last known status."));
        }
        if (f.possible() > 0) {
            out.add(f.possible() + " of the " + f.total() + " counted " + (f.possible() == 1 ? "is" : "are")
                    + " possible, not definite: the sources date the status only imprecisely (a month, a year), so it may not cover "
                    + q.asOf() + ".");
        }
        if (f.disputed() > 0) {
            out.add(f.disputed() + " of the " + f.total() + " counted " + (f.disputed() == 1 ? "has" : "have")
                    + " sources that disagree about their status on the day; each is counted under the claim confirmed "
                    + "latest, and every claim is listed with its citations.");
        }
        out.add("Records marked restricted are counted and named only for editors; for other readers they are left out.");
        if (q.knownAt() != null) {
            out.add("As Casefile's records stood at " + q.knownAt() + ".");
        }
        return out;
    }

    private static String narrowingInWords(Question q) {
        List<String> parts = new ArrayList<>();
        if (q.affiliation() != null) {
            parts.add("affiliated with " + q.affiliation());
        }
        if (q.citizenship() != null) {
            parts.add("with " + q.citizenship() + " citizenship");
        }
        if (q.incidentType() != null) {
            parts.add("named as victim or target of an incident of type " + q.incidentType());
        }
        return parts.isEmpty() ? "" : " Narrowed to people " + String.join(" and ", parts) + ".";
    }
}
