package org.casefile.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.http.Params;
import org.casefile.problem.ProblemException;

/**
 * Timelines for analysts: checks the request completely before anything is written (so every mistake is a
 * 400 problem, never a broken file), then streams the events from the database in the chosen format.
 */
@ApplicationScoped
public class TimelineService {

    /**
     * What to send: the format, its media type, the download file name (null: not a download), the body, and whether it
     * is a whole export (see {@link TimelineFilter#whole}), which may stream for minutes.
     */
    public record Export(TimelineFormat format, String mediaType, String fileName, StreamingOutput body, boolean whole) {
    }

    private static final int MAX_FILE_NAME = 120;

    private final TimelineRepository repository;
    private final ObjectMapper mapper;

    public TimelineService(TimelineRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public Export export(String person, String organization, String incident, List<String> types, String from,
                         String to, String source, String format, List<String> accept, URI base) {
        TimelineFormat chosen = format(format, accept);
        TimelineFilter filter = filter(person, organization, incident, types, from, to, source);
        String description = filter.describe();
        StreamingOutput body = out -> repository.read(filter, events -> {
            TimelineWriter writer;
            TimelineRepository.Scope scope;
            switch (chosen) {
                case csv -> {
                    writer = new CsvTimelineWriter(out);
                    scope = TimelineRepository.Scope.ALL;
                }
                case json -> {
                    writer = new JsonTimelineWriter(out);
                    scope = TimelineRepository.Scope.ALL;
                }
                case timelinejs -> {
                    writer = new TimelineJsWriter(out, "Casefile timeline",
                            (description.isEmpty() ? "All events" : "Events matching " + description)
                                    + ". Every event quotes the passage of the source that states it; dates are shown "
                                    + "only as precisely as the sources state them.", base);
                    scope = TimelineRepository.Scope.KNOWN_START;
                }
                default -> {
                    writer = new IcsTimelineWriter(out, base, events.countOutside(TimelineRepository.Scope.KNOWN_DAY),
                            Instant.now(), description.isEmpty() ? "Casefile timeline" : "Casefile timeline: " + description);
                    scope = TimelineRepository.Scope.KNOWN_DAY;
                }
            }
            writer.begin();
            events.forEach(scope, writer::event);
            writer.end();
        });
        String fileName = chosen.fileExtension() == null ? null : fileName(filter, chosen.fileExtension());
        return new Export(chosen, chosen.mediaType(), fileName, body, filter.whole());
    }

    /** The first events of a filter, in timeline order, for the timeline page's table; more says whether there are others. */
    public record Table(List<TimelineEvent> events, boolean more) {
    }

    /** Read past the limit: stops the stream. */
    private static final class Enough extends java.io.IOException {
        Enough() {
            super(null, null);
        }
    }

    /** The events the export with these filters holds (checked the same way), at most {@code limit} of them. */
    public Table table(String person, String organization, String incident, List<String> types, String from, String to,
                       String source, int limit) {
        TimelineFilter filter = filter(person, organization, incident, types, from, to, source);
        List<TimelineEvent> events = new ArrayList<>();
        boolean more = false;
        try {
            repository.read(filter, read -> read.forEach(TimelineRepository.Scope.ALL, event -> {
                if (events.size() == limit) {
                    throw new Enough();
                }
                events.add(event);
            }));
        } catch (Enough e) {
            more = true;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Table(events, more);
    }

    /** The format parameter wins, whatever the Accept header says; without it the Accept header decides. */
    TimelineFormat format(String format, List<String> accept) {
        String named = Params.oneOf("format", format == null ? null : format.toLowerCase(), TimelineFormat.names(), null);
        if (named != null) {
            return TimelineFormat.valueOf(named);
        }
        return TimelineFormat.negotiate(accept).orElseThrow(() -> new ProblemException(406, "Not acceptable",
                "The timeline is served as text/csv, application/json or text/calendar; the Accept header allows none of "
                        + "them. Accept one of those, or name the format with format=csv, json, timelinejs or ics.",
                Map.of("accepted", List.of(TimelineFormat.TEXT_CSV, "application/json", TimelineFormat.TEXT_CALENDAR))));
    }

    TimelineFilter filter(String person, String organization, String incident, List<String> types, String from,
                          String to, String source) {
        Params.DateRange range = Params.range(from, to);
        return new TimelineFilter(known("person", person), known("organization", organization),
                known("incident", incident), types(types), range.from(), range.to(), known("source", source));
    }

    /**
     * An id that names nothing is a 400, not an empty timeline: a misspelt id would otherwise look like
     * "no events", which an analyst could not tell from the truth.
     */
    private String known(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.trim();
        if (!repository.exists(parameter, id)) {
            String where = switch (parameter) {
                case "person" -> "GET /api/persons";
                case "source" -> "GET /api/sources";
                case "organization" -> "the organizations column of an unfiltered GET /api/timeline";
                default -> "the incident:<id> event ids of an unfiltered GET /api/timeline";
            };
            throw new ProblemException(400, "Invalid parameter '" + parameter + "'",
                    "No " + parameter + " has the id '" + id + "'. Find valid ids with " + where + ".",
                    Map.of("parameter", parameter, "id", id));
        }
        return id;
    }

    /** type=arrest,custody_start or type=arrest&type=custody_start. */
    private static List<String> types(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String value : raw) {
            for (String t : value.split(",")) {
                String type = t.trim();
                if (type.isEmpty() || out.contains(type)) {
                    continue;
                }
                if (!TimelineFilter.TYPES.contains(type)) {
                    throw new ProblemException(400, "Invalid parameter 'type'",
                            "'type' must be one or more (comma-separated) of " + String.join(", ", TimelineFilter.TYPES)
                                    + "; got '" + type + "'.",
                            Map.of("parameter", "type", "accepted", TimelineFilter.TYPES));
                }
                out.add(type);
            }
        }
        return out;
    }

    /** casefile-timeline[-<filter values>].<ext>, kept to characters every file system and header accepts. */
    static String fileName(TimelineFilter filter, String extension) {
        StringBuilder name = new StringBuilder("casefile-timeline");
        for (String part : filter.fileNameParts()) {
            name.append('-').append(part.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        String base = name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name.toString();
        return base + "." + extension;
    }

    /** The W3C CSVW metadata (https://www.w3.org/TR/tabular-metadata/) describing the CSV export's columns. */
    public String csvMetadata(URI base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", "http://www.w3.org/ns/csvw");
        doc.put("url", base.resolve("api/timeline?format=csv").toString());
        doc.put("dc:title", "Casefile timeline");
        doc.put("dc:description", "Timeline events (incidents, custody changes, dated charges, reported figures, source "
                + "publications), one row per event, sorted by earliest day, then latest day, then id; events with no "
                + "known date last. Every filtered export (person, organization, incident, type, from, to, source) has "
                + "these same columns. Multi-valued cells join their values with \"" + TimelineColumn.SEPARATOR + "\".");
        Map<String, Object> dialect = new LinkedHashMap<>();
        dialect.put("encoding", "utf-8");
        dialect.put("lineTerminators", List.of("\r\n"));
        dialect.put("header", true);
        dialect.put("delimiter", ",");
        dialect.put("quoteChar", "\"");
        dialect.put("doubleQuote", true);
        doc.put("dialect", dialect);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (TimelineColumn c : TimelineColumn.values()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", c.name());
            column.put("titles", c.name());
            column.put("dc:description", c.description());
            if (c == TimelineColumn.precision) {
                column.put("datatype", Map.of("base", "string",
                        "format", "^(day|month|season|year|decade|century|interval|unknown)$"));
            } else {
                column.put("datatype", c.datatype());
            }
            if (c.multiValued()) {
                column.put("separator", TimelineColumn.SEPARATOR);
            }
            column.put("required", c == TimelineColumn.id || c == TimelineColumn.type || c == TimelineColumn.title
                    || c == TimelineColumn.precision);
            column.put("null", "");
            columns.add(column);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("columns", columns);
        schema.put("primaryKey", TimelineColumn.id.name());
        doc.put("tableSchema", schema);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
