package org.casefile.timeline;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The CSV columns, in their fixed order. The CSV writer and the CSVW metadata document both read this list,
 * so the two cannot drift apart. Multi-valued cells join their values with {@link #SEPARATOR}.
 */
public enum TimelineColumn {
    id("string", false, "Stable event id: incident:<incident id>, custody-start:<fact id>, custody-end:<fact id>, "
            + "charge:<fact id>, figure:<fact id> or source:<source id>. A custody change stated by several claims (same "
            + "person, state and stated date) is one row, named by the lowest of their fact ids.", TimelineEvent::id),
    type("string", false, "Incident type (arrest, trial, ...), custody_start, custody_end, charge_<stage>, "
            + "reported_figure or source_published.", TimelineEvent::type),
    title("string", false, "What happened, in a line.", TimelineEvent::title),
    date("string", false, "The date as the source states it (EDTF, ISO 8601-2), e.g. 2020-07-31, 2015-07, 2017?, "
            + "2015-11/2016-01; empty when no date is stated.", TimelineEvent::edtf),
    earliest("date", false, "The earliest day the stated date can mean (YYYY-MM-DD); empty when unknown or open.",
            e -> day(e.earliest())),
    latest("date", false, "The latest day the stated date can mean (YYYY-MM-DD); empty when unknown or open.",
            e -> day(e.latest())),
    precision("string", false, "How precise the stated date is: day, month, season, year, decade, century, interval "
            + "or unknown.", e -> e.precision().name()),
    people("string", true, "Ids of the people involved (GET /api/persons/{id}).", TimelineEvent::people),
    organizations("string", true, "Ids of the organisations involved.", TimelineEvent::organizations),
    sources("string", true, "Ids of the sources behind the event (GET /api/sources/{id}), without repeats.",
            TimelineEvent::sources),
    quotes("string", true, "The quoted passages, one per citation, in citation order.",
            e -> e.citations().stream().map(TimelineEvent.Cite::quote).toList()),
    citations("string", true, "One per citation, aligned with quotes: <source id>:<start>-<end>, Unicode code-point "
            + "offsets (end exclusive) into GET /api/sources/{source id}/text.",
            e -> e.citations().stream().map(c -> c.source() + ":" + c.start() + "-" + c.end()).toList());

    /** Joins the values of a multi-valued cell. A value that itself contains it is not escaped; use JSON for such data. */
    public static final String SEPARATOR = " | ";

    private final String datatype;
    private final boolean multiValued;
    private final String description;
    private final Function<TimelineEvent, Object> value;

    TimelineColumn(String datatype, boolean multiValued, String description, Function<TimelineEvent, Object> value) {
        this.datatype = datatype;
        this.multiValued = multiValued;
        this.description = description;
        this.value = value;
    }

    public String datatype() {
        return datatype;
    }

    public boolean multiValued() {
        return multiValued;
    }

    public String description() {
        return description;
    }

    /** The cell text: empty for no value, multi-valued cells joined with the separator. */
    public String cell(TimelineEvent event) {
        Object v = value.apply(event);
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            return String.join(SEPARATOR, list.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }

    private static String day(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
