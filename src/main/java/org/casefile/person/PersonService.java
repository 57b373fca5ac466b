package org.casefile.person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casefile.custody.CustodyJudgements;
import org.casefile.custody.StatusMaterial;
import org.casefile.custody.StatusService;
import org.casefile.db.Sql;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.Affiliation;
import org.casefile.fact.Charge;
import org.casefile.fact.CitationView;
import org.casefile.fact.Citizenship;
import org.casefile.fact.CustodyPeriod;
import org.casefile.fact.Fact;
import org.casefile.fact.FactRepository;
import org.casefile.fact.Incident;
import org.casefile.fact.Involvement;
import org.casefile.fact.Organization;
import org.casefile.fact.Person;
import org.casefile.fact.PersonName;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.MergedException;
import org.casefile.problem.ProblemException;

/** Reads people with the facts about them. */
@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class PersonService {

    private final EntityManager em;
    private final FactRepository facts;
    private final StatusService statuses;
    private final CustodyJudgements judgements;

    public PersonService(EntityManager em, FactRepository facts, StatusService statuses, CustodyJudgements judgements) {
        this.em = em;
        this.judgements = judgements;
        this.facts = facts;
        this.statuses = statuses;
    }

    /**
     * Deprecated facts never count, and restricted ones only for editors: asked of the fact row itself, so the
     * row-level security on fact applies. A per-row key lookup, not a join of every fact.
     */
    private static String notDeprecated(String alias) {
        return "exists (select 1 from fact d where d.id = " + alias + ".fact_id and d.rank <> 'deprecated')";
    }

    /** The filters of GET /api/persons, already checked. */
    public record Search(String q, Set<String> states, LocalDate asOf, String basis, boolean definiteOnly,
                         Boolean concern, String organizationId, String citizenship, String role, String sort) {
    }

    /**
     * People matching every given filter. A name query matches any name form, word by word, on a key without
     * accents, case, punctuation or honorifics, best match first: {@code found} is what the name index found for it
     * ({@link PersonNameIndex#find}, asked before this transaction), null without a query.
     */
    @Transactional
    public Page<PersonViews.Summary> list(Search search, PageRequest page, PersonNameIndex.Found found) {
        StringBuilder from = new StringBuilder(" from person p");
        Map<String, Object> params = new LinkedHashMap<>();
        String key = null;
        if (found != null) {
            key = found.key();
            if (key.isEmpty()) {
                throw noLetters(search.q());
            }
            // The index found the matches, in relevance order (PersonNameIndex.RELEVANCE); PostgreSQL applies the other
            // filters to them.
            from.append(" join unnest(cast(:ids as text[])) with ordinality m(person_id, rank) on m.person_id = p.id");
            params.put("ids", found.matches().stream().map(PersonNameIndex.Match::personId).toArray(String[]::new));
        }
        StringBuilder where = new StringBuilder(" where p.merged_into is null");
        boolean judgedNow = false;
        if (search.states() != null) {
            // Exactly whom a count of these states on the day counts: the one judgement, kept or made now.
            boolean kept = judgements.current(null);
            judgedNow = !kept;
            from.append(" join (").append(CustodyJudgements.judgedOn(kept, false, search.basis()))
                    .append(") s on s.person_id = p.id and s.state = any(cast(:states as text[])) and cf_custody_in_basis(s.certainty, :basis)")
                    .append(search.definiteOnly() ? " and s.certainty = 'definite'" : "");
            params.put("states", search.states().toArray(String[]::new));
            params.put("day", search.asOf());
            params.put("basis", search.basis());
        }
        if (search.concern() != null) {
            where.append(search.concern() ? " and p.concern" : " and not p.concern");
        }
        if (search.organizationId() != null) {
            where.append(" and exists (select 1 from affiliation a where a.person_id = p.id"
                    + " and " + notDeprecated("a") + " and a.organization_id = :org)");
            params.put("org", search.organizationId());
        }
        if (search.citizenship() != null) {
            where.append(" and exists (select 1 from citizenship z where z.person_id = p.id"
                    + " and " + notDeprecated("z") + " and lower(z.country) = lower(:country))");
            params.put("country", search.citizenship());
        }
        if (search.role() != null) {
            where.append(" and exists (select 1 from involvement v where v.person_id = p.id"
                    + " and " + notDeprecated("v") + " and v.role = :role)");
            params.put("role", search.role());
        }
        // The last day a source confirms any custody status of the person, up to the day asked about.
        String lastConfirmed = "(select max(upper(c.definite_span) - 1) from custody_period c"
                + " where c.person_id = p.id and " + notDeprecated("c") + " and c.definite_span && daterange(null, cast(:asof as date), '[]'))";
        String order = switch (search.sort()) {
            case "relevance" -> key != null ? "m.rank" : "p.name, p.id";
            case "-name" -> "p.name desc, p.id";
            case "lastConfirmed" -> lastConfirmed + " asc nulls last, p.name, p.id";
            case "-lastConfirmed" -> lastConfirmed + " desc nulls last, p.name, p.id";
            default -> "p.name, p.id";
        };
        // A name search counts its matches in the same pass that ranks them (the matched ids are read once, not twice);
        // so does a list by status judged from the claims (while the kept judgement is made again): one statement,
        // under one statement time limit, not two. From the kept judgement, the page reads by the name and stops early.
        boolean countInPass = key != null || judgedNow;
        Sql.Statement count = Sql.ofShape("select count(*) as total" + from + where).in(em);
        Sql.Statement select = Sql.ofShape("select p.id" + (countInPass ? ", count(*) over () as total" : "") + from + where
                + " order by " + order + " limit :size offset :offset").in(em);
        params.forEach((k, v) -> {
            count.bind(k, v);
            select.bind(k, v);
        });
        if (order.contains(":asof")) {
            select.bind("asof", search.asOf());
        }
        record Hit(String id, long total) {
        }
        List<Hit> rows = select.bind("size", page.size()).bind("offset", page.offset())
                .list(r -> new Hit(r.text("id"), countInPass ? r.number("total") : 0));
        List<String> ids = rows.stream().map(Hit::id).toList();
        long total = countInPass && !rows.isEmpty() ? rows.get(0).total() : count.one(r -> r.number("total"));
        return new Page<>(summaries(ids, search.asOf(), search.basis()), total, page.page(), page.size());
    }

    /**
     * People on a page (:ids) with their status on :day under :basis (StatusService.statusNow), display name and every
     * name form in the order recorded: one statement. The name by a key lookup per person (a subquery): joined,
     * PostgreSQL hashes every person for the twenty.
     */
    private static final Sql SUMMARIES = Sql.of("select s.*, (select p.name from person p where p.id = s.person_id) as name,"
            + " array(select n.name from person_name n where n.person_id = s.person_id order by n.fact_id) as names"
            + " from (" + StatusService.statusNow("cast(:ids as text[])") + ") s");

    /** People ids as a list shows them, in that order, with their status on the day under the basis. */
    @Transactional
    public List<PersonViews.Summary> summaries(List<String> ids, LocalDate day, String basis) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, PersonViews.Summary> found = new HashMap<>();
        SUMMARIES.in(em).bind("ids", ids.toArray(String[]::new)).bind("day", day).bind("basis", basis).forEach(r -> {
            StatusService.Judgement status = StatusService.Judgement.of(r);
            String name = r.text("name");
            if (name != null) { // else a person this reader may not see (row-level security)
                found.put(status.personId(), PersonViews.Summary.of(status.personId(), name, without(r.texts("names"), name), status));
            }
        });
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList(); // one hidden since: left out
    }

    static ProblemException noLetters(String q) {
        return ProblemException.badParameter("q", "'q' has no letters to search by once honorifics and punctuation are set aside; got '" + q + "'.");
    }

    public PersonViews.Detail get(String id) {
        return document(id).detail();
    }

    /** A person's document, and what their status on any day is answered from: built together, the runs judged once. */
    public record Document(PersonViews.Detail detail, StatusMaterial status) {
    }

    public Document document(String id) {
        Person person = em.find(Person.class, id);
        if (person == null) {
            throw ProblemException.notFound("Person", id);
        }
        if (person.mergedInto != null) {
            throw new MergedException("Person", id, person.mergedInto);
        }
        List<PersonName> names = byPerson(PersonName.class, id);
        List<Citizenship> citizenships = byPerson(Citizenship.class, id);
        List<Affiliation> affiliations = byPerson(Affiliation.class, id);
        List<CustodyPeriod> custody = em.createQuery(
                        "from CustodyPeriod c where c.personId = :id order by c.start.lower nulls first, c.confirmedOn nulls last, c.id", CustodyPeriod.class)
                .setParameter("id", id).getResultList();
        List<Charge> charges = em.createQuery(
                        "from Charge c where c.personId = :id order by c.date.lower nulls last, c.id", Charge.class)
                .setParameter("id", id).getResultList();
        record Role(Involvement involvement, Incident incident) {
        }
        List<Role> involvements = em.createQuery("""
                        select v, i from Involvement v join Incident i on i.slug = v.incidentId
                        where v.personId = :id order by i.date.lower nulls last, i.slug, v.id""", Role.class)
                .setParameter("id", id).getResultList();

        Set<Long> ids = new HashSet<>();
        List.of(names, citizenships, affiliations, custody, charges).forEach(list -> list.forEach(f -> ids.add(f.id)));
        involvements.forEach(row -> ids.add(row.involvement().id));
        Map<Long, List<CitationView>> cites = facts.citationsOf(ids);
        Map<String, String> orgNames = organizationNames(affiliations.stream().map(a -> a.organizationId).toList());
        StatusMaterial status = statuses.material(id);

        return new Document(new PersonViews.Detail(person.id, person.name, person.concern,
                without(names.stream().map(n -> n.name).distinct().toList(), person.name),
                names.stream().map(n -> new PersonViews.Name(n.id, n.name, n.form, sourcesOf(cites.get(n.id)), n.rank, cites.get(n.id))).toList(),
                citizenships.stream().map(c -> new PersonViews.CitizenshipView(c.id, c.country, c.rank, c.note, cites.get(c.id))).toList(),
                affiliations.stream().map(a -> new PersonViews.AffiliationView(a.id, a.organizationId,
                        a.organizationId == null ? null : orgNames.get(a.organizationId), a.role, EdtfRange.orNone(a.date).edtf(), a.former, a.rank, a.note, cites.get(a.id))).toList(),
                custody.stream().map(c -> new PersonViews.CustodyView(c.id, c.state, EdtfRange.orNone(c.start).edtf(), EdtfRange.orNone(c.start).lower(), EdtfRange.orNone(c.start).upper(),
                        EdtfRange.orNone(c.end).edtf(), EdtfRange.orNone(c.end).lower(), EdtfRange.orNone(c.end).upper(), c.place, c.confirmedOn, c.rank, c.derived, c.derivation, c.note,
                        cites.get(c.id))).toList(),
                charges.stream().map(c -> new PersonViews.ChargeView(c.id, c.charge, c.legalCaseId, c.incidentId, EdtfRange.orNone(c.date).edtf(),
                        c.court, c.stage, c.outcome, c.sentence, c.sentenceYears, c.inAbsentia, c.rank, c.note,
                        cites.get(c.id))).toList(),
                status.runs().stream().map(StatusMaterial.BasedRun::run).toList(),
                involvements.stream().map(row -> {
                    Involvement v = row.involvement();
                    Incident i = row.incident();
                    return new PersonViews.IncidentRole(v.id, i.slug, i.incidentType, i.title, EdtfRange.orNone(i.date).edtf(), EdtfRange.orNone(i.date).lower(),
                            EdtfRange.orNone(i.date).upper(), i.place, v.role, v.nameAsWritten, i.derived, i.derivation, cites.get(v.id));
                }).toList(),
                statuses.conflicts(id)), status);
    }

    private static List<String> sourcesOf(List<CitationView> citations) {
        return citations == null ? List.of() : citations.stream().map(CitationView::source).distinct().toList();
    }


    private <T extends Fact> List<T> byPerson(Class<T> type, String personId) {
        return em.createQuery("from " + type.getSimpleName() + " where personId = :id order by id", type)
                .setParameter("id", personId).getResultList();
    }

    private Map<String, String> organizationNames(Collection<String> ids) {
        List<String> known = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (known.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from Organization where id in :ids", Organization.class).setParameter("ids", known)
                .getResultList().stream().collect(Collectors.toMap(o -> o.id, o -> o.name));
    }

    /** The distinct names other than the display name. */
    static List<String> without(List<String> names, String displayName) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.equals(displayName) && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
