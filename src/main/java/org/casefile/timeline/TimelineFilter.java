package org.casefile.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which events to export. Null or empty means "no restriction". An event matches the date range when its
 * [earliest, latest] days overlap [from, to]; an open end counts as unbounded on that side.
 */
public record TimelineFilter(String person, String organization, String incident, List<String> types,
                             LocalDate from, LocalDate to, String source) {

    /** Incident types (V1 schema, seed/README.md). */
    public static final List<String> INCIDENT_TYPES = org.casefile.fact.Incident.TYPES;
    /** Charge events are typed by the stage the charge had reached on its date. */
    public static final List<String> CHARGE_TYPES = List.of("charge_alleged", "charge_charged", "charge_on_trial",
            "charge_convicted", "charge_acquitted", "charge_dropped");
    public static final String CUSTODY_START = "custody_start";
    public static final String CUSTODY_END = "custody_end";
    public static final String FIGURE = "reported_figure";
    public static final String SOURCE = "source_published";

    public static final List<String> TYPES = Stream.of(INCIDENT_TYPES, CHARGE_TYPES,
                    List.of(CUSTODY_START, CUSTODY_END, FIGURE, SOURCE))
            .flatMap(List::stream).toList();

    /** No restriction: every event. */
    public static final TimelineFilter NONE = new TimelineFilter(null, null, null, null, null, null, null);

    public TimelineFilter {
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** Whether it can match events of any number of people: not narrowed to one person, organisation, incident or source. */
    public boolean whole() {
        return person == null && organization == null && incident == null && source == null;
    }

    public boolean datesRestricted() {
        return from != null || to != null;
    }

    /** True when no type is asked for, or one of {@code candidates} is. */
    public boolean wantsAnyOf(List<String> candidates) {
        return types.isEmpty() || candidates.stream().anyMatch(Set.copyOf(types)::contains);
    }

    /** The filter values, in parameter order, for a download's file name. */
    List<String> fileNameParts() {
        List<String> parts = new ArrayList<>();
        Stream.of(person, organization, incident).filter(v -> v != null).forEach(parts::add);
        parts.addAll(types);
        if (source != null) {
            parts.add(source);
        }
        if (from != null) {
            parts.add("from-" + from);
        }
        if (to != null) {
            parts.add("to-" + to);
        }
        return parts;
    }

    /** The filter in words, for the title of a TimelineJS document or calendar; empty when nothing is filtered. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (person != null) {
            parts.add("person " + person);
        }
        if (organization != null) {
            parts.add("organization " + organization);
        }
        if (incident != null) {
            parts.add("incident " + incident);
        }
        if (!types.isEmpty()) {
            parts.add("type " + String.join(" or ", types));
        }
        if (source != null) {
            parts.add("source " + source);
        }
        if (from != null) {
            parts.add("from " + from);
        }
        if (to != null) {
            parts.add("to " + to);
        }
        return String.join(", ", parts);
    }
}
