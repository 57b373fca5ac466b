package org.casefile.figure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reported figure as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Figure", description = "A number a source reports, as stated: never averaged or merged with another. Figures "
        + "that disagree are separate figures, each with its own citations.")
public record FigureViews(
        @Schema(description = "The figure's fact id: stable, use it in {{figure id=...}}.", examples = "57") long id,
        @Schema(examples = "24") long value,
        @Schema(enumeration = {"exact", "at_least", "more_than", "about", "at_most"}, examples = "exact") String qualifier,
        @Schema(description = "The value with its qualifier in words.", examples = "at least 24") String stated,
        @Schema(description = "What was counted, in the source's words.",
                examples = "individuals are imprisoned or detained as political prisoners") String counted,
        @Schema(description = "A curator's label grouping figures that measure the same thing.", examples = "political_prisoners")
        String category,
        @Schema(description = "The day the figure describes, as stated (EDTF).", examples = "2016-01-25") String asOf,
        @Schema(description = "Earliest day the as-of date can be.") LocalDate asOfEarliest,
        @Schema(description = "Latest day the as-of date can be.") LocalDate asOfLatest,
        @Schema(description = "The source that reports it (its first citation's source).", examples = "joint-letter-kerry-2016-01-25")
        String source,
        @Schema(description = "The reporting source's title.") String sourceTitle,
        @Schema(description = "The reporting source's date as stated (EDTF).") String sourceDate,
        String rank,
        String note,
        List<CitationView> citations) {

    /** "24", "at least 24", "more than 24", "about 24", "at most 24". */
    public static String stated(String qualifier, long value) {
        return switch (qualifier) {
            case "at_least" -> "at least " + value;
            case "more_than" -> "more than " + value;
            case "about" -> "about " + value;
            case "at_most" -> "at most " + value;
            default -> Long.toString(value);
        };
    }
}
