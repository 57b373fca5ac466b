package org.casefile.fact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.casefile.db.SqlValues;
import org.casefile.http.ETags;
import org.casefile.problem.ProblemException;
import org.casefile.security.Actor;

/**
 * Reads and writes single facts. A change never overwrites: the database copies the replaced version (fact,
 * typed row and citations) to history before the new one is written, and deprecation replaces deletion.
 */
@ApplicationScoped
public class FactService {

    /** The columns shown as a fact's fields: everything of its typed row but keys and derived search columns. */
    private static final String FIELDS = "to_jsonb(t) - 'fact_id' - 'kind' - 'definite_span' - 'possible_span' - 'search_key'"
            + " - 'superseded_at' - 'superseded_by' - 'operation'";

    private final EntityManager em;
    private final FactBuilder builder;
    private final FactRepository facts;
    private final Actor actor;
    private final ObjectMapper json;

    public FactService(EntityManager em, FactBuilder builder, FactRepository facts, Actor actor, ObjectMapper json) {
        this.em = em;
        this.builder = builder;
        this.facts = facts;
        this.actor = actor;
        this.json = json;
    }

    @Transactional
    @org.casefile.security.ReadsAsCaller
    public FactView get(long id) {
        Object[] row = row(id);
        return view(row, facts.citationsOf(List.of(id)).get(id), null, null);
    }

    /** Records new facts (an incident with its participants gives several); all or nothing. */
    @Transactional
    public List<FactView> create(FactInput input) {
        String by = actor.declareWriter();
        List<Fact> built = build(input, null);
        for (Fact f : built) {
            f.recordedBy = by;
            f.changeReason = input.reason() == null || input.reason().isBlank() ? "created" : input.reason().trim();
            em.persist(f);
        }
        em.flush();
        return built.stream().map(f -> get(f.id)).toList();
    }

    /** Writes a new version of a fact, if the client holds the current one. */
    @Transactional
    public FactView update(long id, FactInput input, String ifMatch) {
        String by = actor.declareWriter();
        String why = Actor.requireReason(input == null ? null : input.reason());
        Fact current = lockCurrent(id, ifMatch);
        if (input == null || input.type() == null) {
            throw new ProblemException(422, "Type required", "Send the whole fact as it should now read, with its type ("
                    + typeOf(current) + ").");
        }
        List<Fact> built = build(input, current);
        if (built.size() != 1 || built.get(0).getClass() != current.getClass()) {
            throw new ProblemException(422, "Type cannot change",
                    "Fact " + id + " is a " + typeOf(current) + " fact; a new version keeps its type. Edit participants as involvement facts.");
        }
        Fact next = built.get(0);
        copyFields(next, current);
        current.rank = next.rank;
        current.rankReason = next.rankReason;
        current.note = next.note;
        current.derived = next.derived;
        current.derivation = next.derivation;
        current.restricted = next.restricted;
        current.recordedBy = by;
        current.changeReason = why;
        // The fact row changes first: its trigger copies the old version, citations included, to history.
        em.flush();
        current.citations.clear();
        em.flush();
        next.citations.forEach(current::cite);
        em.flush();
        return get(id);
    }

    /** Facts are never deleted: a deprecated fact stays, with its reason, and no longer counts. */
    @Transactional
    public FactView deprecate(long id, String reason, String ifMatch) {
        String by = actor.declareWriter();
        String why = Actor.requireReason(reason);
        Fact current = lockCurrent(id, ifMatch);
        current.rank = "deprecated";
        current.rankReason = why;
        current.recordedBy = by;
        current.changeReason = why;
        em.flush();
        return get(id);
    }

    /** Every version of a fact, oldest first, each with what it stated and its citations then. */
    @Transactional
    @org.casefile.security.ReadsAsCaller
    public List<FactView> history(long id) {
        Object[] current = row(id);
        String typed = typedTable((String) current[1]);
        List<?> old = em.createNativeQuery("""
                        select f.id, f.kind, f.version, f.rank, f.rank_reason, f.derived, f.derivation, f.note, f.recorded_at,
                               f.recorded_by, f.change_reason, (select cast(%s as text) from %s_history t
                                                                 where t.fact_id = f.id and t.superseded_at = f.superseded_at),
                               f.superseded_at, f.superseded_by
                        from fact_history f where f.id = :id order by f.version""".formatted(FIELDS, typed))
                .setParameter("id", id).getResultList();
        List<FactView> versions = new ArrayList<>();
        for (Object o : old) {
            Object[] r = (Object[]) o;
            List<?> rows = em.createNativeQuery("""
                            select source_id, quote, start_offset, end_offset, prefix, suffix from citation_history
                            where fact_id = :id and superseded_at = :at order by id""")
                    .setParameter("id", id).setParameter("at", r[12]).getResultList();
            List<CitationView> cites = rows.stream()
                    .map(c -> (Object[]) c)
                    .map(c -> new CitationView((String) c[0], (String) c[1], (Integer) c[2], (Integer) c[3], (String) c[4], (String) c[5]))
                    .toList();
            versions.add(view(r, cites, SqlValues.time(r[12]), (String) r[13]));
        }
        versions.add(view(current, facts.citationsOf(List.of(id)).get(id), null, null));
        return versions;
    }

    private List<Fact> build(FactInput input, Fact replacing) {
        if (input == null) {
            throw new ProblemException(400, "Missing body", "Send the fact as JSON: {\"type\": ..., ..., \"citations\": [{\"source\", \"quote\"}]}.");
        }
        try {
            return builder.build(input, null, replacing);
        } catch (FactInputException e) {
            throw new ProblemException(422, "Fact cannot be recorded", e.getMessage());
        }
    }

    /** Locks the fact so concurrent writers queue, then checks the client holds the current version. */
    private Fact lockCurrent(long id, String ifMatch) {
        List<?> locked = em.createNativeQuery("select id from fact where id = :id for update").setParameter("id", id).getResultList();
        if (locked.isEmpty()) {
            throw ProblemException.notFound("Fact", String.valueOf(id));
        }
        ETags.requireMatch(ifMatch, get(id), "Fact " + id);
        return em.find(Fact.class, id);
    }

    private Object[] row(long id) {
        List<?> kind = em.createNativeQuery("select kind from fact where id = :id").setParameter("id", id).getResultList();
        if (kind.isEmpty()) {
            throw ProblemException.notFound("Fact", String.valueOf(id));
        }
        String typed = typedTable((String) kind.get(0));
        return (Object[]) em.createNativeQuery("""
                        select f.id, f.kind, f.version, f.rank, f.rank_reason, f.derived, f.derivation, f.note, f.recorded_at,
                               f.recorded_by, f.change_reason, (select cast(%s as text) from %s t where t.fact_id = f.id)
                        from fact f where f.id = :id""".formatted(FIELDS, typed))
                .setParameter("id", id).getSingleResult();
    }

    private FactView view(Object[] r, List<CitationView> citations, OffsetDateTime supersededAt, String supersededBy) {
        return new FactView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(), (String) r[3],
                (String) r[4], Boolean.TRUE.equals(r[5]), (String) r[6], (String) r[7], SqlValues.time(r[8]), (String) r[9], (String) r[10],
                parse((String) r[11]), citations == null ? List.of() : citations, supersededAt, supersededBy);
    }

    private JsonNode parse(String fields) {
        try {
            return fields == null ? null : json.readTree(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table of a fact kind (the API says "custody" and "name", the tables custody_period and person_name). */
    static String typedTable(String kind) {
        return switch (kind) {
            case "name" -> "person_name";
            case "custody" -> "custody_period";
            case "citizenship", "affiliation", "incident", "involvement", "charge", "figure" -> kind;
            default -> throw new IllegalStateException("unknown fact kind " + kind);
        };
    }

    /** The kind of a fact entity, as stored in fact.kind and shown as its type. */
    private static String typeOf(Fact f) {
        return f.getClass().getAnnotation(jakarta.persistence.DiscriminatorValue.class).value();
    }

    /**
     * Copies what the fact states (the properties its kind declares, below Fact) onto the managed current version,
     * through the accessors Panache generates for an entity's public fields, which Hibernate's enhancement tracks.
     */
    private static void copyFields(Fact from, Fact to) {
        try {
            PropertyDescriptor[] properties = Introspector.getBeanInfo(from.getClass(), Fact.class).getPropertyDescriptors();
            if (properties.length == 0) {
                throw new IllegalStateException(from.getClass().getSimpleName() + " has no accessors to copy a version through");
            }
            for (PropertyDescriptor property : properties) {
                if (property.getReadMethod() != null && property.getWriteMethod() != null) {
                    property.getWriteMethod().invoke(to, property.getReadMethod().invoke(from));
                }
            }
        } catch (IntrospectionException | ReflectiveOperationException e) {
            throw new IllegalStateException("a fact's new version cannot be copied: " + e.getMessage(), e);
        }
    }
}
