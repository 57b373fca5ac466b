package org.casefile.fact;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fact as an editor writes it: the seed's facts files and POST/PUT /api/facts share this shape, so both go
 * through {@link FactBuilder} and the same checks. Which fields a type takes: seed/README.md.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "FactInput", description = "A fact to record, with the passages that state it. `type` is name, citizenship, affiliation, "
        + "custody, incident, charge or figure; the fields each type takes are those of seed/README.md. Citations are "
        + "{source, quote, prefix?, suffix?}: the server locates each quote and records its offsets.")
public record FactInput(
        @Schema(required = true, examples = "custody") String type,
        @JsonAlias("citations") @Schema(name = "citations", description = "The passages that state the fact: a list of {source, quote, prefix, suffix}.",
                implementation = CitationInput[].class) JsonNode cite,
        String rank, String rankReason, String note, Boolean derived, String derivation,
        @Schema(examples = "rong-chhun") String person, String name, String form, String country, String organization, String role,
        Boolean former, @Schema(examples = "pretrial_detention") String state,
        @Schema(description = "EDTF.", examples = "2020-07-31") String start, String end, String place,
        @Schema(description = "The day the source confirms the state, YYYY-MM-DD.", examples = "2020-08-01") String confirmed,
        String id, String incidentType, String title, String date, String description,
        List<Participant> participants,
        String charge, @JsonProperty("case") String legalCase, String incident, String court, String stage, String outcome,
        String sentence, BigDecimal sentenceYears, Boolean inAbsentia,
        Long value, String qualifier, String counted, String category, String asOf,
        @Schema(description = "Why this version is written; required when changing a fact.", examples = "The letter of 20 November 2026 gives the exact day.")
        String reason,
        @Schema(description = "Hide the fact from everyone but editors.") Boolean restricted) {

    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "ParticipantInput")
    public record Participant(String person, String organization, String role, String nameAsWritten,
                              @JsonAlias("citations") @Schema(name = "citations", implementation = CitationInput[].class) JsonNode cite) {
    }

    @Schema(name = "CitationInput", description = "A quote from a source; the server finds it and records the offsets.")
    public record CitationInput(@Schema(required = true, examples = "new-arrest-letter-2026") String source,
                                @Schema(required = true, examples = "was arrested on 20 November 2026") String quote,
                                String prefix, String suffix) {
    }
}
