package org.casefile.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API shows of sources. */
public final class SourceViews {

    private SourceViews() {
    }

    @Schema(name = "SourceSummary", description = "A source as listed.")
    public record Summary(
            @Schema(description = "Stable, readable id.", examples = "joint-letter-kerry-2016-01-25") String id,
            @Schema(examples = "Joint Letter to US Secretary of State John F. Kerry") String title,
            @Schema(description = "letter, joint_letter, joint_statement, constituent_letter, news_article, un_statement, report or other.",
                    examples = "joint_letter") String kind,
            @Schema(description = "The source's date as EDTF; an interval where the document gives no date of its own.",
                    examples = "2016-01-25") String date,
            @Schema(description = "SHA-256 of the stored text (hex).",
                    examples = "592006a107dcea723efcfb6005170cd6e0f5a94d3474209fbe03b7dddfbe4de5") String sha256,
            @Schema(description = "The file the text came from.", examples = "000_b4a13132b8e4e3e0.txt") String originFile) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Source", description = "A source with its metadata. Citations point into its stored text (GET /api/sources/{id}/text), "
            + "which may hold several sources: `section` says which code points are this one.")
    public record Detail(
            String id, String title, String kind,
            @Schema(description = "EDTF date as stated or bounded.", examples = "2016-01-25") String date,
            @Schema(description = "Earliest day the date can stand for.") LocalDate dateEarliest,
            @Schema(description = "Latest day the date can stand for.") LocalDate dateLatest,
            @Schema(description = "How an undated document was bounded.") String dateNote,
            String sha256, String originFile,
            @Schema(description = "Length of the stored text in Unicode code points.") int textLength,
            Section section,
            List<String> authors, List<String> recipients, List<Signatory> signatories, List<Relation> relations,
            @Schema(description = "true for a restricted source: only editors and admins see it, its text and what cites it (absent "
                    + "otherwise).") Boolean restricted) {
    }

    @Schema(name = "SourceSection", description = "The code points [start, end) of the stored text that are this source.")
    public record Section(int start, int end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Signatory", description = "A signatory as written, in the document's order, with the entity it names.")
    public record Signatory(int position, String name, String organization, String person, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SourceRelation", description = "A link between sources. direction=outgoing reads \"this source <type> source\"; incoming the reverse.")
    public record Relation(
            @Schema(examples = "same_statement_as") String type,
            @Schema(examples = "joint-statement-2021-03-23") String source,
            @Schema(examples = "outgoing") String direction,
            String note) {
    }
}
