package org.casefile.source;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.casefile.http.ETags;
import org.casefile.http.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "The letters and statements, stored verbatim, that every fact cites.")
public class SourceResource {

    private final SourceService sources;
    private final SourceWriteService writes;

    public SourceResource(SourceService sources, SourceWriteService writes) {
        this.sources = sources;
        this.writes = writes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "createSource", summary = "Store a new source",
            description = "Stores the text verbatim with its SHA-256; it is never edited afterwards. The same text again is a 409 naming the source "
                    + "that holds it.")
    @APIResponse(responseCode = "201", description = "Stored; Location is the new source.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceViews.Detail.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "409", description = "This exact text is stored already; `existing` names the source.")
    @APIResponse(responseCode = "422", description = "Missing text or title, unknown kind, or a date that is not EDTF.")
    public Response create(NewSource source) {
        SourceViews.Detail created = writes.create(source);
        return Response.created(URI.create("/api/sources/" + created.id())).entity(created).tag(ETags.of(created)).build();
    }

    @POST
    @Path("/{id}/mentions")
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "listSourceMentions", summary = "Find known names in a source",
            description = "Every name form of a known person and every organisation name or acronym that stands in the source, with offsets, "
                    + "in text order: the quotes to cite when recording what the source says.")
    @APIResponse(responseCode = "200", description = "The mentions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceWriteService.Mention[].class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No source has this id.")
    public java.util.List<SourceWriteService.Mention> mentions(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id) {
        return writes.mentions(id);
    }

    @GET
    @Operation(operationId = "listSources", summary = "List sources",
            description = "Every source, oldest first, with its SHA-256 so a copy can be checked against the stored text.")
    @APIResponse(responseCode = "200", description = "A page of sources.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourcePage.class)))
    @APIResponse(responseCode = "400", description = "A malformed page or size.")
    public Response list(
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + " (default " + PageRequest.DEFAULT_SIZE + ").", example = "20")
            @QueryParam("size") String size,
            @Context Request request) {
        return ETags.ok(request, sources.list(PageRequest.of(page, size)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSource", summary = "Get one source",
            description = "The source's metadata: date, authors, signatories in the document's order, recipients, and links to related sources.")
    @APIResponse(responseCode = "200", description = "The source.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceViews.Detail.class)))
    @APIResponse(responseCode = "404", description = "No source has this id.")
    public Response get(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id,
            @Context Request request) {
        return ETags.ok(request, sources.get(id));
    }

    @GET
    @Path("/{id}/text")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    @Operation(operationId = "getSourceText", summary = "Get a source's stored text",
            description = "Exactly the stored text, byte for byte as received. Citation offsets are Unicode code points into it. "
                    + "A file holding several sources is served whole; the source's `section` says which part is its own.")
    @APIResponse(responseCode = "200", description = "The verbatim text.",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No source has this id.")
    public Response text(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id,
            @Context Request request) {
        return ETags.ok(request, sources.text(id), MediaType.TEXT_PLAIN + ";charset=UTF-8");
    }

    @GET
    @Path("/{id}/claims")
    @Operation(operationId = "listSourceClaims", summary = "List what one source says, fact by fact",
            description = "Every fact the source states, in the order of the passages in its text, each with its citation: "
                    + "the view to check a letter against the database.")
    @APIResponse(responseCode = "200", description = "A page of claims.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed page or size.")
    @APIResponse(responseCode = "404", description = "No source has this id.")
    public Response claims(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "50") @QueryParam("size") String size,
            @Context Request request) {
        return ETags.ok(request, sources.claims(id, PageRequest.of(page, size)));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getSourceHistory", summary = "List every version of a source's metadata",
            description = "Oldest first, with who recorded each version, when and why. The stored text never changes.")
    @APIResponse(responseCode = "200", description = "The versions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceService.Version[].class)))
    @APIResponse(responseCode = "404", description = "No source has this id.")
    public java.util.List<SourceService.Version> history(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id) {
        return sources.history(id);
    }

    @POST
    @Path("/{id}/locate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "locateQuote", summary = "Find a quote in a source",
            description = "Answers the code-point offsets of a quote in the source's text, exactly as a citation would record them. "
                    + "Use it to check a quote before citing it, or to pull the passage as written.")
    @APIResponse(responseCode = "200", description = "The passage.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocatedPassage.class)))
    @APIResponse(responseCode = "400", description = "No quote, or malformed JSON.")
    @APIResponse(responseCode = "404", description = "No source has this id.")
    @APIResponse(responseCode = "415", description = "The body is not application/json.")
    @APIResponse(responseCode = "422", description = "The quote is not in the source, or stands in more than one place.")
    public LocatedPassage locate(
            @Parameter(description = "Source id.", example = "joint-letter-kerry-2016-01-25") @PathParam("id") String id,
            LocateRequest request) {
        return sources.locate(id, request);
    }

    /** For the OpenAPI document only. */
    @Schema(name = "SourceClaimPage")
    public record ClaimPage(java.util.List<SourceClaim> items, long total, int page, int size) {
    }

    /** For the OpenAPI document only: Page of source summaries. */
    @Schema(name = "SourcePage")
    public record SourcePage(java.util.List<SourceViews.Summary> items, long total, int page, int size) {
    }
}
