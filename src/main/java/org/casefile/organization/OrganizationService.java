package org.casefile.organization;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.db.TextFilter;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;
import org.casefile.fact.Organization;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;

@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class OrganizationService {

    private final EntityManager em;
    private final FactRepository facts;

    public OrganizationService(EntityManager em, FactRepository facts) {
        this.em = em;
        this.facts = facts;
    }

    /** An organisation id from an id or an acronym given as a filter; a 400 naming the parameter when none matches. */
    public String resolve(String parameter, String idOrAcronym) {
        if (idOrAcronym == null || idOrAcronym.isBlank()) {
            return null;
        }
        String value = idOrAcronym.trim();
        List<String> ids = em.createQuery("select o.id from Organization o where o.id = :v or lower(o.acronym) = lower(:v) order by o.id", String.class)
                .setParameter("v", value).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.badParameter(parameter, "'" + parameter + "': no organisation has the id or acronym '" + value
                    + "'. GET /api/organizations lists them with their ids and acronyms.");
        }
        return ids.contains(value) ? value : ids.get(0);
    }

    public Page<OrganizationViews.Summary> list(String q, String kind, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kind", kind);
        String where = " where (:kind is null or o.kind = :kind)" + TextFilter.of(q).condition(params, "o.name", "o.acronym");
        var count = em.createQuery("select count(o) from Organization o" + where, Long.class);
        var select = em.createQuery("select o from Organization o" + where + " order by o.name, o.id", Organization.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<OrganizationViews.Summary> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(o -> new OrganizationViews.Summary(o.id, o.name, o.acronym, o.kind)).toList();
        return new Page<>(items, total, page.page(), page.size());
    }

    public OrganizationViews.Detail get(String id) {
        Organization o = em.find(Organization.class, id);
        if (o == null) {
            throw ProblemException.notFound("Organization", id);
        }
        record MemberRow(long factId, String person, String name, String role, boolean former) {
        }
        List<MemberRow> members = em.createQuery("""
                        select a.id, p.id, p.name, a.role, a.former from Affiliation a join Person p on p.id = a.personId
                        where a.organizationId = :id and a.rank <> 'deprecated' order by p.name, a.id""", MemberRow.class)
                .setParameter("id", id).getResultList();
        record IncidentRow(long factId, String incident, String title, String date, String role) {
        }
        List<IncidentRow> incidents = em.createQuery("""
                        select v.id, i.slug, i.title, i.date.edtf, v.role from Involvement v join Incident i on i.slug = v.incidentId
                        where v.organizationId = :id order by i.date.lower nulls last, i.slug""", IncidentRow.class)
                .setParameter("id", id).getResultList();
        List<OrganizationViews.Signed> signed = em.createQuery("""
                        select s.id, s.title, s.date.edtf, g.position, g.name from SourceSignatory g join g.source s
                        where g.organizationId = :id order by s.date.lower nulls last, s.id""", OrganizationViews.Signed.class)
                .setParameter("id", id).getResultList();
        Set<Long> ids = new HashSet<>();
        members.forEach(r -> ids.add(r.factId()));
        incidents.forEach(r -> ids.add(r.factId()));
        Map<Long, List<CitationView>> cites = facts.citationsOf(ids);
        return new OrganizationViews.Detail(o.id, o.name, o.acronym, o.kind, o.aliases,
                members.stream().map(r -> new OrganizationViews.Member(r.factId(), r.person(), r.name(),
                        r.role(), r.former(), cites.get(r.factId()))).toList(),
                signed,
                incidents.stream().map(r -> new OrganizationViews.IncidentPart(r.factId(), r.incident(), r.title(),
                        r.date(), r.role(), cites.get(r.factId()))).toList());
    }
}
