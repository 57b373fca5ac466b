package org.casefile.timeline;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.casefile.http.ExpensiveRequests;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/timeline")
@Tag(name = "Timeline", description = "Timelines for analysts, in CSV, JSON, TimelineJS and iCalendar, every event with its sources.")
public class TimelineResource {

    private final TimelineService timeline;
    private final ExpensiveRequests expensive;

    public TimelineResource(TimelineService timeline, ExpensiveRequests expensive) {
        this.timeline = timeline;
        this.expensive = expensive;
    }

    @GET
    // No @Produces: the service negotiates, so that format=... wins over any Accept header.
    @Operation(operationId = "exportTimeline", summary = "Export a timeline of events with their citations",
            description = "Incidents, custody changes (start and end of each custody period, where stated; claims of the same "
                    + "person, state and stated date are one event with all their citations), dated charges, "
                    + "reported figures (as-of date) and source publications, sorted by earliest day, then latest day, then id. "
                    + "Each event carries its date as stated (EDTF), the earliest and latest day it can mean, its precision, "
                    + "the people and organisations involved and the passages it rests on. Undated events come last (CSV, JSON); "
                    + "TimelineJS leaves out events with no known year and iCalendar those with no single known day "
                    + "(counted in X-CASEFILE-OMITTED-EVENTS). Formats: `format` = csv | json | timelinejs | ics, or by "
                    + "Accept (text/csv, application/json, text/calendar); `format` wins. Every format is streamed from the "
                    + "database, so exports of any size are fine. CSV columns: id, type, title, date, earliest, latest, "
                    + "precision, people, organizations, sources, quotes, citations; multi-valued cells are joined with \" | \"; "
                    + "described in CSVW at /api/timeline/csv-metadata.json.")
    @APIResponse(responseCode = "200", description = "The timeline. `format=timelinejs` answers application/json in the "
            + "TimelineJS 3 JSON format ({title, events}) instead of the schema shown.",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelineViews.Timeline.class)),
                    @Content(mediaType = TimelineFormat.TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            example = "id,type,title,date,earliest,latest,precision,people,organizations,sources,quotes,citations\r\n"
                                    + "incident:rong-chhun-arrest-2020-07-31,arrest,Arrest of Rong Chhun,2020-07-31,2020-07-31,"
                                    + "2020-07-31,day,rong-chhun,,joint-statement-2021-03-23,\"Mr. Rong Chhun was arrested on "
                                    + "July 31, 2020 after taking up the case of farmers in Tbong Khmom province\","
                                    + "joint-statement-2021-03-23:2383-2487\r\n"),
                    @Content(mediaType = TimelineFormat.TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "406", description = "No format parameter, and an Accept header that allows none of text/csv, "
            + "application/json and text/calendar.")
    @APIResponse(responseCode = "400", description = "A malformed date, 'from' after 'to', an unknown format or type, or an id "
            + "that names no person, organisation, incident or source.")
    @APIResponse(responseCode = "503", description = "Busy: as many exports not narrowed to one person, organisation, incident "
            + "or source are streaming as Casefile allows at once; Retry-After says when to ask again. Narrowed exports are not held back.")
    public Response export(
            @Parameter(description = "Only events involving this person (id).", example = "rong-chhun")
            @QueryParam("person") String person,
            @Parameter(description = "Only events involving this organisation (id): incidents it took part in, sources it signed.",
                    example = "cnrp")
            @QueryParam("organization") String organization,
            @Parameter(description = "Only this incident (id) and the charges brought in it.", example = "rong-chhun-arrest-2020-07-31")
            @QueryParam("incident") String incident,
            @Parameter(description = "Only these event types, comma-separated or repeated: an incident type (arrest, trial, ...), "
                    + "custody_start, custody_end, charge_<stage> (charge_convicted, ...), reported_figure, source_published; "
                    + "e.g. type=arrest,custody_start.")
            @QueryParam("type") List<String> type,
            @Parameter(description = "Only events that can fall on or after this day (YYYY-MM-DD): their [earliest, latest] "
                    + "overlaps [from, to]. Undated events are left out when from or to is given.", example = "2020-01-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Only events that can fall on or before this day (YYYY-MM-DD).", example = "2021-12-31",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "Only events with a citation of this source (id), or this source's own publication.",
                    example = "joint-statement-2021-03-23")
            @QueryParam("source") String source,
            @Parameter(description = "csv, json, timelinejs or ics; overrides the Accept header. Default: by Accept, else json.",
                    example = "csv", schema = @Schema(type = SchemaType.STRING, enumeration = {"csv", "json", "timelinejs", "ics"}))
            @QueryParam("format") String format,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            @Context RoutingContext routing) {
        TimelineService.Export export = timeline.export(person, organization, incident, type, from, to, source, format,
                headers.getRequestHeader(HttpHeaders.ACCEPT), uri.getBaseUri());
        if (export.whole()) {
            // Held while the body streams, after this method has returned, until the last byte is sent.
            expensive.enterUntilAnswered(ExpensiveRequests.Kind.WHOLE_EXPORT, routing);
        }
        Response.ResponseBuilder response = Response.ok(export.body(), export.mediaType()).header(HttpHeaders.VARY, "Accept");
        if (export.fileName() != null) {
            response.header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"");
        }
        if (export.format() == TimelineFormat.csv) {
            // CSVW 5.2: the Link header tells a CSVW processor where the column descriptions are.
            response.header("Link", "<" + uri.getBaseUri().resolve("api/timeline/csv-metadata.json")
                    + ">; rel=\"describedby\"; type=\"" + TimelineFormat.CSVW_METADATA + "\"");
        }
        return response.build();
    }

    @GET
    @Path("/csv-metadata.json")
    @Produces(TimelineFormat.CSVW_METADATA)
    @Operation(operationId = "timelineCsvMetadata", summary = "Describe the timeline CSV columns (W3C CSVW)",
            description = "A CSV on the Web metadata document (application/csvm+json) naming each column of the CSV export "
                    + "in order, its datatype, and the \" | \" separator of multi-valued cells.")
    @APIResponse(responseCode = "200", description = "The CSVW metadata.",
            content = @Content(mediaType = TimelineFormat.CSVW_METADATA, schema = @Schema(type = SchemaType.OBJECT)))
    public Response csvMetadata(@Context UriInfo uri) {
        return Response.ok(timeline.csvMetadata(uri.getBaseUri()), TimelineFormat.CSVW_METADATA).build();
    }
}
