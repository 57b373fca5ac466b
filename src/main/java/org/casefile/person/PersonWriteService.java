package org.casefile.person;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.casefile.change.ChangeService;
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
        if (em.createNativeQuery("select id from person where id = :id for update").setParameter("id", id).getResultList().isEmpty()) {
            throw ProblemException.notFound("Person", id);
        }
        ETags.requireMatch(ifMatch, persons.get(id), "Person " + id);
        em.createNativeQuery("""
                        update person set name = coalesce(:name, name), concern = coalesce(:concern, concern),
                                          restricted = coalesce(:restricted, restricted),
                                          recorded_by = :by, change_reason = :why where id = :id""")
                .setParameter("name", in.name() == null || in.name().isBlank() ? null : in.name().trim())
                .setParameter("concern", in.concern())
                .setParameter("restricted", in.restricted())
                .setParameter("by", by).setParameter("why", why).setParameter("id", id).executeUpdate();
        em.clear();
        return persons.get(id);
    }

    @Schema(name = "PersonVersion", description = "One version of a person's identity record.")
    public record Version(int version, String name, boolean concern, OffsetDateTime recordedAt, String recordedBy, String reason,
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
        List<?> locked = em.createNativeQuery("select id, merged_into from person where id in (:a, :b) order by id for update")
                .setParameter("a", id).setParameter("b", into).getResultList();
        if (locked.stream().noneMatch(r -> id.equals(((Object[]) r)[0]))) {
            throw ProblemException.notFound("Person", id);
        }
        if (locked.stream().noneMatch(r -> into.equals(((Object[]) r)[0]))) {
            throw new ProblemException(422, "Unknown survivor", "No person has the id '" + into + "'.");
        }
        if (locked.stream().anyMatch(r -> ((Object[]) r)[1] != null)) {
            throw new ProblemException(409, "Already merged", "One of the two records was merged already; merge into the survivor instead.");
        }
        ETags.requireMatch(ifMatch, persons.get(id), "Person " + id);
        String change = "merged " + id + " into " + into + ": " + why;
        for (String table : PERSON_FACTS) {
            // The fact row first (its trigger keeps the old version), then what it states.
            em.createNativeQuery("update fact set recorded_by = :by, change_reason = :why where id in (select fact_id from " + table
                    + " where person_id = :id)").setParameter("by", by).setParameter("why", change).setParameter("id", id).executeUpdate();
            em.createNativeQuery("update " + table + " set person_id = :into where person_id = :id")
                    .setParameter("into", into).setParameter("id", id).executeUpdate();
        }
        em.createNativeQuery("update source_signatory set person_id = :into where person_id = :id")
                .setParameter("into", into).setParameter("id", id).executeUpdate();
        em.createNativeQuery("update person set merged_into = :into, recorded_by = :by, change_reason = :why where id = :id")
                .setParameter("into", into).setParameter("by", by).setParameter("why", change).setParameter("id", id).executeUpdate();
        em.clear();
        return persons.get(into);
    }

    @Transactional
    @org.casefile.security.ReadsAsCaller
    public History history(String id) {
        if (em.find(Person.class, id) == null) {
            throw ProblemException.notFound("Person", id);
        }
        List<?> rows = em.createNativeQuery("""
                        select version, name, concern, recorded_at, recorded_by, change_reason, superseded_at, superseded_by
                        from person_history where id = :id and operation = 'UPDATE'
                        union all
                        select version, name, concern, recorded_at, recorded_by, change_reason, null, null from person where id = :id
                        order by 1""").setParameter("id", id).getResultList();
        List<Version> versions = rows.stream().map(r -> (Object[]) r).map(r -> new Version(((Number) r[0]).intValue(), (String) r[1],
                Boolean.TRUE.equals(r[2]), org.casefile.db.SqlValues.time(r[3]), (String) r[4], (String) r[5], org.casefile.db.SqlValues.time(r[6]), (String) r[7]))
                .toList();
        List<?> ids = em.createNativeQuery("""
                        select fact_id from person_name where person_id = :id union select fact_id from citizenship where person_id = :id
                        union select fact_id from affiliation where person_id = :id union select fact_id from custody_period where person_id = :id
                        union select fact_id from charge where person_id = :id union select fact_id from involvement where person_id = :id""")
                .setParameter("id", id).getResultList();
        return new History(id, versions, changes.ofFacts(ids.stream().map(o -> ((Number) o).longValue()).toList()));
    }

    private String uniqueId(String base) {
        String candidate = base;
        for (int n = 2; em.find(Person.class, candidate) != null; n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

}
