package org.casefile.person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.ProblemException;
import org.casefile.charge.Charge;
import org.casefile.custody.CustodyPeriod;
import org.casefile.fact.CitationView;
import org.casefile.fact.Fact;
import org.casefile.fact.FactRepository;
import org.casefile.incident.Incident;
import org.casefile.incident.Involvement;
import org.casefile.organization.Organization;

/** Reads people with the facts about them. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PersonService {

    private final EntityManager em;
    private final FactRepository facts;

    public PersonService(EntityManager em, FactRepository facts) {
        this.em = em;
        this.facts = facts;
    }

    /** People whose display name or any name form contains {@code q} (case-insensitive), by name. */
    public Page<PersonViews.Summary> list(String q, PageRequest page) {
        String where = "";
        String pattern = null;
        if (q != null && !q.isBlank()) {
            pattern = "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where = " where lower(p.name) like :q escape '\\' or exists (select 1 from PersonName n"
                    + " where n.personId = p.id and lower(n.name) like :q escape '\\')";
        }
        var count = em.createQuery("select count(p) from Person p" + where, Long.class);
        var select = em.createQuery("select p from Person p" + where + " order by p.name, p.id", Person.class);
        if (pattern != null) {
            count.setParameter("q", pattern);
            select.setParameter("q", pattern);
        }
        List<Person> people = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<String, List<String>> aliases = aliases(people.stream().map(p -> p.id).toList());
        List<PersonViews.Summary> items = people.stream()
                .map(p -> new PersonViews.Summary(p.id, p.name, without(aliases.getOrDefault(p.id, List.of()), p.name)))
                .toList();
        return new Page<>(items, count.getSingleResult(), page.page(), page.size());
    }

    public PersonViews.Detail get(String id) {
        Person person = em.find(Person.class, id);
        if (person == null) {
            throw ProblemException.notFound("Person", id);
        }
        List<PersonName> names = byPerson(PersonName.class, id);
        List<Citizenship> citizenships = byPerson(Citizenship.class, id);
        List<Affiliation> affiliations = byPerson(Affiliation.class, id);
        List<CustodyPeriod> custody = em.createQuery(
                        "from CustodyPeriod where personId = :id order by startLower nulls first, confirmedOn nulls last, id", CustodyPeriod.class)
                .setParameter("id", id).getResultList();
        List<Charge> charges = em.createQuery(
                        "from Charge where personId = :id order by dateLower nulls last, id", Charge.class)
                .setParameter("id", id).getResultList();
        List<Object[]> involvements = em.createQuery("""
                        select v, i from Involvement v join Incident i on i.slug = v.incidentId
                        where v.personId = :id order by i.dateLower nulls last, i.slug, v.id""", Object[].class)
                .setParameter("id", id).getResultList();

        Set<Long> ids = new HashSet<>();
        List.of(names, citizenships, affiliations, custody, charges).forEach(list -> list.forEach(f -> ids.add(f.id)));
        involvements.forEach(row -> ids.add(((Fact) row[0]).id));
        Map<Long, List<CitationView>> cites = facts.citationsOf(ids);
        Map<String, String> orgNames = organizationNames(affiliations.stream().map(a -> a.organizationId).toList());

        return new PersonViews.Detail(person.id, person.name, person.concern,
                without(names.stream().map(n -> n.name).distinct().toList(), person.name),
                names.stream().map(n -> new PersonViews.Name(n.id, n.name, n.form, n.rank, cites.get(n.id))).toList(),
                citizenships.stream().map(c -> new PersonViews.CitizenshipView(c.id, c.country, c.rank, c.note, cites.get(c.id))).toList(),
                affiliations.stream().map(a -> new PersonViews.AffiliationView(a.id, a.organizationId,
                        orgNames.get(a.organizationId), a.role, a.dateEdtf, a.former, a.rank, a.note, cites.get(a.id))).toList(),
                custody.stream().map(c -> new PersonViews.CustodyView(c.id, c.state, c.startEdtf, c.startLower, c.startUpper,
                        c.endEdtf, c.endLower, c.endUpper, c.place, c.confirmedOn, c.rank, c.derived, c.derivation, c.note,
                        cites.get(c.id))).toList(),
                charges.stream().map(c -> new PersonViews.ChargeView(c.id, c.charge, c.legalCaseId, c.incidentId, c.dateEdtf,
                        c.court, c.stage, c.outcome, c.sentence, c.sentenceYears, c.inAbsentia, c.rank, c.note,
                        cites.get(c.id))).toList(),
                involvements.stream().map(row -> {
                    Involvement v = (Involvement) row[0];
                    Incident i = (Incident) row[1];
                    return new PersonViews.IncidentRole(v.id, i.slug, i.incidentType, i.title, i.dateEdtf, i.dateLower,
                            i.dateUpper, i.place, v.role, v.nameAsWritten, i.derived, i.derivation, cites.get(v.id));
                }).toList());
    }

    private <T extends Fact> List<T> byPerson(Class<T> type, String personId) {
        return em.createQuery("from " + type.getSimpleName() + " where personId = :id order by id", type)
                .setParameter("id", personId).getResultList();
    }

    private Map<String, List<String>> aliases(Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select n.personId, n.name from PersonName n where n.personId in :ids order by n.id", Object[].class)
                .setParameter("ids", personIds).getResultList().stream()
                .collect(Collectors.groupingBy(r -> (String) r[0], LinkedHashMap::new,
                        Collectors.mapping(r -> (String) r[1], Collectors.toList())));
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
    private static List<String> without(List<String> names, String displayName) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.equals(displayName) && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
