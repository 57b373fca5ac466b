package org.casefile.citation;

/** A quote that cannot be tied to exactly one passage of its source. */
public class QuoteNotLocatedException extends RuntimeException {

    private final String sourceId;
    private final String quote;

    public QuoteNotLocatedException(String sourceId, String quote, String reason) {
        super("Quote \"" + quote + "\" cannot be located in source '" + sourceId + "': " + reason + ".");
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
