package org.casefile.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.db.TextFilter;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;
import org.casefile.fact.Incident;
import org.casefile.fact.Involvement;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;

@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class IncidentService {

    private final EntityManager em;
    private final FactRepository facts;

    public IncidentService(EntityManager em, FactRepository facts) {
        this.em = em;
        this.facts = facts;
    }

    public record Search(String type, String personId, String organizationId, LocalDate from, LocalDate to, String q) {
    }

    /** Incidents matching every filter, oldest first; a date range matches incidents whose days overlap it. */
    public Page<IncidentViews.Summary> list(Search s, PageRequest page) {
        StringBuilder where = new StringBuilder(" where i.rank <> 'deprecated'");
        Map<String, Object> params = new LinkedHashMap<>();
        if (s.type() != null) {
            where.append(" and i.incidentType = :type");
            params.put("type", s.type());
        }
        if (s.personId() != null) {
            where.append(" and exists (select 1 from Involvement v where v.incidentId = i.slug and v.personId = :person)");
            params.put("person", s.personId());
        }
        if (s.organizationId() != null) {
            where.append(" and exists (select 1 from Involvement v where v.incidentId = i.slug and v.organizationId = :org)");
            params.put("org", s.organizationId());
        }
        if (s.from() != null) {
            where.append(" and (i.date.upper is null or i.date.upper >= :from)");
            params.put("from", s.from());
        }
        if (s.to() != null) {
            where.append(" and (i.date.lower is null or i.date.lower <= :to)");
            params.put("to", s.to());
        }
        where.append(TextFilter.of(s.q()).condition(params, "i.title", "i.description", "i.place"));
        var count = em.createQuery("select count(i) from Incident i" + where, Long.class);
        var select = em.createQuery("select i from Incident i" + where + " order by i.date.lower nulls last, i.date.upper nulls last, i.slug", Incident.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        List<IncidentViews.Summary> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(i -> new IncidentViews.Summary(i.slug, i.incidentType, i.title, EdtfRange.orNone(i.date).edtf(), EdtfRange.orNone(i.date).lower(), EdtfRange.orNone(i.date).upper(), i.place))
                .toList();
        return new Page<>(items, count.getSingleResult(), page.page(), page.size());
    }

    /** The fact behind an incident id. */
    public long factId(String id) {
        List<Long> ids = em.createQuery("select i.id from Incident i where i.slug = :id", Long.class).setParameter("id", id).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Incident", id);
        }
        return ids.get(0);
    }

    public IncidentViews.Detail get(String id) {
        List<Incident> found = em.createQuery("from Incident where slug = :id", Incident.class).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("Incident", id);
        }
        Incident i = found.get(0);
        record Named(Involvement involvement, String name) {
        }
        List<Named> rows = em.createQuery("""
                        select v, coalesce(p.name, o.name) from Involvement v
                        left join Person p on p.id = v.personId left join Organization o on o.id = v.organizationId
                        where v.incidentId = :id order by v.id""", Named.class)
                .setParameter("id", id).getResultList();
        Set<Long> ids = new HashSet<>();
        ids.add(i.id);
        rows.forEach(r -> ids.add(r.involvement().id));
        Map<Long, List<CitationView>> cites = facts.citationsOf(ids);
        List<IncidentViews.Participant> participants = new ArrayList<>();
        rows.forEach(r -> {
            Involvement v = r.involvement();
            participants.add(new IncidentViews.Participant(v.id, v.personId, v.organizationId, r.name(), v.role,
                    v.nameAsWritten, cites.get(v.id)));
        });
        return new IncidentViews.Detail(i.slug, i.incidentType, i.title, EdtfRange.orNone(i.date).edtf(), EdtfRange.orNone(i.date).lower(), EdtfRange.orNone(i.date).upper(), i.place,
                i.description, i.derived, i.derivation, i.rank, cites.get(i.id), participants);
    }
}
