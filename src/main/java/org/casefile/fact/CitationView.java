package org.casefile.fact;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A citation as the API shows it: the source, the quote, and the passage's code-point offsets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Citation", description = "The passage a fact rests on. `text[start:end]` of GET /api/sources/{source}/text "
        + "(Unicode code points, end exclusive) is the quote as written; the quote itself has whitespace folded.")
public record CitationView(
        @Schema(description = "Source id.", examples = "joint-letter-kerry-2016-01-25") String source,
        @Schema(description = "The quoted passage, whitespace folded.", examples = "Meach Sovannara, is a US citizen") String quote,
        @Schema(description = "Code-point offset of the passage's first character in the source text.", examples = "1234") int start,
        @Schema(description = "Code-point offset just past the passage's last character.", examples = "1266") int end,
        @Schema(description = "Words just before the quote, where given to choose between repeats.") String prefix,
        @Schema(description = "Words just after the quote, where given to choose between repeats.") String suffix) {

    public static CitationView of(Citation c) {
        return new CitationView(c.sourceId, c.quote, c.start, c.end, c.prefix, c.suffix);
    }
}
