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

    private final EntityManager em;

    public FactRepository(EntityManager em) {
        this.em = em;
    }

    public Map<Long, List<CitationView>> citationsOf(Collection<Long> factIds) {
        if (factIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery(
                        "select c.fact.id, c from Citation c where c.fact.id in :ids order by c.fact.id, c.id", Object[].class)
                .setParameter("ids", factIds)
                .getResultList();
        return rows.stream().collect(Collectors.groupingBy(r -> (Long) r[0], LinkedHashMap::new,
                Collectors.mapping(r -> CitationView.of((Citation) r[1]), Collectors.toList())));
    }
}
