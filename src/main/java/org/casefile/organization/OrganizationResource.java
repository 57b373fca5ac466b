package org.casefile.organization;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations", description = "Parties, unions, NGOs, courts, state and UN bodies the sources name.")
public class OrganizationResource {

    static final List<String> KINDS = List.of("political_party", "union", "ngo", "network", "community", "court", "state_body",
            "un_body", "military", "media", "legislature", "intergovernmental", "government", "other");

    private final OrganizationService organizations;

    public OrganizationResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GET
    @Operation(operationId = "listOrganizations", summary = "List organisations",
            description = "Organisations by name; `q` matches the name or acronym, `kind` filters by kind.")
    @APIResponse(responseCode = "200", description = "A page of organisations.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed parameter.")
    public Response list(
            @Parameter(description = "Words that must each occur in the name or acronym (part of a word will do): in any order, case aside, as written.", example = "CNRP") @QueryParam("q") String q,
            @Parameter(description = "political_party, union, ngo, network, community, court, state_body, un_body, military, media, "
                    + "legislature, intergovernmental, government or other.", example = "ngo") @QueryParam("kind") String kind,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "20") @QueryParam("size") String size,
            @Context Request request) {
        return ETags.ok(request, organizations.list(q, Params.oneOf("kind", kind, KINDS, null), PageRequest.of(page, size)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOrganization", summary = "Get an organisation",
            description = "The organisation with its members and their roles (each cited), the sources it signed, and its incidents.")
    @APIResponse(responseCode = "200", description = "The organisation.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationViews.Detail.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No organisation has this id.")
    public Response get(@Parameter(description = "Organisation id.", example = "cnrp") @PathParam("id") String id,
                        @Context Request request) {
        return ETags.ok(request, organizations.get(id));
    }

    /** For the OpenAPI document only. */
    @Schema(name = "OrganizationPage")
    public record OrganizationPage(List<OrganizationViews.Summary> items, long total, int page, int size) {
    }
}
