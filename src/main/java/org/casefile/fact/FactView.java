package org.casefile.fact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Fact", description = "One fact, at one version: what it states (`fields`, by kind), its rank, who recorded it, when and why, "
        + "and its citations.")
public record FactView(
        @Schema(examples = "412") long id,
        @Schema(examples = "custody") String kind,
        @Schema(description = "1 for the first version; each change adds one.", examples = "2") int version,
        @Schema(examples = "normal") String rank, String rankReason, boolean derived, String derivation, String note,
        OffsetDateTime recordedAt, String recordedBy,
        @Schema(description = "Why this version was written.") String reason,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, implementation = java.util.Map.class,
                description = "What the fact states, by kind: the columns of its table (e.g. person_id, state, start_edtf, confirmed_on).")
        JsonNode fields,
        List<CitationView> citations,
        @Schema(description = "In history: when this version was replaced, and by whom.") OffsetDateTime supersededAt,
        String supersededBy) {
}
