package org.casefile.count;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.ProblemException;
import org.casefile.api.ReadsAsCaller;
import org.casefile.api.SqlValues;
import org.casefile.custody.CustodyStates;
import org.casefile.custody.StatusService;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;

/**
 * Counts people from Casefile's own person-level records: on a day, under a named definition. Each person's status
 * is judged as {@link StatusService} judges it (preferred claims over normal ones, definite days over possible ones,
 * the claim confirmed latest first), in one SQL statement, so a count over many people needs no per-person query.
 */
@ApplicationScoped
@Transactional
@ReadsAsCaller
public class CountService {

    /** The custody states a count accepts as status=..., and their groups. */
    public static final Set<String> STATUS_VALUES = CustodyStates.FILTERS.keySet();

    private final EntityManager em;
    private final StatusService statuses;
    private final FactRepository facts;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final CustodyJudgements judgements;

    public CountService(EntityManager em, StatusService statuses, FactRepository facts,
                        com.fasterxml.jackson.databind.ObjectMapper mapper, CustodyJudgements judgements) {
        this.em = em;
        this.judgements = judgements;
        this.statuses = statuses;
        this.facts = facts;
        this.mapper = mapper;
    }

    public List<CountViews.Definition> definitions() {
        List<?> rows = em.createNativeQuery("""
                select id, label, description, states, organization_id, incident_type
                from count_definition order by position, id""").getResultList();
        return rows.stream().map(r -> definition((Object[]) r)).toList();
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

    private static CountViews.Definition definition(Object[] r) {
        return new CountViews.Definition((String) r[0], (String) r[1], (String) r[2], List.of((String[]) r[3]),
                (String) r[4], (String) r[5]);
    }

    /** What to count: a definition, the day, narrowing on top of the definition's own, and the record time. */
    public record Question(CountViews.Definition definition, LocalDate asOf, String affiliation, String citizenship,
                           String incidentType, OffsetDateTime knownAt) {

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
    record Figures(long total, long definite, long disputed, long unconfirmed, LocalDate latest, long sourceCount,
                   List<CountViews.SourceUse> sources, List<String> page, Map<String, List<CountViews.Group>> breakdown) {
    }

    private Figures figures(Question q, List<String> groupBy, PageRequest page) {
        boolean kept = judgements.current(q.knownAt());
        String claimsFrom = StatusService.claimsFrom(q.knownAt());
        StringBuilder select = new StringBuilder(kept ? judgedKept(q) : judgedNow(q)).append("""
                select (select count(*) from counted),
                       (select count(*) from counted where definite),
                       (select count(*) from counted where disputed),
                       %2$s,
                       %6$s,
                       (select cast(coalesce(json_agg(json_build_array(x.id, x.title, x.date_edtf, x.people, x.sources)
                                                      order by x.people desc, x.date_lower nulls last, x.id), '[]') as text)
                        from (select s.id, s.title, s.date_edtf, s.date_lower, count(distinct cs.person_id) as people,
                                     count(*) over () as sources
                              from counted_source cs join source s on s.id = cs.source_id
                              group by s.id, s.title, s.date_edtf, s.date_lower
                              order by count(distinct cs.person_id) desc, s.date_lower nulls last, s.id limit %3$d) x),
                       (select cast(coalesce(json_agg(x.person_id order by x.name, x.person_id), '[]') as text)
                        from (select person_id, name from counted order by name, person_id offset %4$d limit %5$d) x)"""
                .formatted(narrowing(q), kept
                                // Every claimant is judged on the day or left out: the difference is who is left out.
                                ? "(select count(*) from custody_claimant k %s where true %s) - (select count(*) from judged j %s where true %s)"
                                  .formatted(narrowedPerson(q, "k"), narrowing(q), narrowedPerson(q, "j"), narrowing(q))
                                : """
                                  (select count(*) from person p where p.merged_into is null %s
                                     and p.id not in (select person_id from judged)
                                     and exists (select 1 %s where c.person_id = p.id and f.rank <> 'deprecated'))"""
                                  .formatted(narrowing(q), claimsFrom),
                        MAX_SOURCES, page.offset(), page.size(), kept ? "(select latest_definite from custody_judgement_built)"
                                : "(select max(upper(c.definite_span) - 1) %s where f.rank <> 'deprecated')".formatted(claimsFrom)));
        for (String by : groupBy) {
            select.append(",\n(select cast(coalesce(json_agg(json_build_array(g.key, g.label, g.total, g.definite)"
                    + " order by g.total desc, g.key nulls last), '[]') as text) from (").append(GROUPS.get(by)).append(") g)");
        }
        Object[] row = (Object[]) bind(em.createNativeQuery(select.toString()), q).getSingleResult();
        List<List<Object>> sourceRows = json((String) row[5]);
        Map<String, List<CountViews.Group>> breakdown = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            breakdown.put(groupBy.get(i), this.<List<Object>>json((String) row[7 + i]).stream().map(g -> {
                long t = ((Number) g.get(2)).longValue();
                long d = ((Number) g.get(3)).longValue();
                return new CountViews.Group((String) g.get(0), (String) g.get(1), t, d, t - d);
            }).toList());
        }
        return new Figures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), SqlValues.day(row[4]),
                sourceRows.isEmpty() ? 0 : ((Number) sourceRows.get(0).get(4)).longValue(),
                sourceRows.stream().map(r -> new CountViews.SourceUse((String) r.get(0), (String) r.get(1), (String) r.get(2),
                        ((Number) r.get(3)).longValue())).toList(), this.<String>json((String) row[6]), breakdown);
    }

    /** The answer from its figures: the people on the page with their judgements and citations, and the caveats. */
    CountViews.Count answer(Question q, Figures f, PageRequest page, OffsetDateTime readAt) {
        Sources sources = new Sources(f.sourceCount(), f.sources());
        long possible = f.total() - f.definite();
        Page<CountViews.CountedPerson> people = new Page<>(counted(f.page(), q), f.total(), page.page(), page.size());
        return new CountViews.Count(q.asOf(), q.definition(), new CountViews.Narrowing(q.affiliation(), q.citizenship(),
                q.incidentType()), readAt, q.knownAt(), f.total(), f.definite(), possible, f.disputed(), f.unconfirmed(),
                f.latest(), f.breakdown(), people, sources.total(), sources.listed(),
                caveats(q, f.total(), possible, f.disputed(), f.unconfirmed(), f.latest(), sources));
    }

    /** The breakdowns: key, label, total, definite, over the people counted. */
    private static final Map<String, String> GROUPS = Map.of(
            "status", "select c.state as key, null as label, count(*) as total, count(*) filter (where c.definite) as definite "
                    + "from counted c group by c.state",
            "affiliation", """
                    select a.organization_id as key, o.name as label, count(distinct c.person_id) as total,
                           count(distinct c.person_id) filter (where c.definite) as definite
                    from counted c
                    left join lateral (select distinct a.organization_id from affiliation a
                                       where a.person_id = c.person_id and a.organization_id is not null
                                         and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')) a on true
                    left join organization o on o.id = a.organization_id
                    group by a.organization_id, o.name""",
            "citizenship", """
                    select z.country as key, null as label, count(distinct c.person_id) as total,
                           count(distinct c.person_id) filter (where c.definite) as definite
                    from counted c
                    left join lateral (select distinct z.country from citizenship z
                                       where z.person_id = c.person_id
                                         and exists (select 1 from fact d where d.id = z.fact_id and d.rank <> 'deprecated')) z on true
                    group by z.country""");

    private <T> List<T> json(String text) {
        try {
            return mapper.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<List<T>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL answered JSON Jackson cannot read", e);
        }
    }

    /** Every person counted, name order, with the judgement and citations: for drafts, which name them all. */
    public List<CountViews.CountedPerson> everyone(Question q) {
        @SuppressWarnings("unchecked")
        List<String> ids = bind(em.createNativeQuery(
                (judgements.current(q.knownAt()) ? judgedKept(q) : judgedNow(q)) + "select person_id from counted order by name, person_id"), q)
                .getResultList();
        return counted(ids, q);
    }

    /** When this transaction began reading, for a count's reader to cite. */
    public OffsetDateTime readAt() {
        return SqlValues.time(em.createNativeQuery("select now()").getSingleResult());
    }

    private List<CountViews.CountedPerson> counted(List<String> ids, Question q) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StatusService.Judgement> judgements = statuses.statuses(ids, q.asOf(), q.knownAt());
        Set<Long> factIds = new HashSet<>();
        judgements.values().forEach(j -> j.pool().forEach(r -> factIds.add(r.factId())));
        Map<Long, List<CitationView>> cites = facts.citationsOf(factIds);
        Map<String, String> names = new LinkedHashMap<>();
        em.createNativeQuery("select id, name from person where id in (:ids)").setParameter("ids", ids).getResultList()
                .forEach(r -> names.put((String) ((Object[]) r)[0], (String) ((Object[]) r)[1]));
        List<CountViews.CountedPerson> out = new ArrayList<>();
        for (String id : ids) {
            StatusService.Judgement j = judgements.get(id);
            // The claims of the counted state first: they are what the count rests on.
            List<CitationView> citations = new ArrayList<>();
            j.pool().stream().sorted(java.util.Comparator.comparing((StatusService.Row r) -> !r.state().equals(j.status())))
                    .forEach(r -> cites.getOrDefault(r.factId(), List.of()).stream().filter(c -> !citations.contains(c))
                            .forEach(citations::add));
            out.add(new CountViews.CountedPerson(id, names.get(id), j.status(), j.certainty(), j.lastConfirmed(),
                    j.disputed(), citations));
        }
        return out;
    }

    /** A count lists at most this many sources, those backing most people first; sourceCount says how many there are. */
    static final int MAX_SOURCES = 50;

    private record Sources(long total, List<CountViews.SourceUse> listed) {
    }

    /**
     * The judgement of every person with a claim covering the day (judged: person_id, state), the people counted
     * (counted: person_id, name, state, definite, disputed) and the sources each one's counted state rests on
     * (counted_source). Disputed: two of the claims disagree, as {@link CustodyStates#conflict} decides (an arrest and
     * a detention the same day do not). judgedKept reads all this from the kept judgement; judgedNow judges the claims.
     */
    private static String judgedKept(Question q) {
        return """
                with judged as (
                  select person_id, state from custody_judgement where days @> cast(:day as date)
                ), counted as (
                  select j.person_id, j.name, j.state, j.definite, j.disputed, j.sources
                  from custody_judgement j %s
                  where j.days @> cast(:day as date) and j.state = any(cast(:states as text[])) %s
                ), counted_source as (
                  select ct.person_id, unnest(ct.sources) as source_id from counted ct
                )
                """.formatted(narrowedPerson(q, "j"), narrowing(q));
    }

    /** The kept judgement holds only people the public sees, not merged: person p is joined only to narrow. */
    private static String narrowedPerson(Question q, String alias) {
        return narrowing(q).isEmpty() ? "" : "join person p on p.id = " + alias + ".person_id";
    }

    private static String judgedNow(Question q) {
        return """
                with covering as (
                  select c.person_id, c.fact_id, c.state, f.rank,
                         coalesce(c.definite_span @> cast(:day as date), false) as definite,
                         upper(c.definite_span) - 1 as definite_to
                  %s
                  where f.rank <> 'deprecated' and c.possible_span @> cast(:day as date)
                ), ranked as (
                  select cv.*, bool_or(cv.rank = 'preferred') over (partition by cv.person_id) as any_preferred from covering cv
                ), pool as (
                  select r.*, bool_or(r.definite) over (partition by r.person_id) as any_definite
                  from ranked r where r.rank = 'preferred' or not r.any_preferred
                ), claims as (
                  select * from pool where definite or not any_definite
                ), judged as (
                  select distinct on (person_id) person_id, state, any_definite as definite
                  from claims order by person_id, definite_to desc nulls last, fact_id
                ), disputes as (
                  -- Two different states other than arrested always disagree; arrested disagrees only with a state
                  -- in which the person is not held.
                  select person_id,
                         count(distinct state) filter (where state <> 'arrested') >= 2
                         or (bool_or(state = 'arrested')
                             and bool_or(state not in ('arrested', 'pretrial_detention', 'imprisoned', 'house_arrest'))) as disputed
                  from claims group by person_id
                ), counted as (
                  select j.person_id, p.name, j.state, j.definite, d.disputed
                  from judged j join person p on p.id = j.person_id and p.merged_into is null
                  join disputes d on d.person_id = j.person_id
                  where j.state = any(cast(:states as text[])) %s
                ), counted_source as (
                  select distinct ct.person_id, ci.source_id
                  from claims cl join counted ct on ct.person_id = cl.person_id and ct.state = cl.state
                  join citation ci on ci.fact_id = cl.fact_id
                )
                """.formatted(StatusService.claimsFrom(q.knownAt()), narrowing(q));
    }

    /** Conditions on person p for the definition's and the request's narrowing; deprecated facts never count. */
    private static String narrowing(Question q) {
        StringBuilder sql = new StringBuilder();
        if (q.organization() != null) {
            sql.append(" and exists (select 1 from affiliation a where a.person_id = p.id and a.organization_id = :org"
                    + " and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated'))");
        }
        if (q.definition().organization() != null && q.affiliation() != null
                && !q.affiliation().equals(q.definition().organization())) {
            sql.append(" and exists (select 1 from affiliation a where a.person_id = p.id and a.organization_id = :affiliation"
                    + " and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated'))");
        }
        if (q.citizenship() != null) {
            sql.append(" and exists (select 1 from citizenship z where z.person_id = p.id and lower(z.country) = lower(:country)"
                    + " and exists (select 1 from fact d where d.id = z.fact_id and d.rank <> 'deprecated'))");
        }
        for (String type : incidentTypes(q)) {
            sql.append(" and exists (select 1 from involvement v join incident i on i.id = v.incident_id"
                    + " where v.person_id = p.id and v.role in ('victim', 'target') and i.incident_type = :").append(type)
                    .append(" and exists (select 1 from fact d where d.id = v.fact_id and d.rank <> 'deprecated'))");
        }
        return sql.toString();
    }

    private static List<String> incidentTypes(Question q) {
        List<String> params = new ArrayList<>();
        if (q.definition().incidentType() != null) {
            params.add("definitionIncidentType");
        }
        if (q.incidentType() != null) {
            params.add("incidentType");
        }
        return params;
    }

    private static Query bind(Query query, Question q) {
        query.setParameter("day", q.asOf()).setParameter("states", q.definition().states().toArray(String[]::new));
        if (q.knownAt() != null) {
            query.setParameter("known", q.knownAt());
        }
        if (q.organization() != null) {
            query.setParameter("org", q.organization());
        }
        if (q.definition().organization() != null && q.affiliation() != null
                && !q.affiliation().equals(q.definition().organization())) {
            query.setParameter("affiliation", q.affiliation());
        }
        if (q.citizenship() != null) {
            query.setParameter("country", q.citizenship());
        }
        if (q.definition().incidentType() != null) {
            query.setParameter("definitionIncidentType", q.definition().incidentType());
        }
        if (q.incidentType() != null) {
            query.setParameter("incidentType", q.incidentType());
        }
        return query;
    }

    private static List<String> caveats(Question q, long total, long possible, long disputed, long unconfirmed,
                                        LocalDate latest, Sources sources) {
        List<String> out = new ArrayList<>();
        out.add("Documented cases only: this counts the people Casefile's sources name with a custody claim covering "
                + q.asOf() + ". The real number may be higher.");
        out.add("Counted as '" + q.definition().label() + "': " + q.definition().description()
                + narrowingInWords(q));
        if (sources.total() == 0) {
            out.add("It rests on no source: no one is counted.");
        } else {
            out.add("It rests on " + sources.total() + (sources.total() == 1 ? " source" : " sources")
                    + (sources.total() > sources.listed().size() ? "; those backing most people: " : ": ")
                    + String.join(", ", sources.listed().stream().map(s -> s.id() + (s.date() == null ? "" : " (" + s.date() + ")")).toList())
                    + ".");
        }
        if (unconfirmed > 0) {
            out.add(unconfirmed + (unconfirmed == 1 ? " person" : " people")
                    + " with custody records in Casefile (and matching any narrowing) " + (unconfirmed == 1 ? "is" : "are")
                    + " left out because no source confirms their status on " + q.asOf() + ".");
        }
        if (latest != null && q.asOf().isAfter(latest)) {
            out.add("No source confirms any custody status after " + latest + ": Casefile does not assume that a status "
                    + "went on after the day a source confirmed it. Ask with an earlier asOf for a count the sources support.");
        }
        if (possible > 0) {
            out.add(possible + " of the " + total + " counted " + (possible == 1 ? "is" : "are")
                    + " possible, not definite: the sources date the status only imprecisely (a month, a year), so it may not cover "
                    + q.asOf() + ".");
        }
        if (disputed > 0) {
            out.add(disputed + " of the " + total + " counted " + (disputed == 1 ? "has" : "have")
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
