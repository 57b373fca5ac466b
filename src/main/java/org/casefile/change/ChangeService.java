package org.casefile.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.casefile.db.SqlValues;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The feed of every change: each version of a fact, person or source is one entry, current versions from the live
 * tables and replaced ones from history, so analysts who sync see creations, corrections and deprecations alike.
 */
@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class ChangeService {

    private static final String VERSIONS = """
            select recorded_at, 'fact' entity, cast(id as text) id, kind, version, recorded_by, change_reason,
                   case when version = 1 then 'created' when rank = 'deprecated' then 'deprecated' else 'updated' end change
            from fact
            union all
            select recorded_at, 'fact', cast(id as text), kind, version, recorded_by, change_reason,
                   case when version = 1 then 'created' when rank = 'deprecated' then 'deprecated' else 'updated' end
            from fact_history where operation = 'UPDATE'
            union all
            select recorded_at, 'person', id, null, version, recorded_by, change_reason,
                   case when version = 1 then 'created' else 'updated' end from person
            union all
            select recorded_at, 'person', id, null, version, recorded_by, change_reason,
                   case when version = 1 then 'created' else 'updated' end from person_history where operation = 'UPDATE'
            union all
            select recorded_at, 'source', id, kind, version, recorded_by, change_reason,
                   case when version = 1 then 'created' else 'updated' end from source
            union all
            select recorded_at, 'source', id, kind, version, recorded_by, change_reason,
                   case when version = 1 then 'created' else 'updated' end from source_history where operation = 'UPDATE'
            """;

    private final EntityManager em;

    public ChangeService(EntityManager em) {
        this.em = em;
    }

    @Schema(name = "Change", description = "One version written: what, when, by whom and why.")
    public record Change(
            @Schema(description = "When the version was recorded.") OffsetDateTime at,
            @Schema(description = "fact, person or source.", examples = "fact") String entity,
            @Schema(examples = "412") String id,
            @Schema(description = "The fact's kind, or the source's kind.", examples = "custody") String kind,
            int version,
            @Schema(description = "created, updated or deprecated.", examples = "updated") String change,
            String by, String reason) {
    }

    public Page<Change> since(OffsetDateTime since, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from (" + VERSIONS + ") v where v.recorded_at >= :since")
                .setParameter("since", since).getSingleResult()).longValue();
        List<?> rows = em.createNativeQuery("select * from (" + VERSIONS + ") v where v.recorded_at >= :since"
                        + " order by v.recorded_at, v.entity, v.id, v.version")
                .setParameter("since", since)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(rows.stream().map(r -> change((Object[]) r)).toList(), total, page.page(), page.size());
    }

    /** Every version of the given facts, oldest first. */
    public List<Change> ofFacts(Collection<Long> factIds) {
        if (factIds.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery("select * from (" + VERSIONS + ") v where v.entity = 'fact' and v.id in (:ids)"
                        + " order by v.recorded_at, v.id, v.version")
                .setParameter("ids", factIds.stream().map(String::valueOf).toList()).getResultList();
        return rows.stream().map(r -> change((Object[]) r)).toList();
    }

    private static Change change(Object[] r) {
        return new Change(SqlValues.time(r[0]), (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(), (String) r[7],
                (String) r[5], (String) r[6]);
    }
}
