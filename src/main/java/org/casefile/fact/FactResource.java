package org.casefile.fact;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.casefile.http.ETags;
import org.casefile.http.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/facts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Facts", description = "Single facts: read, record, change with a reason, deprecate; every version kept.")
public class FactResource {

    private final FactService facts;

    public FactResource(FactService facts) {
        this.facts = facts;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFact", summary = "Get a fact", description = "The fact's current version with its citations; its ETag is what a change must name in If-Match.")
    @APIResponse(responseCode = "200", description = "The fact.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "The id is not a number.")
    @APIResponse(responseCode = "404", description = "No fact has this id.")
    public Response get(@Parameter(description = "Fact id.", example = "12") @PathParam("id") String id, @Context Request request) {
        return ETags.ok(request, facts.get(id(id)));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getFactHistory", summary = "List every version of a fact",
            description = "Oldest first: what each version stated, its citations, who recorded it, when and why, and when it was replaced.")
    @APIResponse(responseCode = "200", description = "The versions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView[].class)))
    @APIResponse(responseCode = "404", description = "No fact has this id.")
    public List<FactView> history(@Parameter(description = "Fact id.", example = "12") @PathParam("id") String id) {
        return facts.history(id(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "createFact", summary = "Record a fact with its passages",
            description = "Every fact carries at least one citation {source, quote}; the server locates each quote in its source and records "
                    + "the offsets. An incident with participants records one fact per participant too. All or nothing.")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the (first) fact.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView[].class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON.")
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "422", description = "No citation, a quote not in its source, or a field that cannot be recorded; nothing was written.")
    public Response create(FactInput fact) {
        List<FactView> created = facts.create(fact);
        return Response.created(URI.create("/api/facts/" + created.get(0).id())).entity(created)
                .tag(ETags.of(created.get(0))).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "updateFact", summary = "Write a new version of a fact",
            description = "Send the whole fact as it should now read, with a `reason`, and the ETag you read in If-Match. The old version is kept "
                    + "in the fact's history.")
    @APIResponse(responseCode = "200", description = "The new version.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No fact has this id.")
    @APIResponse(responseCode = "412", description = "Someone changed the fact since the version If-Match names.")
    @APIResponse(responseCode = "422", description = "No reason, a quote not located, or a field that cannot be recorded.")
    @APIResponse(responseCode = "428", description = "No If-Match header.")
    public Response update(@Parameter(description = "Fact id.", example = "12") @PathParam("id") String id,
                           @Parameter(description = "The ETag of the version you read.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           FactInput fact) {
        FactView updated = facts.update(id(id), fact, ifMatch);
        return Response.ok(updated).tag(ETags.of(updated)).build();
    }

    @POST
    @Path("/{id}/citations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "addFactCitation", summary = "Cite another passage for a fact",
            description = "A passage of this or another source that states the fact too: located as every citation is, and added in a new "
                    + "version of the fact (the one it replaces stays in history). Send the ETag you read in If-Match.")
    @APIResponse(responseCode = "200", description = "The fact, citing the passage too.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON.")
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No fact has this id.")
    @APIResponse(responseCode = "409", description = "The fact cites this passage already.")
    @APIResponse(responseCode = "412", description = "Someone changed the fact since the version If-Match names.")
    @APIResponse(responseCode = "422", description = "No reason, or a quote not located in its source.")
    @APIResponse(responseCode = "428", description = "No If-Match header.")
    public Response addPassage(@Parameter(description = "Fact id.", example = "12") @PathParam("id") String id,
                               @Parameter(description = "The ETag of the version you read.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               FactService.NewPassage passage) {
        FactView cited = facts.addPassage(id(id), passage, ifMatch);
        return Response.ok(cited).tag(ETags.of(cited)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "deprecateFact", summary = "Deprecate a fact",
            description = "Facts are never deleted: the fact is ranked deprecated with the reason, stops counting, and stays in history.")
    @APIResponse(responseCode = "200", description = "The deprecated fact.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactView.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No fact has this id.")
    @APIResponse(responseCode = "412", description = "Someone changed the fact since the version If-Match names.")
    @APIResponse(responseCode = "422", description = "No reason given.")
    @APIResponse(responseCode = "428", description = "No If-Match header.")
    public Response deprecate(@Parameter(description = "Fact id.", example = "12") @PathParam("id") String id,
                              @Parameter(description = "Why the fact no longer holds.", example = "Misread: the letter speaks of another man.")
                              @QueryParam("reason") String reason,
                              @Parameter(description = "The ETag of the version you read.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FactView deprecated = facts.deprecate(id(id), reason, ifMatch);
        return Response.ok(deprecated).tag(ETags.of(deprecated)).build();
    }

    private static long id(String raw) {
        return Params.integer("id", raw, -1, 1, Integer.MAX_VALUE);
    }
}
