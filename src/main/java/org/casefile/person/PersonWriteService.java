package org.casefile.person;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.casefile.change.ChangeService;
import org.casefile.db.Sql;
import org.casefile.fact.FactBuilder;
import org.casefile.fact.FactInputException;
import org.casefile.fact.Person;
import org.casefile.fact.PersonName;
import org.casefile.http.ETags;
import org.casefile.problem.ProblemException;
import org.casefile.security.Actor;
import org.casefile.source.SourceWriteService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates and changes people. A person enters with a cited name: no one exists in Casefile without a source. */
@ApplicationScoped
public class PersonWriteService {

    private final EntityManager em;
    private final Actor actor;
    private final FactBuilder facts;
    private final PersonService persons;
    private final ChangeService changes;

    public PersonWriteService(EntityManager em, Actor actor, FactBuilder facts, PersonService persons, ChangeService changes) {
        this.em = em;
        this.actor = actor;
        this.facts = facts;
        this.persons = persons;
        this.changes = changes;
    }

    @Schema(name = "NewPerson", description = "A person as a source names them: the name exactly as written and the passage that writes it.")
    public record NewPerson(@Schema(required = true, examples = "Sok Dara") String name,
                            @Schema(description = "A person of concern: detained, charged, attacked, exiled or otherwise targeted.") Boolean concern,
                            @Schema(description = "The passages that name the person: [{source, quote}].", implementation = org.casefile.fact.FactInput.CitationInput[].class)
                            JsonNode citations,
                            @Schema(description = "Hide the person and every fact about them from everyone but editors.") Boolean restricted) {
    }

    @Schema(name = "PersonChange", description = "A person's identity as it should now read, and why.")
    public record PersonChange(@Schema(examples = "Sok Dara") String name, Boolean concern,
                               @Schema(description = "Restrict (true) or publish (false) the record; restricting also restricts every fact about them.")
                               Boolean restricted,
                               @Schema(required = true, examples = "The family asked for the spelling the union uses.") String reason) {
    }

    /** The person, locked until the change is written. */
    private static final Sql LOCK = Sql.of("select id from person where id = :id for update");
    private static final Sql UPDATE = Sql.of("""
            update person set name = coalesce(:name, name), concern = coalesce(:concern, concern),
                              restricted = coalesce(:restricted, restricted),
                              recorded_by = :by, change_reason = :why where id = :id""");

    @Transactional
    public PersonViews.Detail create(NewPerson in) {
        String by = actor.declareWriter();
        if (in == null || in.name() == null || in.name().isBlank()) {
            throw new ProblemException(422, "Name required", "A person is recorded with the name a source writes, and that passage in 'citations'.");
        }
        Person p = new Person();
        p.id = uniqueId(SourceWriteService.slug(in.name()));
        p.name = in.name().trim();
        p.concern = Boolean.TRUE.equals(in.concern());
        p.restricted = Boolean.TRUE.equals(in.restricted());
        p.recordedBy = by;
        p.changeReason = "created";
        em.persist(p);
        em.flush();
        PersonName name = new PersonName();
        name.personId = p.id;
        name.name = p.name;
        name.form = "primary";
        name.recordedBy = by;
        name.changeReason = "created";
        name.restricted = p.restricted;
        try {
            facts.cite(name, in.citations(), null, "");
        } catch (FactInputException e) {
            throw new ProblemException(422, "Person cannot be recorded", e.getMessage());
        }
        em.persist(name);
        em.flush();
        return persons.get(p.id);
    }

    /** A new version of the person's identity, if the client holds the current record. */
    @Transactional
    public PersonViews.Detail update(String id, PersonChange in, String ifMatch) {
        String by = actor.declareWriter();
        if (in == null) {
            throw new ProblemException(400, "Missing body", "Send {\"name\", \"concern\", \"reason\"}.");
        }
        String why = Actor.requireReason(in.reason());
        if (LOCK.in(em).bind("id", id).first(r -> r.text("id")).isEmpty()) {
            throw ProblemException.notFound("Person", id);
        }
        ETags.requireMatch(ifMatch, persons.get(id), "Person " + id);
        UPDATE.in(em)
                .bind("name", in.name() == null || in.name().isBlank() ? null : in.name().trim())
                .bind("concern", in.concern())
                .bind("restricted", in.restricted())
                .bind("by", by).bind("why", why).bind("id", id).update();
        em.clear();
        return persons.get(id);
    }

    /** What the person page's forms carry for an editor: the ETag a change must name, and whether the record is restricted. */
    public record Editing(String etag, boolean restricted) {
    }

    @Transactional
    @org.casefile.security.ReadsAsCaller
    public Editing editing(String id) {
        Person p = em.find(Person.class, id);
        if (p == null) {
            throw ProblemException.notFound("Person", id);
        }
        return new Editing(ETags.of(persons.get(id)).toString(), p.restricted);
    }

    @Schema(name = "PersonVersion", description = "One version of a person's identity record.")
    public record Version(int version, String name, boolean concern,
                          @Schema(description = "Whether only editors and admins could see the person in this version.") boolean restricted,
                          OffsetDateTime recordedAt, String recordedBy, String reason,
                          OffsetDateTime supersededAt, String supersededBy) {
    }

    @Schema(name = "PersonHistory", description = "Every version of the person's record, and every change to a fact about them.")
    public record History(String person, List<Version> versions, List<ChangeService.Change> factChanges) {
    }

    @Schema(name = "PersonMerge", description = "Merge this record into another: the same person recorded twice.")
    public record Merge(@Schema(required = true, examples = "kem-sokha") String into,
                        @Schema(required = true, examples = "Khem Sokha and Kem Sokha are the same man, per the letter of 24 January 2016.") String reason) {
    }

    /** The tables whose facts name a person. */
    private static final List<String> PERSON_FACTS = List.of("person_name", "citizenship", "affiliation", "custody_period", "charge", "involvement");

    /** A merge's two statements for one table of {@link #PERSON_FACTS}: the table's fact rows, then its own rows. */
    private record Move(Sql facts, Sql rows) {
    }

    private static final List<Move> MOVES = PERSON_FACTS.stream().map(table -> new Move(
            Sql.of("update fact set recorded_by = :by, change_reason = :why where id in (select fact_id from " + table + " where person_id = :id)"),
            Sql.of("update " + table + " set person_id = :into where person_id = :id"))).toList();

    /** The duplicate and the survivor (:a, :b), locked in id order. */
    private static final Sql LOCK_TWO = Sql.of("select id, merged_into from person where id in (:a, :b) order by id for update");
    private static final Sql MOVE_SIGNATORIES = Sql.of("update source_signatory set person_id = :into where person_id = :id");
    private static final Sql MERGE = Sql.of("update person set merged_into = :into, recorded_by = :by, change_reason = :why where id = :id");

    /**
     * Merges a duplicate into the surviving record: every fact about the duplicate becomes a new version naming the
     * survivor (names and citations kept), and the duplicate's id redirects there from now on.
     */
    @Transactional
    public PersonViews.Detail merge(String id, Merge in, String ifMatch) {
        String by = actor.declareWriter();
        if (in == null || in.into() == null || in.into().isBlank()) {
            throw new ProblemException(422, "Survivor required", "Send {\"into\": \"<person id>\", \"reason\": \"...\"}.");
        }
        String why = Actor.requireReason(in.reason());
        String into = in.into().trim();
        if (into.equals(id)) {
            throw new ProblemException(422, "Cannot merge into itself", "Name another person in 'into'.");
        }
        record Locked(String id, String mergedInto) {
        }
        List<Locked> locked = LOCK_TWO.in(em).bind("a", id).bind("b", into)
                .list(r -> new Locked(r.text("id"), r.text("merged_into")));
        if (locked.stream().noneMatch(r -> id.equals(r.id()))) {
            throw ProblemException.notFound("Person", id);
        }
        if (locked.stream().noneMatch(r -> into.equals(r.id()))) {
            throw new ProblemException(422, "Unknown survivor", "No person has the id '" + into + "'.");
        }
        if (locked.stream().anyMatch(r -> r.mergedInto() != null)) {
            throw new ProblemException(409, "Already merged", "One of the two records was merged already; merge into the survivor instead.");
        }
        ETags.requireMatch(ifMatch, persons.get(id), "Person " + id);
        String change = "merged " + id + " into " + into + ": " + why;
        for (Move move : MOVES) {
            // The fact row first (its trigger keeps the old version), then what it states.
            move.facts().in(em).bind("by", by).bind("why", change).bind("id", id).update();
            move.rows().in(em).bind("into", into).bind("id", id).update();
        }
        MOVE_SIGNATORIES.in(em).bind("into", into).bind("id", id).update();
        MERGE.in(em).bind("into", into).bind("by", by).bind("why", change).bind("id", id).update();
        em.clear();
        return persons.get(into);
    }

    /** Every version of a person's record, oldest first: the replaced ones from history, then the current one. */
    private static final Sql VERSIONS = Sql.of("""
            select version, name, concern, coalesce(restricted, false) as restricted, recorded_at, recorded_by, change_reason,
                   superseded_at, superseded_by
            from person_history where id = :id and operation = 'UPDATE'
            union all
            select version, name, concern, restricted, recorded_at, recorded_by, change_reason, null, null from person where id = :id
            order by 1""");

    /** The facts about a person. */
    private static final Sql FACT_IDS = Sql.of("""
            select fact_id from person_name where person_id = :id union select fact_id from citizenship where person_id = :id
            union select fact_id from affiliation where person_id = :id union select fact_id from custody_period where person_id = :id
            union select fact_id from charge where person_id = :id union select fact_id from involvement where person_id = :id""");

    @Transactional
    @org.casefile.security.ReadsAsCaller
    public History history(String id) {
        if (em.find(Person.class, id) == null) {
            throw ProblemException.notFound("Person", id);
        }
        List<Version> versions = VERSIONS.in(em).bind("id", id).list(r -> new Version(r.integer("version"), r.text("name"),
                r.flag("concern"), r.flag("restricted"), r.time("recorded_at"), r.text("recorded_by"), r.text("change_reason"), r.time("superseded_at"),
                r.text("superseded_by")));
        List<Long> ids = FACT_IDS.in(em).bind("id", id).list(r -> r.number("fact_id"));
        return new History(id, versions, changes.ofFacts(ids));
    }

    private String uniqueId(String base) {
        String candidate = base;
        for (int n = 2; em.find(Person.class, candidate) != null; n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

}
