package org.casefile.fact;

/** A fact that cannot be recorded as given; the message says which field and why. */
public class FactInputException extends RuntimeException {
    public FactInputException(String message) {
        super(message);
    }

    public FactInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
