package org.casefile.count;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.casefile.http.ETags;
import org.casefile.http.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Counts", description = "Counts computed from Casefile's person-level records, with the people counted and their citations.")
public class CountResource {

    private final CountService counts;
    private final CountAnswers answers;
    private final CountParameters parameters;

    public CountResource(CountService counts, CountAnswers answers, CountParameters parameters) {
        this.counts = counts;
        this.answers = answers;
        this.parameters = parameters;
    }

    @GET
    @Operation(operationId = "getCount", summary = "Count people on a day under a definition",
            description = "How many people Casefile's records place in the definition's states on `asOf`, judged per person as "
                    + "GET /api/persons/{id}/status judges it, under `basis`: the confirmed and last-known totals side by side, "
                    + "definite, possible (imprecise dates) and presumed (last known) apart, the breakdowns "
                    + "asked for, one page of the people counted with their citations, the sources the count rests on, "
                    + "and caveats in words. Example: `?asOf=2021-03-23&definition=cnrp_detained&groupBy=status`. "
                    + "The answer to a definition on a day with nothing else asked is kept until the data next changes: "
                    + "its readAt is when its records were read, unchanged since.")
    @APIResponse(responseCode = "200", description = "The count.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountViews.Count.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed or unknown parameter value.")
    @APIResponse(responseCode = "503", description = "Busy: as many counts judged from the claims (knownAt, an editor's count, or "
            + "while the kept judgement is rebuilt) are running as Casefile allows at once, or a statement ran past its time "
            + "limit; Retry-After says when to ask again.")
    public Response count(
            @Parameter(description = "The day to count, YYYY-MM-DD; today (UTC) when absent.", example = "2021-03-23") @QueryParam("asOf") String asOf,
            @Parameter(description = "A count definition's id (GET /api/counts/definitions); detained when neither this nor status is given.",
                    example = "detained") @QueryParam("definition") String definition,
            @Parameter(description = "Instead of a definition: a custody state, or the group detained or deprived_of_liberty.",
                    example = "pretrial_detention") @QueryParam("status") String status,
            @Parameter(description = "Whom to count: `last_known` (default), the people whose status on the day a source confirms or "
                    + "who were last reported so and whom no later source reports otherwise (presumed, labelled, with the day last "
                    + "confirmed); `confirmed`, only those a source's claim covers on the day. Both totals come with every answer.",
                    example = "confirmed") @QueryParam("basis") String basis,
            @Parameter(description = "Only people affiliated with this organisation (id or acronym).", example = "CNRP")
            @QueryParam("affiliation") String affiliation,
            @Parameter(description = "Only people with this citizenship.", example = "United States") @QueryParam("citizenship") String citizenship,
            @Parameter(description = "Only people named as victim or target of an incident of this type.", example = "arrest")
            @QueryParam("incidentType") String incidentType,
            @Parameter(description = "Breakdowns, comma-separated or repeated: status, affiliation, citizenship; "
                    + "e.g. groupBy=status,citizenship. Default status.") @QueryParam("groupBy") List<String> groupBy,
            @Parameter(description = "Count as Casefile's records stood at this time (ISO 8601 with offset), to reproduce a count quoted earlier.",
                    example = "2026-11-01T00:00:00Z") @QueryParam("knownAt") String knownAt,
            @Parameter(description = "Page of the people counted, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "People per page, 1 to " + PageRequest.MAX_SIZE + ".", example = "20") @QueryParam("size") String size,
            @Context Request request) {
        CountService.Question question = parameters.question(asOf, definition, status, basis, affiliation, citizenship, incidentType, knownAt);
        List<String> groups = CountParameters.groupBy(groupBy);
        PageRequest paging = PageRequest.of(page, size);
        return ETags.okJson(request, answers.json(question, groups, paging));
    }

    @GET
    @Path("/definitions")
    @Operation(operationId = "listCountDefinitions", summary = "List the count definitions",
            description = "Each definition's id, label, plain-language description, the custody states it counts and its narrowing.")
    @APIResponse(responseCode = "200", description = "The definitions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountViews.Definition[].class)))
    public List<CountViews.Definition> definitions() {
        return counts.definitions();
    }
}
