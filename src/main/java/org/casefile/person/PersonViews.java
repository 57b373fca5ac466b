package org.casefile.person;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
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
            @Schema(description = "Custody status on the asOf day, or unknown when no source covers it.", examples = "arrested") String status,
            @Schema(description = "definite, possible (imprecise dates) or unknown.", examples = "definite") String certainty,
            @Schema(description = "The last day a source confirms that status.", examples = "2020-07-31") LocalDate lastConfirmed,
            @Schema(description = "True when sources disagree about the status on that day.") boolean disputed) {
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
            List<IncidentRole> incidents,
            @Schema(description = "Claims that disagree about the same days; both are kept and shown.")
            List<org.casefile.custody.StatusService.Conflict> conflicts) {
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
            + "`confirmed` is the day the source confirms it; nothing is assumed after that day.")
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
