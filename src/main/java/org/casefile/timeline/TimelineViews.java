package org.casefile.timeline;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shapes of the JSON timeline, for the OpenAPI document; the writers stream these fields directly. */
public final class TimelineViews {

    private TimelineViews() {
    }

    @Schema(name = "TimelineCitation", description = "A passage behind an event: `text[start:end]` of GET /api/sources/{source}/text "
            + "(Unicode code points, end exclusive) is the quote as written.")
    public record Citation(
            @Schema(description = "Source id.", examples = "joint-statement-2021-03-23") String source,
            @Schema(description = "The quoted passage.", examples = "Mr. Rong Chhun was arrested on July 31, 2020 after taking up the case of farmers in Tbong Khmom province") String quote,
            @Schema(description = "Code-point offset of the passage's first character.", examples = "2383") int start,
            @Schema(description = "Code-point offset just past the passage's last character.", examples = "2487") int end) {
    }

    @Schema(name = "TimelineEvent", description = "One event: an incident, the start or end of a custody period, a dated charge, "
            + "a reported figure or a source's publication.")
    public record Event(
            @Schema(description = "Stable id: incident:<incident id>, custody-start:<fact id>, custody-end:<fact id>, "
                    + "charge:<fact id>, figure:<fact id> or source:<source id>. A custody change stated by several claims "
                    + "(same person, state and stated date) is one event, named by the lowest of their fact ids; all are in facts.",
                    examples = "incident:rong-chhun-arrest-2020-07-31") String id,
            @Schema(description = "Incident type, custody_start, custody_end, charge_<stage>, reported_figure or source_published.",
                    examples = "arrest") String type,
            @Schema(description = "What happened, in a line.", examples = "Arrest of Rong Chhun") String title,
            @Schema(description = "The date as the source states it (EDTF); null when none is stated.", examples = "2020-07-31",
                    nullable = true) String date,
            @Schema(description = "Earliest day the stated date can mean; null when unknown or open.", examples = "2020-07-31",
                    format = "date", nullable = true) String earliest,
            @Schema(description = "Latest day the stated date can mean; null when unknown or open.", examples = "2020-07-31",
                    format = "date", nullable = true) String latest,
            @Schema(description = "Precision of the stated date.", examples = "day",
                    enumeration = {"day", "month", "season", "year", "decade", "century", "interval", "unknown"}) String precision,
            @Schema(description = "Ids of the people involved.", examples = "[\"rong-chhun\"]") List<String> people,
            @Schema(description = "Ids of the organisations involved.") List<String> organizations,
            @Schema(description = "Ids of the sources behind the event, without repeats.", examples = "[\"joint-statement-2021-03-23\"]")
            List<String> sources,
            @Schema(description = "The passages behind the event, in citation order.") List<Citation> citations,
            @Schema(description = "Ids of the facts the event rests on, ascending (GET /api/facts/{id}); the citations are "
                    + "theirs. Several for a custody change stated by several claims; empty for a source's publication.")
            List<Long> facts) {
    }

    @Schema(name = "Timeline", description = "The JSON timeline: items are streamed in timeline order; total follows them.")
    public record Timeline(
            @Schema(description = "The events, sorted by earliest day, then latest day, then id; undated events last.") List<Event> items,
            @Schema(description = "How many events were written.", examples = "2") long total) {
    }
}
