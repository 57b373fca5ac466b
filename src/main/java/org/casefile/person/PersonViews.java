package org.casefile.person;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.casefile.custody.StatusService;
import org.casefile.custody.StatusView;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API shows of people and the facts about them. Every fact carries its citations. */
public final class PersonViews {

    private PersonViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PersonSummary", description = "A person as listed, with their custody status on the asOf day.")
    public record Summary(
            @Schema(description = "Stable, readable id.", examples = "rong-chhun") String id,
            @Schema(description = "Display name.", examples = "Rong Chhun") String name,
            @Schema(description = "Every other name form the sources use.", examples = "[\"Mr. Rong Chhun\"]") List<String> aliases,
            @Schema(description = "Custody status on the asOf day under the basis asked for, or unknown.", examples = "arrested") String status,
            @Schema(description = "definite, possible (imprecise dates), presumed (the last known status: no source confirms the day) or unknown.",
                    examples = "definite", enumeration = {"definite", "possible", "presumed", "unknown"}) String certainty,
            @Schema(description = "The last day a source confirms that status.", examples = "2020-07-31") LocalDate lastConfirmed,
            @Schema(description = "When presumed: the first day no source confirms.", examples = "2020-08-01") LocalDate presumedSince,
            @Schema(description = "True when sources disagree about the status on that day.") boolean disputed,
            @Schema(description = "The passage the status rests on: the first citation of the claim confirmed latest; absent when unknown.")
            StatusView.Passage restsOn) {

        static Summary of(String id, String name, List<String> aliases, StatusService.Judgement j) {
            return new Summary(id, name, aliases, j.status(), j.certainty(), j.lastConfirmed(), j.presumedSince(), j.disputed(),
                    j.restsOn());
        }
    }

    @Schema(name = "Person", description = "A person with every fact the sources state about them.")
    public record Detail(
            @Schema(examples = "meach-sovannara") String id,
            @Schema(examples = "Meach Sovannara") String name,
            @Schema(description = "Presented by a source as detained, charged, attacked, exiled or otherwise targeted.") boolean concern,
            List<String> aliases,
            List<Name> names,
            List<CitizenshipView> citizenships,
            List<AffiliationView> affiliations,
            List<CustodyView> custody,
            List<ChargeView> charges,
            @Schema(description = "The custody status over time, as judged from the custody facts: runs of days with one status, "
                    + "definite, possible or presumed (the last known status, which runs on until a source ends it).")
            List<StatusView.Run> statusHistory,
            List<IncidentRole> incidents,
            @Schema(description = "Claims that disagree about the same days; both are kept and shown.")
            List<StatusService.Conflict> conflicts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "NameForm", description = "A name as a source writes it.")
    public record Name(long factId, @Schema(examples = "Khem Sokha") String name,
                       @Schema(description = "primary, spelling_variant, romanisation, honorific, short_form or khmer_script.",
                               examples = "spelling_variant") String form,
                       @Schema(description = "The sources that write the name this way.", examples = "[\"ngo-letter-kerry-2016-01-24\"]")
                       List<String> sources,
                       String rank, List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CitizenshipFact")
    public record CitizenshipView(long factId, @Schema(examples = "United States") String country, String rank, String note,
                                  List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AffiliationFact", description = "A membership, office or role as stated.")
    public record AffiliationView(long factId, String organization, String organizationName,
                                  @Schema(examples = "president") String role, String date, boolean former,
                                  String rank, String note, List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CustodyFact", description = "A custody state over valid time, as one source states it. "
            + "`confirmed` is the day the source confirms it; after that day the state is at most presumed (statusHistory), never confirmed.")
    public record CustodyView(long factId,
                              @Schema(examples = "pretrial_detention") String state,
                              @Schema(description = "EDTF start as stated.", examples = "2020-07-31") String start,
                              LocalDate startEarliest, LocalDate startLatest,
                              @Schema(description = "EDTF end as stated.") String end,
                              LocalDate endEarliest, LocalDate endLatest,
                              String place, LocalDate confirmed,
                              String rank, boolean derived, String derivation, String note,
                              List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChargeFact", description = "A charge and how far it went.")
    public record ChargeView(long factId, @Schema(examples = "insurrection") String charge,
                             String legalCase, String incident, String date, String court,
                             @Schema(examples = "convicted") String stage, String outcome,
                             @Schema(examples = "20 years in prison") String sentence, BigDecimal sentenceYears,
                             boolean inAbsentia, String rank, String note, List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PersonIncident", description = "An incident and the person's part in it.")
    public record IncidentRole(long factId, String incident, String incidentType, String title, String date,
                               LocalDate dateEarliest, LocalDate dateLatest, String place,
                               @Schema(examples = "victim") String role, String nameAsWritten,
                               boolean derived, String derivation, List<CitationView> citations) {
    }
}
