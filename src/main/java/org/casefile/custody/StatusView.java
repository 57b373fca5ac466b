package org.casefile.custody;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Status", description = "A person's custody status on one day, judged from the sources' claims and never extrapolated: "
        + "a letter confirms a status on its own date and says nothing of later days.")
public record StatusView(
        @Schema(examples = "meach-sovannara") String person,
        @Schema(description = "The day asked about.", examples = "2016-01-25") LocalDate asOf,
        @Schema(description = "A custody state, or unknown when no claim covers the day.", examples = "imprisoned") String status,
        @Schema(description = "definite: a claim covers the day for certain; possible: only within an imprecise date; unknown: no claim covers it.",
                examples = "definite", enumeration = {"definite", "possible", "unknown"}) String certainty,
        @Schema(description = "The start of the status as stated (EDTF), where a source states it.", examples = "2015-07") String since,
        @Schema(description = "The last day a source confirms this status.", examples = "2016-01-25") LocalDate lastConfirmed,
        @Schema(description = "True when claims covering the day disagree about the state.") boolean disputed,
        @Schema(description = "The claims covering the day, the one the status rests on first (preferred before normal).") List<Claim> claims,
        @Schema(description = "When no claim covers the day: the nearest claims before and after it.") List<Claim> nearest) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CustodyClaim", description = "One source's custody claim, with the days it covers definitely and possibly.")
    public record Claim(long factId, String state, String start, String end, LocalDate confirmed,
                        @Schema(description = "First and last day the claim covers for certain (absent when none).") LocalDate definiteFrom,
                        LocalDate definiteTo,
                        @Schema(description = "First and last day the claim may cover (absent = open).") LocalDate possibleFrom,
                        LocalDate possibleTo,
                        String rank, String certainty, List<CitationView> citations) {
    }
}
