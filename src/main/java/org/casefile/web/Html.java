package org.casefile.web;

import io.quarkus.qute.Escaper;

/**
 * The one HTML escaper for HTML written outside a template (a draft's HTML, TimelineJS slides): the characters Qute's
 * templates escape, as they escape them, with Qute's own escaper.
 */
public final class Html {

    private static final Escaper ESCAPER = Escaper.builder()
            .add('&', "&amp;").add('<', "&lt;").add('>', "&gt;").add('"', "&quot;").add('\'', "&#39;").build();

    private Html() {
    }

    /** The text escaped for HTML content or a quoted attribute; empty for null. */
    public static String escape(String text) {
        return text == null ? "" : ESCAPER.escape(text);
    }
}
