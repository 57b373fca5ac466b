package org.casefile.draft;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.casefile.web.Html;

/** How a draft writes footnote markers, escapes what it inserts, and lists the notes at the end. */
public enum DraftFormat {

    MARKDOWN("markdown") {
        @Override
        String marker(int n) {
            return "[^" + n + "]";
        }

        @Override
        String escape(String text) {
            return text.replaceAll("([\\\\`*_\\[\\]<>])", "\\\\$1");
        }

        @Override
        String notes(List<DraftViews.Footnote> notes) {
            StringBuilder out = new StringBuilder("\n");
            for (DraftViews.Footnote f : notes) {
                out.append("\n[^").append(f.n()).append("]: ").append(escape(describe(f)));
            }
            return out.append('\n').toString();
        }
    },

    TEXT("text") {
        @Override
        String marker(int n) {
            return "[" + n + "]";
        }

        @Override
        String escape(String text) {
            return text;
        }

        @Override
        String notes(List<DraftViews.Footnote> notes) {
            StringBuilder out = new StringBuilder("\n\nNotes\n");
            for (DraftViews.Footnote f : notes) {
                out.append('[').append(f.n()).append("] ").append(describe(f)).append('\n');
            }
            return out.toString();
        }
    },

    HTML("html") {
        @Override
        String marker(int n) {
            return "<sup><a href=\"#casefile-note-" + n + "\">" + n + "</a></sup>";
        }

        @Override
        String escape(String text) {
            return Html.escape(text);
        }

        @Override
        String notes(List<DraftViews.Footnote> notes) {
            StringBuilder out = new StringBuilder("\n<ol class=\"casefile-notes\">\n");
            for (DraftViews.Footnote f : notes) {
                out.append("<li id=\"casefile-note-").append(f.n()).append("\">").append(escape(describe(f))).append("</li>\n");
            }
            return out.append("</ol>\n").toString();
        }
    };

    private final String id;

    DraftFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    abstract String marker(int n);

    /** Makes inserted text (a name, a figure's words) read as text in this format. */
    abstract String escape(String text);

    /** The notes section appended after the body. */
    abstract String notes(List<DraftViews.Footnote> notes);

    public static final List<String> IDS = List.of("markdown", "text", "html");

    public static DraftFormat of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** "Title, 23 March 2021: “passage” (source id, characters 120–180)", the passage's whitespace folded for reading. */
    static String describe(DraftViews.Footnote f) {
        String date = f.date() == null ? "" : ", " + readableDate(f.date());
        return f.title() + date + ": \u201c" + f.quote().strip().replaceAll("\\s+", " ") + "\u201d (" + f.source()
                + ", characters " + f.start() + "\u2013" + f.end() + ")";
    }

    private static String readableDate(String edtf) {
        try {
            return DraftService.letterDate(LocalDate.parse(edtf));
        } catch (DateTimeParseException e) {
            return edtf;
        }
    }
}
