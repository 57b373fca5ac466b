package org.casefile.draft;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.casefile.count.CountViews;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What POST /api/drafts takes and answers. */
public final class DraftViews {

    @Schema(name = "DraftRequest", description = "A template with placeholders in double braces, and how to render it.")
    public record Request(
            @Schema(required = true, description = "The text with placeholders: {{asOf}}, {{count ...}}, {{list ...}}, {{figure ...}}, "
                    + "{{person <id>}}; count, list and person take basis=last_known (default) or basis=confirmed.",
                    examples = "As of {{asOf}}, at least {{count definition=cnrp_detained}} people associated with the CNRP remained in detention.")
            String template,
            @Schema(description = "The day the draft speaks of, YYYY-MM-DD; today (UTC) when absent.", examples = "2021-03-23") String asOf,
            @Schema(description = "markdown (default), text or html.", enumeration = {"markdown", "text", "html"}, examples = "markdown")
            String format,
            @Schema(description = "Render from Casefile's records as they stood at this time (ISO 8601 with offset), to reproduce an earlier draft.")
            String knownAt,
            @Schema(description = "Append the notes (footnote texts) to the text; default true.") Boolean notes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Footnote", description = "A passage a rendered number or name rests on: text[start:end] of GET /api/sources/{source}/text.")
    public record Footnote(
            @Schema(description = "The footnote's number, in order of first use.", examples = "1") int n,
            @Schema(examples = "joint-statement-2021-03-23") String source,
            @Schema(description = "The source's title.") String title,
            @Schema(description = "The source's date as stated (EDTF).", examples = "2021-03-23") String date,
            @Schema(description = "The passage exactly as the source text has it between start and end.") String quote,
            @Schema(description = "Code-point offset of the passage in the source text.") int start,
            @Schema(description = "Code-point offset just past the passage.") int end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RenderedPlaceholder", description = "What one placeholder became and what it rests on.")
    public record Rendered(
            @Schema(description = "The placeholder as written.", examples = "{{count status=detained}}") String placeholder,
            @Schema(description = "Code-point offset of the placeholder in the template.") int position,
            int line, int column,
            @Schema(description = "The text that replaced it, with its footnote markers.") String text,
            @Schema(description = "The footnotes it uses.") List<Integer> footnotes,
            @Schema(description = "For {{count}} and {{list}}: the count definition applied.") CountViews.Definition definition,
            @Schema(description = "For {{count}} and {{list}}: the number of people under the basis; for {{figure}}: the value.") Long number,
            @Schema(description = "For {{count}} and {{list}}: the basis counted, last_known (default) or confirmed.",
                    enumeration = {"confirmed", "last_known"}) String basis,
            @Schema(description = "For {{count}} and {{list}}: both totals, confirmed and last known, side by side.") CountViews.Totals totals) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Draft", description = "The rendered text, its footnotes, and what it rests on, so the writer can cite it and "
            + "the same request on the same data gives the same text.")
    public record Draft(
            String text,
            @Schema(enumeration = {"markdown", "text", "html"}) String format,
            @Schema(description = "The day the draft speaks of.") LocalDate asOf,
            @Schema(description = "When the data was read.") OffsetDateTime readAt,
            @Schema(description = "The record time asked for, if any.") OffsetDateTime knownAt,
            List<Footnote> footnotes,
            List<Rendered> placeholders,
            @Schema(description = "Things the writer should check, e.g. a count of no one.") List<String> warnings) {
    }

    private DraftViews() {
    }
}
