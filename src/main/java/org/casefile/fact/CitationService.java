package org.casefile.fact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.casefile.citation.CitationLocator;
import org.casefile.citation.QuoteNotLocatedException;

/**
 * Turns a quote into a citation: finds the passage in the source's own section of its stored text and records
 * the offsets. Every write path that cites goes through here; the database checks the result again.
 */
@ApplicationScoped
public class CitationService {

    private final EntityManager em;

    public CitationService(EntityManager em) {
        this.em = em;
    }

    public Citation cite(String sourceId, String quote, String prefix, String suffix) {
        Source source = sourceId == null ? null : em.find(Source.class, sourceId);
        if (source == null) {
            throw new QuoteNotLocatedException(String.valueOf(sourceId), quote, "there is no source with that id");
        }
        CitationLocator.Passage passage = CitationLocator.locate(source.id, source.text.text,
                source.sectionStart, source.sectionEnd, quote, prefix, suffix);
        Citation citation = new Citation();
        citation.sourceId = source.id;
        citation.quote = CitationLocator.fold(quote);
        citation.prefix = blankToNull(prefix);
        citation.suffix = blankToNull(suffix);
        citation.start = passage.start();
        citation.end = passage.end();
        return citation;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
