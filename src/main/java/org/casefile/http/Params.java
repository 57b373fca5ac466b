package org.casefile.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import org.casefile.problem.ProblemException;

/** Parsing of query parameters with errors that name the parameter and what it accepts. */
public final class Params {

    private Params() {
    }

    public static int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name,
                    "'" + name + "' must be a whole number from " + min + " to " + max + "; got '" + raw + "'.");
        }
        if (value < min || value > max) {
            throw ProblemException.badParameter(name,
                    "'" + name + "' must be from " + min + " to " + max + "; got " + value + ".");
        }
        return value;
    }

    public static LocalDate date(String name, String raw, LocalDate defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name,
                    "'" + name + "' must be a calendar date written YYYY-MM-DD, e.g. 2020-08-01; got '" + raw + "'.");
        }
    }

    /** An optional range of days; absent ends are null. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    /** 'from' and 'to', each YYYY-MM-DD and optional; a range that ends before it starts is a 400 naming 'from'. */
    public static DateRange range(String from, String to) {
        LocalDate fromDay = date("from", from, null);
        LocalDate toDay = date("to", to, null);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw ProblemException.badParameter("from", "'from' (" + fromDay + ") is after 'to' (" + toDay
                    + "); give a range that starts before it ends.");
        }
        return new DateRange(fromDay, toDay);
    }

    /** An instant written ISO 8601 with an offset (2026-11-01T00:00:00Z), or null when absent. */
    public static java.time.OffsetDateTime instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name,
                    "'" + name + "' must be a time written ISO 8601 with an offset, e.g. 2026-11-01T00:00:00Z; got '" + raw + "'.");
        }
    }

    public static String oneOf(String name, String raw, Collection<String> accepted, String defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String value = raw.strip();
        if (!accepted.contains(value)) {
            throw new ProblemException(400, "Invalid parameter '" + name + "'",
                    "'" + name + "' must be one of " + String.join(", ", accepted) + "; got '" + raw + "'.",
                    java.util.Map.of("parameter", name, "accepted", accepted));
        }
        return value;
    }
}
