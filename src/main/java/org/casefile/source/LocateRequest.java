package org.casefile.source;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LocateRequest", description = "A quote to find in a source. Whitespace and typographic quote marks are folded; "
        + "a prefix or suffix (the words just before or after) chooses between repeats.")
public record LocateRequest(
        @Schema(required = true, examples = "is currently serving a 20 year sentence") String quote,
        @Schema(examples = "Meach Sovannara, is a US citizen and") String prefix,
        @Schema(examples = "for false insurrection charges") String suffix) {
}
