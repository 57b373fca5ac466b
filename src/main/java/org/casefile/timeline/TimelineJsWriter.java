package org.casefile.timeline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.LocalDate;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfDate.Precision;
import org.casefile.edtf.EdtfException;
import org.casefile.web.Html;

/**
 * The TimelineJS 3 JSON format (https://timeline.knightlab.com/docs/json-format.html): a title slide and one
 * slide per event. Dates are written only as precisely as the source states them: a month-precision event has
 * no day, a year-precision event only a year; spans (seasons, decades, intervals) get an end_date. Events with
 * no known earliest year are not read at all (the repository's KNOWN_START scope).
 */
final class TimelineJsWriter implements TimelineWriter {

    private final JsonGenerator json;
    private final String headline;
    private final String description;
    private final URI base;

    TimelineJsWriter(OutputStream stream, String headline, String description, URI base) throws IOException {
        this.json = JsonTimelineWriter.FACTORY.createGenerator(stream);
        this.headline = headline;
        this.description = description;
        this.base = base;
    }

    @Override
    public void begin() throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("title");
        json.writeObjectFieldStart("text");
        json.writeStringField("headline", headline);
        json.writeStringField("text", "<p>" + Html.escape(description) + "</p>");
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("events");
    }

    @Override
    public void event(TimelineEvent e) throws IOException {
        Span span = span(e);
        json.writeStartObject();
        date("start_date", span.start());
        if (span.end() != null && !span.end().equals(span.start())) {
            date("end_date", span.end());
        }
        if (e.edtf() != null && e.edtf().matches(".*[?~%].*")) {
            json.writeStringField("display_date", e.edtf()); // the qualifier (uncertain, approximate) stays visible
        }
        json.writeObjectFieldStart("text");
        json.writeStringField("headline", e.title());
        json.writeStringField("text", body(e));
        json.writeEndObject();
        // TimelineJS puts unique_id into the page's URL hash and element ids; keep it to [a-z0-9_-].
        json.writeStringField("unique_id", e.id().replace(':', '-'));
        json.writeStringField("group", group(e));
        json.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    /** A TimelineJS date: year always, month and day only when known. */
    record Date(int year, Integer month, Integer day) {
        static Date of(LocalDate d, Precision p) {
            return switch (p) {
                case day -> new Date(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
                case month, season -> new Date(d.getYear(), d.getMonthValue(), null);
                default -> new Date(d.getYear(), null, null);
            };
        }
    }

    record Span(Date start, Date end) {
    }

    static Span span(TimelineEvent e) {
        Precision p = e.precision();
        LocalDate from = e.earliest();
        LocalDate to = e.latest();
        return switch (p) {
            case day, month, year -> new Span(Date.of(from, p), null);
            case season, decade, century -> new Span(Date.of(from, p), Date.of(to, p));
            case interval -> interval(e.edtf(), from, to);
            // Not expected (every stored date parses); show no more than the year bounds.
            default -> new Span(Date.of(from, Precision.year), to == null ? null : Date.of(to, Precision.year));
        };
    }

    /** Each end of an interval to its own precision: 2015-11/2016-01 runs from November 2015 to January 2016. */
    private static Span interval(String edtf, LocalDate from, LocalDate to) {
        int slash = edtf.indexOf('/');
        Date start = Date.of(from, part(edtf.substring(0, slash)));
        Date end = to == null ? null : Date.of(to, part(edtf.substring(slash + 1)));
        return new Span(start, end);
    }

    private static Precision part(String single) {
        try {
            return Edtf.parse(single).precision();
        } catch (EdtfException e) {
            return Precision.year;
        }
    }

    private void date(String field, Date d) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("year", d.year());
        if (d.month() != null) {
            json.writeNumberField("month", d.month());
        }
        if (d.day() != null) {
            json.writeNumberField("day", d.day());
        }
        json.writeEndObject();
    }

    private String body(TimelineEvent e) {
        StringBuilder b = new StringBuilder();
        b.append("<p>Date as stated: ").append(Html.escape(e.edtf())).append(" (precision: ").append(e.precision()).append(")</p>");
        if (e.ownSource() != null) {
            b.append("<p>Source: ").append(link(e.ownSource())).append("</p>");
        }
        for (TimelineEvent.Cite c : e.citations()) {
            b.append("<blockquote>\u201C").append(Html.escape(c.quote())).append("\u201D</blockquote>")
                    .append("<p>\u2014 ").append(link(c.source()))
                    .append(", code points ").append(c.start()).append("\u2013").append(c.end()).append("</p>");
        }
        return b.toString();
    }

    private String link(String sourceId) {
        String href = base.resolve("api/sources/" + sourceId).toString();
        return "<a href=\"" + Html.escape(href) + "\">" + Html.escape(sourceId) + "</a>";
    }

    private static String group(TimelineEvent e) {
        return switch (e.kind()) {
            case "incident" -> "Incidents";
            case "custody" -> "Custody";
            case "charge" -> "Charges";
            case "figure" -> "Reported figures";
            default -> "Sources";
        };
    }
}
