package org.casefile.draft;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Map;
import org.casefile.http.ExpensiveRequests;
import org.casefile.http.Params;
import org.casefile.http.Today;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/drafts")
@Tag(name = "Drafts", description = "Letter paragraphs rendered from templates, every number and name footnoted to its passages.")
public class DraftResource {

    /** Long enough for a letter, short enough that one request cannot tie up the service. */
    static final int MAX_TEMPLATE = 100_000;

    private final DraftService drafts;
    private final ExpensiveRequests expensive;
    /** Each placeholder may be a count over everyone: a bound on what one request can ask. */
    private final int maxPlaceholders;

    public DraftResource(DraftService drafts, ExpensiveRequests expensive,
                         @ConfigProperty(name = "casefile.limits.draft-placeholders", defaultValue = "50") int maxPlaceholders) {
        this.drafts = drafts;
        this.expensive = expensive;
        this.maxPlaceholders = maxPlaceholders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renderDraft", summary = "Render a draft with counts, figures, names and footnotes",
            description = "Replaces each placeholder with what the data says on `asOf` and a footnote marker for every passage it "
                    + "rests on; footnotes are numbered in order of first use and shared between claims. Placeholders: "
                    + "{{asOf}}; {{count status=detained}} or {{count definition=cnrp_detained affiliation=CNRP}}; "
                    + "{{list status=detained}}; {{figure id=57}} or {{figure source=... category=...}} (show=number|full); "
                    + "{{person rong-chhun}}. Anyone may render a draft; nothing is stored.")
    @APIResponse(responseCode = "200", description = "The rendered draft.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftViews.Draft.class)))
    @APIResponse(responseCode = "400", description = "A malformed template, an unknown placeholder or filter (named, with its "
            + "position), or a bad asOf or format.")
    @APIResponse(responseCode = "422", description = "More placeholders than a draft may hold (casefile.limits.draft-placeholders, "
            + "default 50): the problem gives the limit and the number found.")
    @APIResponse(responseCode = "503", description = "Busy: as many large or judged drafts are being rendered as Casefile allows "
            + "at once, or a statement ran past its time limit; Retry-After says when to ask again.")
    public DraftViews.Draft render(DraftViews.Request request) {
        if (request == null || request.template() == null || request.template().isBlank()) {
            throw ProblemException.badParameter("template", "'template' is required: the text to render, with placeholders "
                    + "such as {{count status=detained}}.");
        }
        if (request.template().length() > MAX_TEMPLATE) {
            throw ProblemException.badParameter("template", "'template' may hold at most " + MAX_TEMPLATE
                    + " characters; got " + request.template().length() + ".");
        }
        DraftFormat format = DraftFormat.of(Params.oneOf("format", request.format(), DraftFormat.IDS, "markdown"));
        LocalDate asOf = Params.date("asOf", request.asOf(), Today.date());
        Template template = Template.parse(request.template());
        long placeholders = template.placeholders();
        if (placeholders > maxPlaceholders) {
            throw new ProblemException(422, "Too many placeholders", "A draft may hold at most " + maxPlaceholders
                    + " placeholders; this template has " + placeholders + ". Split it into several drafts, or name people "
                    + "with one {{list ...}} instead of a {{person ...}} each.",
                    Map.of("parameter", "template", "limit", maxPlaceholders, "found", placeholders));
        }
        try (ExpensiveRequests.Permit permit = placeholders > ExpensiveRequests.LARGE_DRAFT_PLACEHOLDERS
                ? expensive.enter(ExpensiveRequests.Kind.LARGE_DRAFT) : ExpensiveRequests.NONE) {
            return drafts.render(template, asOf, format, Params.instant("knownAt", request.knownAt()),
                    request.notes() == null || request.notes());
        }
    }
}
