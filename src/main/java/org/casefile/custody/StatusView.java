package org.casefile.custody;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Status", description = "A person's custody status on one day, judged from the sources' claims. A letter confirms "
        + "a status on its own date; after it, the last known status is shown only as presumed, with the day it was last confirmed.")
public record StatusView(
        @Schema(examples = "meach-sovannara") String person,
        @Schema(description = "The day asked about.", examples = "2016-01-25") LocalDate asOf,
        @Schema(description = "confirmed: only a claim covering the day gives a status; last_known (default): also the presumed last known status.",
                examples = "last_known", enumeration = {"confirmed", "last_known"}) String basis,
        @Schema(description = "A custody state, or unknown.", examples = "imprisoned") String status,
        @Schema(description = "definite: a claim covers the day for certain; possible: only within an imprecise date; "
                + "presumed: no claim covers the day, but the latest claim before it was not ended or followed by another (last known status); "
                + "unknown: none of these.",
                examples = "definite", enumeration = {"definite", "possible", "presumed", "unknown"}) String certainty,
        @Schema(description = "The start of the status as stated (EDTF), where a source states it.", examples = "2015-07") String since,
        @Schema(description = "The last day a source confirms this status.", examples = "2016-01-25") LocalDate lastConfirmed,
        @Schema(description = "When presumed: the first day no source confirms, from which the status is presumed.", examples = "2016-01-26")
        LocalDate presumedSince,
        @Schema(description = "True when the claims the status rests on disagree about the state.") boolean disputed,
        @Schema(description = "The claims the status rests on, the one confirmed latest first (preferred before normal).") List<Claim> claims,
        @Schema(description = "When the status is unknown: the nearest claims before and after the day.") List<Claim> nearest) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CustodyClaim", description = "One source's custody claim, with the days it covers definitely and possibly.")
    public record Claim(long factId, String state, String start, String end, LocalDate confirmed,
                        @Schema(description = "First and last day the claim covers for certain (absent when none).") LocalDate definiteFrom,
                        LocalDate definiteTo,
                        @Schema(description = "First and last day the claim may cover (absent = open).") LocalDate possibleFrom,
                        LocalDate possibleTo,
                        String rank,
                        @Schema(description = "How the claim bears on the day: definite, possible, presumed (the status is presumed from it); absent when it does not.",
                                enumeration = {"definite", "possible", "presumed"}) String certainty,
                        List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StatusRun", description = "A run of days over which a person's status, as judged from the claims, is the same.")
    public record Run(@Schema(description = "First day; absent when no source dates the start of the claim it rests on "
                              + "(it covers every day before).", examples = "2020-07-31") LocalDate from,
                      @Schema(description = "Last day; absent while it runs on (a presumed or lasting status).") LocalDate to,
                      @Schema(examples = "arrested") String status,
                      @Schema(enumeration = {"definite", "possible", "presumed"}) String certainty,
                      String since, LocalDate lastConfirmed, LocalDate presumedSince, boolean disputed,
                      @Schema(description = "The custody facts it rests on, the one confirmed latest first.") List<Long> facts) {
    }

    @Schema(name = "Passage", description = "A passage of a source: `text[start:end]` of GET /api/sources/{source}/text (code points).")
    public record Passage(@Schema(examples = "ngo-letter-kerry-2016-01-24") String source,
                          @Schema(examples = "1234") int start, @Schema(examples = "1266") int end) {
    }
}
