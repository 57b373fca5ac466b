package org.casefile.fact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Loads citations for many facts in one query, so list and detail views never load them one by one. */
@ApplicationScoped
public class FactRepository {

    /** A citation with the id of its fact, read together so the fact itself is never loaded. */
    record Cited(Long factId, Citation citation) {
    }

    private final EntityManager em;

    public FactRepository(EntityManager em) {
        this.em = em;
    }

    public Map<Long, List<CitationView>> citationsOf(Collection<Long> factIds) {
        if (factIds.isEmpty()) {
            return Map.of();
        }
        List<Cited> rows = em.createQuery(
                        "select c.fact.id, c from Citation c where c.fact.id in :ids order by c.fact.id, c.id", Cited.class)
                .setParameter("ids", factIds)
                .getResultList();
        return rows.stream().collect(Collectors.groupingBy(Cited::factId, LinkedHashMap::new,
                Collectors.mapping(r -> CitationView.of(r.citation()), Collectors.toList())));
    }
}
