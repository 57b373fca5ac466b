package org.casefile.fact;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfDate;
import org.casefile.edtf.EdtfException;
import org.casefile.edtf.EdtfRange;

/**
 * Turns a {@link FactInput} into fact entities with located citations: the one path by which the seed import and
 * the editing API make facts. Entities it names must exist; every quote must locate in its source.
 */
@ApplicationScoped
public class FactBuilder {

    public static final Set<String> TYPES = Set.of("name", "citizenship", "affiliation", "custody", "incident", "involvement",
            "charge", "figure");

    private final EntityManager em;
    private final CitationService citations;

    public FactBuilder(EntityManager em, CitationService citations) {
        this.em = em;
        this.citations = citations;
    }

    /** The fact, and for an incident its involvements after it. Not persisted. */
    public List<Fact> build(FactInput in, String defaultSource) {
        return build(in, defaultSource, null);
    }

    /**
     * As {@link #build(FactInput, String)}; {@code replacing} is the fact a new version replaces, whose incident id
     * may then stay the same.
     */
    public List<Fact> build(FactInput in, String defaultSource, Fact replacing) {
        Fact fact = switch (require(in.type(), "type")) {
            case "name" -> {
                PersonName f = new PersonName();
                f.personId = person(in.person());
                f.name = require(in.name(), "name");
                f.form = require(in.form(), "form");
                yield f;
            }
            case "citizenship" -> {
                Citizenship f = new Citizenship();
                f.personId = person(in.person());
                f.country = require(in.country(), "country");
                yield f;
            }
            case "affiliation" -> {
                Affiliation f = new Affiliation();
                f.personId = person(in.person());
                f.organizationId = known(Organization.class, in.organization(), "organization");
                f.role = in.role();
                if (f.organizationId == null && f.role == null) {
                    throw new FactInputException("an affiliation needs an organization or a role");
                }
                f.date = range(in.date(), "date");
                f.former = Boolean.TRUE.equals(in.former());
                yield f;
            }
            case "custody" -> {
                CustodyPeriod f = new CustodyPeriod();
                f.personId = person(in.person());
                f.state = require(in.state(), "state");
                f.start = range(in.start(), "start");
                f.end = range(in.end(), "end");
                f.place = in.place();
                f.confirmedOn = in.confirmed() == null ? null : day(in.confirmed(), "confirmed");
                yield f;
            }
            case "incident" -> {
                Incident f = new Incident();
                f.slug = require(in.id(), "id");
                boolean sameIncident = replacing instanceof Incident old && old.slug.equals(f.slug);
                if (!sameIncident && incidentExists(f.slug)) {
                    throw new FactInputException("an incident with the id '" + f.slug + "' exists already");
                }
                f.incidentType = require(in.incidentType(), "incidentType");
                f.title = require(in.title(), "title");
                f.date = range(in.date(), "date");
                f.place = in.place();
                f.description = in.description();
                yield f;
            }
            case "involvement" -> {
                Involvement f = new Involvement();
                f.incidentId = require(in.incident(), "incident");
                if (!incidentExists(f.incidentId)) {
                    throw new FactInputException("unknown incident '" + f.incidentId + "'");
                }
                f.personId = known(Person.class, in.person(), "person");
                f.organizationId = known(Organization.class, in.organization(), "organization");
                if ((f.personId == null) == (f.organizationId == null)) {
                    throw new FactInputException("give either a person or an organization");
                }
                f.role = require(in.role(), "role");
                f.nameAsWritten = in.name();
                yield f;
            }
            case "charge" -> {
                Charge f = new Charge();
                f.personId = known(Person.class, in.person(), "person");
                f.legalCaseId = known(LegalCase.class, in.legalCase(), "legal case");
                if (in.incident() != null && !incidentExists(in.incident())) {
                    throw new FactInputException("unknown incident '" + in.incident() + "'");
                }
                f.incidentId = in.incident();
                f.charge = require(in.charge(), "charge");
                f.date = range(in.date(), "date");
                f.court = in.court();
                f.stage = require(in.stage(), "stage");
                f.outcome = in.outcome();
                f.sentence = in.sentence();
                f.sentenceYears = in.sentenceYears();
                f.inAbsentia = Boolean.TRUE.equals(in.inAbsentia());
                yield f;
            }
            case "figure" -> {
                Figure f = new Figure();
                if (in.value() == null) {
                    throw new FactInputException("a figure needs a value");
                }
                f.value = in.value();
                f.qualifier = in.qualifier() == null ? "exact" : in.qualifier();
                f.counted = require(in.counted(), "counted");
                f.category = in.category();
                f.asOf = range(in.asOf(), "asOf");
                yield f;
            }
            default -> throw new FactInputException("unknown fact type '" + in.type()
                    + "'; the types are name, citizenship, affiliation, custody, incident, involvement, charge and figure");
        };
        fact.rank = in.rank() == null ? "normal" : in.rank();
        fact.rankReason = in.rankReason();
        fact.note = in.note();
        fact.derived = Boolean.TRUE.equals(in.derived());
        fact.derivation = in.derivation();
        fact.restricted = Boolean.TRUE.equals(in.restricted());
        cite(fact, in.cite(), defaultSource, "");
        fact.restricted = fact.restricted || hiddenByItsSourcesOrSubject(fact);

        List<Fact> built = new ArrayList<>(List.of(fact));
        if (fact instanceof Incident incident) {
            int n = 0;
            for (FactInput.Participant p : in.participants() == null ? List.<FactInput.Participant>of() : in.participants()) {
                n++;
                String which = "participant #" + n + ": ";
                Involvement inv = new Involvement();
                inv.incidentId = incident.slug;
                try {
                    inv.personId = known(Person.class, p.person(), "person");
                    inv.organizationId = known(Organization.class, p.organization(), "organization");
                    if ((inv.personId == null) == (inv.organizationId == null)) {
                        throw new FactInputException("give either a person or an organization");
                    }
                    inv.role = require(p.role(), "role");
                } catch (FactInputException e) {
                    throw new FactInputException(which + e.getMessage(), e);
                }
                inv.nameAsWritten = p.nameAsWritten();
                inv.derived = fact.derived;
                inv.derivation = fact.derivation;
                cite(inv, p.cite() == null ? in.cite() : p.cite(), defaultSource, which);
                inv.restricted = fact.restricted || hiddenByItsSourcesOrSubject(inv);
                built.add(inv);
            }
        } else if (in.participants() != null) {
            throw new FactInputException("only incidents have participants");
        }
        return built;
    }

    /** Locates each quote and attaches the citations; a fact without one is refused here and by the database. */
    public void cite(Fact fact, JsonNode cite, String defaultSource, String which) {
        if (cite == null || cite.isNull() || (cite.isArray() && cite.isEmpty())) {
            throw new FactInputException(which + "no citation: every fact needs at least one passage of a source");
        }
        for (JsonNode c : cite.isArray() ? cite : List.of(cite)) {
            fact.cite(locate(c, defaultSource, which));
        }
    }

    /**
     * One citation, its quote located in its source and attached to no fact yet: a quote (of {@code defaultSource}) or
     * {source, quote, prefix, suffix}.
     */
    public Citation locate(JsonNode c, String defaultSource, String which) {
        String source;
        String quote;
        String prefix = null;
        String suffix = null;
        if (c.isTextual()) {
            source = defaultSource;
            quote = c.asText();
        } else if (c.isObject()) {
            source = c.hasNonNull("source") ? c.get("source").asText() : defaultSource;
            quote = c.hasNonNull("quote") ? c.get("quote").asText() : null;
            prefix = c.hasNonNull("prefix") ? c.get("prefix").asText() : null;
            suffix = c.hasNonNull("suffix") ? c.get("suffix").asText() : null;
            c.fieldNames().forEachRemaining(field -> {
                if (!Set.of("source", "quote", "prefix", "suffix").contains(field)) {
                    throw new FactInputException(which + "unknown citation field '" + field + "' (source, quote, prefix, suffix)");
                }
            });
        } else {
            throw new FactInputException(which + "a citation is {source, quote, prefix, suffix}");
        }
        if (source == null) {
            throw new FactInputException(which + "a citation names no source");
        }
        return citations.cite(source, quote, prefix, suffix);
    }

    /**
     * A fact that only restricted sources state, or that is about a restricted person, is restricted too: what the
     * public may not see of a source or a person, it may not see through their facts.
     */
    boolean hiddenByItsSourcesOrSubject(Fact fact) {
        List<String> sources = fact.citations.stream().map(c -> c.sourceId).distinct().toList();
        long open = em.createQuery("select count(s) from Source s where s.id in :ids and s.restricted = false", Long.class)
                .setParameter("ids", sources).getSingleResult();
        if (open == 0) {
            return true;
        }
        String subject = null;
        if (fact instanceof PersonName f) {
            subject = f.personId;
        } else if (fact instanceof Citizenship f) {
            subject = f.personId;
        } else if (fact instanceof Affiliation f) {
            subject = f.personId;
        } else if (fact instanceof CustodyPeriod f) {
            subject = f.personId;
        } else if (fact instanceof Charge f) {
            subject = f.personId;
        } else if (fact instanceof Involvement f) {
            subject = f.personId;
        }
        Person person = subject == null ? null : em.find(Person.class, subject);
        return person != null && person.restricted;
    }

    private String person(String id) {
        String known = known(Person.class, id, "person");
        if (known == null) {
            throw new FactInputException("person is required");
        }
        return known;
    }

    private String known(Class<?> entity, String id, String what) {
        if (id != null && em.find(entity, id) == null) {
            throw new FactInputException("unknown " + what + " '" + id + "'; declare it first");
        }
        return id;
    }

    private boolean incidentExists(String id) {
        return !em.createQuery("select 1 from Incident where slug = :id", Integer.class).setParameter("id", id)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The date given for the field, or none when it is not given. */
    private static EdtfRange range(String text, String field) {
        if (text == null) {
            return EdtfRange.NONE;
        }
        try {
            return EdtfRange.of(Edtf.parse(text));
        } catch (EdtfException e) {
            throw new FactInputException("bad " + field + ": " + e.getMessage(), e);
        }
    }

    private static LocalDate day(String text, String field) {
        try {
            EdtfDate date = Edtf.parse(text);
            if (!date.isDay()) {
                throw new FactInputException(field + " must be one day (YYYY-MM-DD), got '" + text + "'");
            }
            return date.earliest();
        } catch (EdtfException e) {
            throw new FactInputException("bad " + field + ": " + e.getMessage(), e);
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new FactInputException(field + " is required");
        }
        return value;
    }
}
