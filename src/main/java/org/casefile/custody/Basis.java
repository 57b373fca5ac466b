package org.casefile.custody;

import java.util.List;
import org.casefile.http.Params;

/**
 * What a status answer may rest on: {@code confirmed}, a source's claim covering the day (definite or possible), or
 * {@code last_known}, also the presumed last known status (V15's cf_custody_in_basis decides which answers count).
 * The default is last_known, because that is what a letter writer asking "how many are detained now?" needs, and
 * what prisoner lists publish; every answer labels a presumed status as such, with the day it was last confirmed.
 */
public final class Basis {

    public static final String CONFIRMED = "confirmed";
    public static final String LAST_KNOWN = "last_known";
    public static final List<String> VALUES = List.of(CONFIRMED, LAST_KNOWN);
    public static final String DEFAULT = LAST_KNOWN;

    /** The basis asked for by parameter {@code name}, the default when absent; a 400 naming it when unknown. */
    public static String of(String name, String raw) {
        return Params.oneOf(name, raw, VALUES, DEFAULT);
    }

    private Basis() {
    }
}
