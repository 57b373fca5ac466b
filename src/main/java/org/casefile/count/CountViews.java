package org.casefile.count;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.casefile.fact.CitationView;
import org.casefile.http.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What GET /api/counts and GET /api/counts/definitions answer. */
public final class CountViews {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CountDefinition", description = "What a count counts, in plain words: people whose custody status on the day "
            + "is one of the states, optionally narrowed by affiliation or incident type.")
    public record Definition(
            @Schema(description = "The definition's id; status:<value> for an unnamed status=... count.", examples = "detained") String id,
            @Schema(examples = "Detained") String label,
            @Schema(examples = "People whom a source places under arrest, in pre-trial detention or in prison on the day.") String description,
            @Schema(description = "The custody states counted (DESIGN's vocabulary).") List<String> states,
            @Schema(description = "Only people affiliated with this organisation (id), when set.", examples = "cnrp") String organization,
            @Schema(description = "Only people named as victim or target of an incident of this type, when set.", examples = "arrest")
            String incidentType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CountNarrowing", description = "Narrowing asked for on top of the definition's own.")
    public record Narrowing(String affiliation, String citizenship, String incidentType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CountGroup", description = "One row of a breakdown.")
    public record Group(
            @Schema(description = "The state, organisation id or country; absent for the people with none recorded.", examples = "cnrp") String key,
            @Schema(description = "The organisation's name, for affiliation breakdowns.") String label,
            long total, long definite, long possible,
            @Schema(description = "Counted on their last known status only (basis=last_known).") long presumed) {
    }

    @Schema(name = "CountTotals", description = "Both totals, side by side, whichever basis the answer counts.")
    public record Totals(
            @Schema(description = "People whose status on the day a source's claim covers (definite or possible).", examples = "0") long confirmed,
            @Schema(description = "Those and the people whose last known status, which no later source ends, is in the states (presumed).",
                    examples = "3") long lastKnown) {
    }

    @Schema(name = "CountSource", description = "A source whose passages back the counted status of at least one counted person.")
    public record SourceUse(String id, String title,
                            @Schema(description = "The source's date as stated (EDTF).") String date,
                            @Schema(description = "How many counted people it backs.") long people) {
    }

    @Schema(name = "CountedPerson", description = "One person counted, with the status judged and the passages it rests on.")
    public record CountedPerson(String id, String name,
                                @Schema(examples = "pretrial_detention") String status,
                                @Schema(enumeration = {"definite", "possible", "presumed"}) String certainty,
                                @Schema(description = "The last day a source confirms this status.") LocalDate lastConfirmed,
                                @Schema(description = "When presumed: the first day no source confirms.") LocalDate presumedSince,
                                @Schema(description = "True when the claims covering the day disagree.") boolean disputed,
                                @Schema(description = "The citations of the claims covering the day, the counted state's first.")
                                List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Count", description = "A count computed from Casefile's person-level records on one day, with what it rests on.")
    public record Count(
            @Schema(description = "The day counted.", examples = "2021-03-23") LocalDate asOf,
            Definition definition,
            @Schema(description = "What the people counted rest on: last_known (default: also the presumed last known status) or confirmed.",
                    enumeration = {"confirmed", "last_known"}) String basis,
            Narrowing narrowing,
            @Schema(description = "When the data was read: cite it with the count.") OffsetDateTime readAt,
            @Schema(description = "The record time asked for: the count is as Casefile's records stood then.") OffsetDateTime knownAt,
            @Schema(description = "People counted under the basis: definite + possible (+ presumed under last_known).", examples = "12") long total,
            Totals totals,
            @Schema(description = "Counted on a claim that covers the day for certain.") long definite,
            @Schema(description = "Counted on a claim whose imprecise dates may cover the day.") long possible,
            @Schema(description = "Counted on their last known status: no claim covers the day.") long presumed,
            @Schema(description = "Counted people whose sources disagree about the day.") long disputed,
            @Schema(description = "People with custody records (matching any narrowing) whose status on the day no source confirms.")
            long unconfirmed,
            @Schema(description = "The last day any source confirms any custody status.") LocalDate latestConfirmation,
            @Schema(description = "The earliest lastConfirmed of the people in the states by last known status only: how old the oldest presumption is.")
            LocalDate oldestPresumption,
            @Schema(description = "The breakdowns asked for with groupBy, by status, affiliation or citizenship. A person "
                    + "with several affiliations or citizenships is in each of their groups.") Map<String, List<Group>> breakdown,
            @Schema(description = "One page of the people counted, by name.") Page<CountedPerson> people,
            @Schema(description = "How many sources the count rests on.") long sourceCount,
            @Schema(description = "The sources the count rests on, those backing most people first (at most 50).") List<SourceUse> sources,
            @Schema(description = "What the count does and does not say, in words, for the letter that quotes it.") List<String> caveats) {
    }

    private CountViews() {
    }
}
