package org.casefile.web;

import io.quarkus.qute.TemplateExtension;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Words and links every page uses, in templates as {page:...}. */
@TemplateExtension(namespace = "page")
public final class PageText {

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    /** A vocabulary value as words: pretrial_detention → pre-trial detention. */
    public static String words(String value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case "pretrial_detention" -> "pre-trial detention";
            case "deprived_of_liberty" -> "deprived of liberty";
            case "last_known" -> "last known";
            default -> value.replace('_', ' ');
        };
    }

    /** 2021-03-23 → 23 March 2021. */
    public static String date(LocalDate day) {
        return day == null ? "" : LONG_DATE.format(day);
    }

    /** A moment in UTC, to the minute: 2026-12-05T13:05:42Z → 5 December 2026, 13:05 UTC. */
    public static String time(OffsetDateTime at) {
        return at == null ? "" : MOMENT.format(at.withOffsetSameInstant(ZoneOffset.UTC)) + " UTC";
    }

    /** The letter page at a passage: the anchor its highlight carries. */
    public static String passage(String source, int start, int end) {
        return "/sources/" + source + "#c-" + start + "-" + end;
    }

    private PageText() {
    }
}
