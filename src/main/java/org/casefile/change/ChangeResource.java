package org.casefile.change;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Changes", description = "The feed of every change, for analysts who sync.")
public class ChangeResource {

    private final ChangeService changes;

    public ChangeResource(ChangeService changes) {
        this.changes = changes;
    }

    @GET
    @Operation(operationId = "listChanges", summary = "List changes since a time",
            description = "Every version of a fact, person or source recorded at or after `since`, oldest first: creations, corrections and "
                    + "deprecations, each with who and why. Poll with the time of the last entry you saw.")
    @APIResponse(responseCode = "200", description = "A page of changes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePage.class)))
    @APIResponse(responseCode = "400", description = "A malformed time or page.")
    public Page<ChangeService.Change> list(
            @Parameter(description = "ISO 8601 time with offset, e.g. 2026-11-01T00:00:00Z; default the beginning.", example = "2026-11-01T00:00:00Z")
            @QueryParam("since") String since,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "100") @QueryParam("size") String size) {
        java.time.OffsetDateTime from = org.casefile.http.Params.instant("since", since);
        return changes.since(from == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : from, PageRequest.of(page, size));
    }

    /** For the OpenAPI document only. */
    @Schema(name = "ChangePage")
    public record ChangePage(List<ChangeService.Change> items, long total, int page, int size) {
    }
}
