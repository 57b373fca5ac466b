package org.casefile.incident;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.casefile.http.ETags;
import org.casefile.http.PageRequest;
import org.casefile.http.Params;
import org.casefile.organization.OrganizationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents", description = "Arrests, assaults, trials, killings and other events the sources describe.")
public class IncidentResource {

    private final IncidentService incidents;
    private final OrganizationService organizations;
    private final org.casefile.fact.FactService facts;

    public IncidentResource(IncidentService incidents, OrganizationService organizations, org.casefile.fact.FactService facts) {
        this.incidents = incidents;
        this.organizations = organizations;
        this.facts = facts;
    }

    @GET
    @Operation(operationId = "listIncidents", summary = "List and filter incidents",
            description = "Incidents oldest first. `from`/`to` match incidents whose possible days overlap the range, so \"July 2015\" "
                    + "matches a range that includes any day of July 2015. Example: every incident involving CNRP members in 2015: "
                    + "`?organization=CNRP&from=2015-01-01&to=2015-12-31` (organisation as participant) or `?person=...`.")
    @APIResponse(responseCode = "200", description = "A page of incidents.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed or unknown parameter value.")
    public Response list(
            @Parameter(description = "Incident type, e.g. arrest, assault, trial, killing, removal_from_office.", example = "arrest") @QueryParam("type") String type,
            @Parameter(description = "A participant's person id.", example = "rong-chhun") @QueryParam("person") String person,
            @Parameter(description = "A participant organisation's id or acronym.", example = "CNRP") @QueryParam("organization") String organization,
            @Parameter(description = "First day, YYYY-MM-DD.", example = "2015-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last day, YYYY-MM-DD.", example = "2015-12-31") @QueryParam("to") String to,
            @Parameter(description = "Words that must each occur in the title, description or place: in any order, case aside, as written (no wildcards).", example = "National Assembly") @QueryParam("q") String q,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "20") @QueryParam("size") String size,
            @Context Request request) {
        Params.DateRange range = Params.range(from, to);
        IncidentService.Search search = new IncidentService.Search(Params.oneOf("type", type, org.casefile.fact.Incident.TYPES, null),
                person == null || person.isBlank() ? null : person.trim(),
                organizations.resolve("organization", organization), range.from(), range.to(), q);
        return ETags.ok(request, incidents.list(search, PageRequest.of(page, size)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIncident", summary = "Get an incident",
            description = "The incident with its participants and roles, its date as stated with earliest and latest day, and citations.")
    @APIResponse(responseCode = "200", description = "The incident.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentViews.Detail.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No incident has this id.")
    public Response get(@Parameter(description = "Incident id.", example = "rong-chhun-arrest-2020-07-31") @PathParam("id") String id,
                        @Context Request request) {
        return ETags.ok(request, incidents.get(id));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getIncidentHistory", summary = "List every version of an incident",
            description = "Oldest first: what each version of the incident stated, its citations, who recorded it, when and why.")
    @APIResponse(responseCode = "200", description = "The versions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = org.casefile.fact.FactView[].class)))
    @APIResponse(responseCode = "404", description = "No incident has this id.")
    public List<org.casefile.fact.FactView> history(
            @Parameter(description = "Incident id.", example = "rong-chhun-arrest-2020-07-31") @PathParam("id") String id) {
        return facts.history(incidents.factId(id));
    }

    /** For the OpenAPI document only. */
    @Schema(name = "IncidentPage")
    public record IncidentPage(List<IncidentViews.Summary> items, long total, int page, int size) {
    }
}
