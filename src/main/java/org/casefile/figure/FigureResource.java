package org.casefile.figure;

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
import org.casefile.problem.ProblemException;
import org.casefile.source.SourceService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/figures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures", description = "Numbers the sources report, each with its citations; disagreeing figures are all listed.")
public class FigureResource {

    private final FigureService figures;
    private final SourceService sources;

    public FigureResource(FigureService figures, SourceService sources) {
        this.figures = figures;
        this.sources = sources;
    }

    @GET
    @Operation(operationId = "listFigures", summary = "List the figures the sources report",
            description = "Figures by the day they describe, then id. Nothing is averaged or merged: two letters reporting 24 and "
                    + "17 a day apart give two figures. Example: the January 2016 figures: `?from=2016-01-01&to=2016-01-31`.")
    @APIResponse(responseCode = "200", description = "A page of figures.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FigurePage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed or unknown parameter value.")
    public Response list(
            @Parameter(description = "Only figures this source reports (source id).", example = "joint-letter-kerry-2016-01-25")
            @QueryParam("source") String source,
            @Parameter(description = "Only figures whose as-of day can fall on or after this day (YYYY-MM-DD).", example = "2016-01-01")
            @QueryParam("from") String from,
            @Parameter(description = "Only figures whose as-of day can fall on or before this day (YYYY-MM-DD).", example = "2016-01-31")
            @QueryParam("to") String to,
            @Parameter(description = "Words that must each occur in what was counted, the category or the note: in any order, case aside, as written (no wildcards).", example = "political prisoners")
            @QueryParam("q") String q,
            @Parameter(description = "Only this category.", example = "political_prisoners") @QueryParam("category") String category,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "20") @QueryParam("size") String size,
            @Context Request request) {
        return ETags.ok(request, figures.list(search(source, from, to, q, category, sources), PageRequest.of(page, size)));
    }

    /** The filters, checked: an unknown source or a range backwards is a 400 naming the parameter. */
    public static FigureService.Search search(String source, String from, String to, String q, String category,
                                              SourceService sources) {
        Params.DateRange range = Params.range(from, to);
        String sourceId = source == null || source.isBlank() ? null : source.trim();
        if (sourceId != null && !sources.exists(sourceId)) {
            throw ProblemException.badParameter("source", "No source has the id '" + sourceId
                    + "'. GET /api/sources lists them with their ids.");
        }
        return new FigureService.Search(sourceId, range.from(), range.to(), q, category == null || category.isBlank() ? null : category.trim());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFigure", summary = "Get a reported figure", description = "One figure with its citations.")
    @APIResponse(responseCode = "200", description = "The figure.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FigureViews.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No figure has this id.")
    public Response get(@Parameter(description = "Figure id.", example = "57") @PathParam("id") String id, @Context Request request) {
        long figureId;
        try {
            figureId = Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Figure", id);
        }
        return ETags.ok(request, figures.get(figureId));
    }

    /** For the OpenAPI document only. */
    @Schema(name = "FigurePage")
    public record FigurePage(List<FigureViews> items, long total, int page, int size) {
    }
}
