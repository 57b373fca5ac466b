package org.casefile.http;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: the items and how many there are in all. */
@Schema(name = "Page", description = "One page of results and the total number of matching items.")
public record Page<T>(
        @Schema(description = "The items of this page, in the documented order.") List<T> items,
        @Schema(description = "How many items match, over all pages.", examples = "42") long total,
        @Schema(description = "This page's number, 0-based.", examples = "0") int page,
        @Schema(description = "The page size used.", examples = "20") int size) {
}
