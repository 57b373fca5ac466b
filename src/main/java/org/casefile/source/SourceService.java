package org.casefile.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.casefile.citation.CitationLocator;
import org.casefile.db.Sql;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.Citation;
import org.casefile.fact.Source;
import org.casefile.fact.SourceRelation;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;

/** Reads sources and their texts. */
@ApplicationScoped
@Transactional
@org.casefile.security.ReadsAsCaller
public class SourceService {

    private final EntityManager em;

    public SourceService(EntityManager em) {
        this.em = em;
    }

    public Page<SourceViews.Summary> list(PageRequest page) {
        long total = em.createQuery("select count(s) from Source s", Long.class).getSingleResult();
        List<SourceViews.Summary> items = em.createQuery("""
                        select new org.casefile.source.SourceViews$Summary(s.id, s.title, s.kind, s.date.edtf, t.sha256, t.originFile)
                        from Source s join s.text t
                        order by s.date.lower nulls last, s.id""", SourceViews.Summary.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        return new Page<>(items, total, page.page(), page.size());
    }

    public SourceViews.Detail get(String id) {
        return detail(find(id));
    }

    /** A letter as its page shows it: the metadata, the text and every claim, read in one transaction. */
    public record Letter(SourceViews.Detail detail, String text, List<SourceClaim> claims) {
    }

    public Letter letter(String id) {
        Source s = find(id);
        return new Letter(detail(s), s.text.text, claimsOf(id, 0, Integer.MAX_VALUE));
    }

    private SourceViews.Detail detail(Source s) {
        List<SourceViews.Signatory> signatories = s.signatories.stream()
                .map(g -> new SourceViews.Signatory(g.position, g.name, g.organizationId, g.personId, g.role))
                .toList();
        List<SourceViews.Relation> relations = new ArrayList<>();
        s.relations.forEach(r -> relations.add(new SourceViews.Relation(r.type, r.relatedId, "outgoing", r.note)));
        em.createQuery("select r from SourceRelation r where r.relatedId = :id order by r.source.id", SourceRelation.class)
                .setParameter("id", s.id)
                .getResultList()
                .forEach(r -> relations.add(new SourceViews.Relation(r.type, r.source.id, "incoming", r.note)));
        return new SourceViews.Detail(s.id, s.title, s.kind, EdtfRange.orNone(s.date).edtf(), EdtfRange.orNone(s.date).lower(), EdtfRange.orNone(s.date).upper(), s.dateNote,
                s.text.sha256, s.text.originFile, s.text.length, new SourceViews.Section(s.sectionStart, s.sectionEnd),
                s.authors, s.recipients, signatories, relations, s.restricted ? Boolean.TRUE : null);
    }

    /** Finds a quote in one source, as a citation would; refused with 422 when not exactly one place matches. */
    public LocatedPassage locate(String id, LocateRequest request) {
        if (request == null || request.quote() == null || request.quote().isBlank()) {
            throw new ProblemException(400, "Missing quote", "Send {\"quote\": \"...\"} with the words to find, copied from the source.");
        }
        Source s = find(id);
        CitationLocator.Passage p = CitationLocator.locate(s.id, s.text.text, s.sectionStart, s.sectionEnd,
                request.quote(), request.prefix(), request.suffix());
        String text = s.text.text;
        String passage = text.substring(text.offsetByCodePoints(0, p.start()), text.offsetByCodePoints(0, p.end()));
        return new LocatedPassage(s.id, CitationLocator.fold(request.quote()), p.start(), p.end(), passage);
    }

    /** Every fact the source states, in the order of the passages that state them. */
    public Page<SourceClaim> claims(String id, PageRequest page) {
        find(id);
        long total = em.createQuery("select count(c) from Citation c where c.sourceId = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        return new Page<>(claimsOf(id, page.offset(), page.size()), total, page.page(), page.size());
    }

    /** The claims of a source from the {@code offset}th, at most {@code limit}: two statements. */
    private List<SourceClaim> claimsOf(String id, int offset, int limit) {
        var query = em.createQuery("from Citation c where c.sourceId = :id order by c.start, c.end, c.id", Citation.class)
                .setParameter("id", id).setFirstResult(offset);
        List<Citation> cites = (limit == Integer.MAX_VALUE ? query : query.setMaxResults(limit)).getResultList();
        List<Long> factIds = cites.stream().map(c -> c.fact.id).distinct().toList();
        record Stated(long id, String kind, String subjectType, String subject, String statement, String rank) {
        }
        java.util.Map<Long, Stated> statements = new java.util.HashMap<>();
        if (!factIds.isEmpty()) {
            STATEMENTS.in(em).bind("ids", factIds.toArray(Long[]::new)).list(r -> new Stated(r.number("id"), r.text("kind"),
                    r.text("subject_type"), r.text("subject"), r.text("statement"), r.text("rank")))
                    .forEach(r -> statements.put(r.id(), r));
        }
        return cites.stream().map(c -> {
            Stated r = statements.get(c.fact.id);
            return new SourceClaim(c.fact.id, r.kind(), r.subjectType(), r.subject(), r.statement(), r.rank(),
                    org.casefile.fact.CitationView.of(c));
        }).toList();
    }

    /** The facts (:ids) in words, each kind its own way, in one statement. */
    private static final Sql STATEMENTS = Sql.of("""
            select f.id, f.kind, s.subject_type, s.subject, s.statement, f.rank from fact f join (
              select fact_id, 'person' subject_type, person_id subject, 'name: ' || name || ' (' || form || ')' statement from person_name
              union all select fact_id, 'person', person_id, 'citizenship: ' || country from citizenship
              union all select fact_id, 'person', person_id, 'affiliation: ' || concat_ws(' of ', role, organization_id)
                                || case when former then ' (former)' else '' end from affiliation
              union all select fact_id, 'person', person_id, 'custody: ' || state || coalesce(' from ' || start_edtf, '')
                                || coalesce(' until ' || end_edtf, '') || coalesce(', confirmed ' || confirmed_on, '') from custody_period
              union all select fact_id, 'incident', id, incident_type || ': ' || title || coalesce(' (' || date_edtf || ')', '') from incident
              union all select fact_id, case when person_id is null then 'organization' else 'person' end, coalesce(person_id, organization_id),
                                role || ' in incident ' || incident_id from involvement
              union all select fact_id, 'person', person_id, 'charge: ' || charge || ' (' || stage || ')'
                                || coalesce(', sentence ' || sentence, '') || case when in_absentia then ', in absentia' else '' end from charge
              union all select fact_id, null, null, 'figure: ' || replace(qualifier, '_', ' ') || ' ' || value || ' ' || counted
                                || coalesce(' as of ' || as_of_edtf, '') from figure
            ) s on s.fact_id = f.id
            where f.id = any(cast(:ids as bigint[]))""");

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SourceVersion",
            description = "One version of a source's metadata. The text itself is never edited, so every version has the same text.")
    public record Version(int version, String title, String kind, String date, java.time.OffsetDateTime recordedAt, String recordedBy,
                          String reason, java.time.OffsetDateTime supersededAt, String supersededBy) {
    }

    private static final Sql VERSIONS = Sql.of("""
            select version, title, kind, date_edtf, recorded_at, recorded_by, change_reason, superseded_at, superseded_by
            from source_history where id = :id and operation = 'UPDATE'
            union all
            select version, title, kind, date_edtf, recorded_at, recorded_by, change_reason, null, null from source where id = :id
            order by 1""");

    /** Every version of a source's metadata, oldest first. */
    public List<Version> history(String id) {
        find(id);
        return VERSIONS.in(em).bind("id", id).list(r -> new Version(r.integer("version"), r.text("title"), r.text("kind"),
                r.text("date_edtf"), r.time("recorded_at"), r.text("recorded_by"), r.text("change_reason"),
                r.time("superseded_at"), r.text("superseded_by")));
    }

    public String text(String id) {
        return find(id).text.text;
    }

    /** Whether a source the reader may see has this id. */
    public boolean exists(String id) {
        return em.find(Source.class, id) != null;
    }

    Source find(String id) {
        Source s = em.find(Source.class, id);
        if (s == null) {
            throw ProblemException.notFound("Source", id);
        }
        return s;
    }
}
