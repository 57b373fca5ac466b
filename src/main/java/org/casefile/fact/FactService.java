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
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.casefile.db.Row;
import org.casefile.db.Sql;
import org.casefile.http.ETags;
import org.casefile.problem.ProblemException;
import org.casefile.security.Actor;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads and writes single facts. A change never overwrites: the database copies the replaced version (fact,
 * typed row and citations) to history before the new one is written, and deprecation replaces deletion.
 */
@ApplicationScoped
public class FactService {

    /** The columns shown as a fact's fields: everything of its typed row but keys and derived search columns. */
    private static final String FIELDS = "to_jsonb(t) - 'fact_id' - 'kind' - 'definite_span' - 'possible_span' - 'search_key'"
            + " - 'superseded_at' - 'superseded_by' - 'operation'";

    /** The kinds of fact, each with its own table ({@link #typedTable}). */
    private static final List<String> KINDS = List.of("name", "custody", "citizenship", "affiliation", "incident", "involvement",
            "charge", "figure");

    private static final Sql KIND = Sql.of("select kind from fact where id = :id");

    private static final Sql LOCK = Sql.of("select id from fact where id = :id for update");

    /** A new version of the fact row itself, whatever else changes with it (its trigger keeps the one replaced). */
    private static final Sql TOUCH = Sql.of("update fact set recorded_by = :by, change_reason = :why where id = :id");

    /** The columns of a version of a fact, its fields last (from its kind's table, alias t). */
    private static final String VERSION = """
            select f.id, f.kind, f.version, f.rank, f.rank_reason, f.derived, f.derivation, f.note, f.recorded_at,
                   f.recorded_by, f.change_reason, (select cast(""" + FIELDS + " as text) from ";

    /** A fact (:id) as it reads now, its fields from its kind's table: one statement per kind. */
    private static final Map<String, Sql> CURRENT = byKind(typed -> VERSION + typed
            + " t where t.fact_id = f.id) as fields from fact f where f.id = :id");

    /** The replaced versions of a fact (:id), oldest first, each with its fields then: one statement per kind. */
    private static final Map<String, Sql> HISTORY = byKind(typed -> VERSION + typed
            + "_history t where t.fact_id = f.id and t.superseded_at = f.superseded_at) as fields,"
            + " f.superseded_at, f.superseded_by from fact_history f where f.id = :id order by f.version");

    /** The citations of a fact (:id) in the version replaced at :at. */
    private static final Sql CITATIONS_THEN = Sql.of("""
            select source_id, quote, start_offset, end_offset, prefix, suffix from citation_history
            where fact_id = :id and superseded_at = :at order by id""");

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
        FactView row = row(id);
        return cited(row, facts.citationsOf(List.of(id)).get(id));
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
        return review(id, new Review("deprecated", null, reason), ifMatch);
    }

    /** The ranks an editor gives a fact: preferred over a disagreeing claim, normal, or deprecated (no longer counted). */
    public static final List<String> RANKS = List.of("preferred", "normal", "deprecated");

    /**
     * An editor's judgement of a fact, each part optional: its rank (the reason is kept as the rank's reason unless
     * normal) and whether only editors may see it; the reason is required, as for every change.
     */
    public record Review(String rank, Boolean restricted, String reason) {
    }

    /** A new version of a fact with only its rank or its visibility changed, if the client holds the current one. */
    @Transactional
    public FactView review(long id, Review review, String ifMatch) {
        String by = actor.declareWriter();
        String why = Actor.requireReason(review.reason());
        if (review.rank() != null && !RANKS.contains(review.rank())) {
            throw new ProblemException(422, "Unknown rank", "A fact is ranked preferred, normal or deprecated; not '" + review.rank() + "'.");
        }
        Fact current = lockCurrent(id, ifMatch);
        if (review.rank() != null) {
            current.rank = review.rank();
            current.rankReason = review.rank().equals("normal") ? null : why;
        }
        if (Boolean.FALSE.equals(review.restricted()) && current.restricted && builder.hiddenByItsSourcesOrSubject(current)) {
            throw new ProblemException(409, "Restricted with its letter or person",
                    "Fact " + id + " cites only restricted letters or is about a restricted person, so it stays restricted: publish those first.");
        }
        if (review.restricted() != null) {
            current.restricted = review.restricted();
        }
        current.recordedBy = by;
        current.changeReason = why;
        em.flush();
        return get(id);
    }

    @Schema(name = "NewPassage", description = "Another passage that states a fact already recorded, and why it is added.")
    public record NewPassage(@Schema(required = true, examples = "new-arrest-letter-2026") String source,
                             @Schema(required = true, examples = "was arrested on 20 November 2026") String quote,
                             String prefix, String suffix,
                             @Schema(required = true, examples = "A second letter confirms the arrest.") String reason) {
    }

    /**
     * A new version of a fact that cites one more passage (of this letter or another), if the client holds the current
     * version; the passage is located as every citation is.
     */
    @Transactional
    public FactView addPassage(long id, NewPassage passage, String ifMatch) {
        String by = actor.declareWriter();
        if (passage == null) {
            throw new ProblemException(400, "Missing body", "Send the passage as JSON: {\"source\", \"quote\", \"reason\"}.");
        }
        String why = Actor.requireReason(passage.reason());
        Fact current = lockCurrent(id, ifMatch);
        com.fasterxml.jackson.databind.node.ObjectNode cite = json.createObjectNode().put("source", passage.source()).put("quote", passage.quote());
        if (passage.prefix() != null) {
            cite.put("prefix", passage.prefix());
        }
        if (passage.suffix() != null) {
            cite.put("suffix", passage.suffix());
        }
        Citation added;
        try {
            added = builder.locate(cite, null, "");
        } catch (FactInputException e) {
            throw new ProblemException(422, "Passage cannot be cited", e.getMessage());
        }
        if (current.citations.stream().anyMatch(c -> c.sourceId.equals(added.sourceId) && c.start == added.start && c.end == added.end)) {
            throw new ProblemException(409, "Passage cited already", "Fact " + id + " already cites " + added.sourceId + " at code points "
                    + added.start + "–" + added.end + ".");
        }
        // The fact row changes first: its trigger copies the version it replaces, citations included, to history.
        TOUCH.in(em).bind("by", by).bind("why", why).bind("id", id).update();
        current.cite(added);
        em.flush();
        em.clear();
        return get(id);
    }

    /** Every version of a fact, oldest first, each with what it stated and its citations then. */
    @Transactional
    @org.casefile.security.ReadsAsCaller
    public List<FactView> history(long id) {
        FactView current = row(id);
        List<FactView> old = ofKind(HISTORY, current.kind()).in(em).bind("id", id)
                .list(r -> view(r, r.time("superseded_at"), r.text("superseded_by")));
        List<FactView> versions = new ArrayList<>();
        for (FactView v : old) {
            List<CitationView> cites = CITATIONS_THEN.in(em).bind("id", id).bind("at", v.supersededAt())
                    .list(c -> new CitationView(c.text("source_id"), c.text("quote"), c.integer("start_offset"),
                            c.integer("end_offset"), c.text("prefix"), c.text("suffix")));
            versions.add(cited(v, cites));
        }
        versions.add(cited(current, facts.citationsOf(List.of(id)).get(id)));
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
        if (LOCK.in(em).bind("id", id).first(r -> r.number("id")).isEmpty()) {
            throw ProblemException.notFound("Fact", String.valueOf(id));
        }
        ETags.requireMatch(ifMatch, get(id), "Fact " + id);
        return em.find(Fact.class, id);
    }

    /** The fact as it reads now, its citations not yet read. */
    private FactView row(long id) {
        String kind = KIND.in(em).bind("id", id).first(r -> r.text("kind"))
                .orElseThrow(() -> ProblemException.notFound("Fact", String.valueOf(id)));
        return ofKind(CURRENT, kind).in(em).bind("id", id).one(r -> view(r, null, null));
    }

    /** A version from {@link #CURRENT}'s or {@link #HISTORY}'s columns, its citations not yet read. */
    private FactView view(Row r, OffsetDateTime supersededAt, String supersededBy) throws SQLException {
        return new FactView(r.number("id"), r.text("kind"), r.integer("version"), r.text("rank"), r.text("rank_reason"),
                r.flag("derived"), r.text("derivation"), r.text("note"), r.time("recorded_at"), r.text("recorded_by"),
                r.text("change_reason"), parse(r.text("fields")), List.of(), supersededAt, supersededBy);
    }

    /** The version {@code v} with its citations. */
    private static FactView cited(FactView v, List<CitationView> citations) {
        return new FactView(v.id(), v.kind(), v.version(), v.rank(), v.rankReason(), v.derived(), v.derivation(), v.note(),
                v.recordedAt(), v.recordedBy(), v.reason(), v.fields(), citations == null ? List.of() : citations,
                v.supersededAt(), v.supersededBy());
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

    /** One statement per kind of fact, {@code statement} given the kind's table. */
    private static Map<String, Sql> byKind(Function<String, String> statement) {
        return KINDS.stream().collect(Collectors.toUnmodifiableMap(kind -> kind, kind -> Sql.of(statement.apply(typedTable(kind)))));
    }

    /** The statement of {@code kind} among {@code statements}. */
    private static Sql ofKind(Map<String, Sql> statements, String kind) {
        Sql statement = statements.get(kind);
        if (statement == null) {
            throw new IllegalStateException("unknown fact kind " + kind);
        }
        return statement;
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
