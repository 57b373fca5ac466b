package org.casefile.seed;

/** The seed cannot be loaded; the message names the file, the fact, the source and the quote. */
public class SeedException extends RuntimeException {
    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }

    public SeedException(String message) {
        super(message);
    }
}
