package org.casefile.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.ProblemException;
import org.casefile.citation.CitationLocator;
import org.casefile.citation.QuoteNotLocatedException;

/** Reads sources and their texts. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SourceService {

    private final EntityManager em;

    public SourceService(EntityManager em) {
        this.em = em;
    }

    public Page<SourceViews.Summary> list(PageRequest page) {
        long total = em.createQuery("select count(s) from Source s", Long.class).getSingleResult();
        List<SourceViews.Summary> items = em.createQuery("""
                        select new org.casefile.source.SourceViews$Summary(s.id, s.title, s.kind, s.dateEdtf, t.sha256, t.originFile)
                        from Source s join s.text t
                        order by s.dateLower nulls last, s.id""", SourceViews.Summary.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        return new Page<>(items, total, page.page(), page.size());
    }

    public SourceViews.Detail get(String id) {
        Source s = find(id);
        List<SourceViews.Signatory> signatories = s.signatories.stream()
                .map(g -> new SourceViews.Signatory(g.position, g.name, g.organizationId, g.personId, g.role))
                .toList();
        List<SourceViews.Relation> relations = new ArrayList<>();
        s.relations.forEach(r -> relations.add(new SourceViews.Relation(r.type, r.relatedId, "outgoing", r.note)));
        em.createQuery("select r from SourceRelation r where r.relatedId = :id order by r.source.id", SourceRelation.class)
                .setParameter("id", id)
                .getResultList()
                .forEach(r -> relations.add(new SourceViews.Relation(r.type, r.source.id, "incoming", r.note)));
        return new SourceViews.Detail(s.id, s.title, s.kind, s.dateEdtf, s.dateLower, s.dateUpper, s.dateNote,
                s.text.sha256, s.text.originFile, s.text.length, new SourceViews.Section(s.sectionStart, s.sectionEnd),
                s.authors, s.recipients, signatories, relations);
    }

    /** Finds a quote in one source, as a citation would; refused with 422 when not exactly one place matches. */
    public LocatedPassage locate(String id, LocateRequest request) {
        if (request == null || request.quote() == null || request.quote().isBlank()) {
            throw new ProblemException(400, "Missing quote", "Send {\"quote\": \"...\"} with the words to find, copied from the source.");
        }
        Source s = find(id);
        try {
            CitationLocator.Passage p = CitationLocator.locate(s.id, s.text.text, s.sectionStart, s.sectionEnd,
                    request.quote(), request.prefix(), request.suffix());
            String text = s.text.text;
            String passage = text.substring(text.offsetByCodePoints(0, p.start()), text.offsetByCodePoints(0, p.end()));
            return new LocatedPassage(s.id, CitationLocator.fold(request.quote()), p.start(), p.end(), passage);
        } catch (QuoteNotLocatedException e) {
            throw new ProblemException(422, "Quote not located", e.getMessage(),
                    java.util.Map.of("source", s.id, "quote", request.quote()));
        }
    }

    public String text(String id) {
        return find(id).text.text;
    }

    Source find(String id) {
        Source s = em.find(Source.class, id);
        if (s == null) {
            throw ProblemException.notFound("Source", id);
        }
        return s;
    }
}
