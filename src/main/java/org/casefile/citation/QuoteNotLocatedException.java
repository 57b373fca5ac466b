package org.casefile.citation;

import java.util.Map;
import org.casefile.problem.ProblemException;

/**
 * A quote that cannot be tied to exactly one passage of its source: a 422 problem naming the source and the quote,
 * wherever it is raised (a fact, a person, a located passage).
 */
public class QuoteNotLocatedException extends ProblemException {

    private final String sourceId;
    private final String quote;

    public QuoteNotLocatedException(String sourceId, String quote, String reason) {
        super(422, "Quote not located", "Quote \"" + quote + "\" cannot be located in source '" + sourceId + "': " + reason + ".",
                Map.of("source", sourceId, "quote", String.valueOf(quote)));
        this.sourceId = sourceId;
        this.quote = quote;
    }

    public String sourceId() {
        return sourceId;
    }

    public String quote() {
        return quote;
    }
}
