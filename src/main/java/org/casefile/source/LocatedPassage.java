package org.casefile.source;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LocatedPassage", description = "Where a quote stands in a source: code-point offsets into GET /api/sources/{id}/text "
        + "and the passage exactly as written there.")
public record LocatedPassage(
        @Schema(examples = "joint-letter-kerry-2016-01-25") String source,
        @Schema(description = "The quote, whitespace folded.", examples = "is currently serving a 20 year sentence") String quote,
        @Schema(examples = "1354") int start,
        @Schema(examples = "1393") int end,
        @Schema(description = "The text between start and end as stored, line breaks and all.",
                examples = "is currently serving a 20 year sentence") String passage) {
}
