package org.casefile.edtf;

/** A date string that is not EDTF Casefile can read; the message says what was wrong and what is accepted. */
public class EdtfException extends RuntimeException {
    public EdtfException(String message) {
        super(message);
    }
}
