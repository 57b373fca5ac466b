package org.casefile.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.casefile.db.Row;
import org.casefile.db.Sql;
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

    private static final Sql COUNT_SINCE = Sql.of("select count(*) as total from (" + VERSIONS + ") v where v.recorded_at >= :since");
    private static final Sql SINCE = Sql.of("select * from (" + VERSIONS + ") v where v.recorded_at >= :since"
            + " order by v.recorded_at, v.entity, v.id, v.version limit :size offset :offset");

    /** The versions of the facts (:ids, as text[]: the feed's ids are text). */
    private static final Sql OF_FACTS = Sql.of("select * from (" + VERSIONS + ") v where v.entity = 'fact' and v.id = any(cast(:ids as text[]))"
            + " order by v.recorded_at, v.id, v.version");

    public Page<Change> since(OffsetDateTime since, PageRequest page) {
        long total = COUNT_SINCE.in(em).bind("since", since).one(r -> r.number("total"));
        List<Change> rows = SINCE.in(em).bind("since", since).bind("size", page.size()).bind("offset", page.offset())
                .list(ChangeService::change);
        return new Page<>(rows, total, page.page(), page.size());
    }

    /** Every version of the given facts, oldest first. */
    public List<Change> ofFacts(Collection<Long> factIds) {
        if (factIds.isEmpty()) {
            return List.of();
        }
        return OF_FACTS.in(em).bind("ids", factIds.stream().map(String::valueOf).toArray(String[]::new)).list(ChangeService::change);
    }

    private static Change change(Row r) throws SQLException {
        return new Change(r.time("recorded_at"), r.text("entity"), r.text("id"), r.text("kind"), r.integer("version"), r.text("change"),
                r.text("recorded_by"), r.text("change_reason"));
    }
}
