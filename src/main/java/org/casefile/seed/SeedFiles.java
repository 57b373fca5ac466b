package org.casefile.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The shapes of the seed YAML files; seed/README.md documents them for editors. */
final class SeedFiles {

    private SeedFiles() {
    }

    record Sources(List<SourceSpec> sources) {
    }

    record SourceSpec(String id, String file, List<Integer> lines, String title, String kind, String date,
                      String dateNote, List<String> authors, List<SignatorySpec> signatories,
                      List<String> recipients, List<RelationSpec> relations) {
    }

    record SignatorySpec(String name, String organization, String person, String role) {
    }

    record RelationSpec(String type, String source, String note) {
    }

    record Entities(List<OrganizationSpec> organizations, List<PersonSpec> persons, List<CaseSpec> legalCases) {
    }

    record OrganizationSpec(String id, String name, String acronym, String kind, List<String> aliases) {
    }

    record PersonSpec(String id, String name, Boolean concern) {
    }

    record CaseSpec(String id, String title, String court) {
    }

    record Facts(String source, List<FactSpec> facts) {
    }

    /** Every field any fact type takes; which ones a type requires is checked by {@link SeedImporter}. */
    @JsonIgnoreProperties(value = {}, ignoreUnknown = false)
    record FactSpec(String type, JsonNode cite, String rank, String rankReason, String note, Boolean derived,
                    String derivation,
                    // name, citizenship, affiliation, custody, charge
                    String person, String name, String form, String country, String organization, String role,
                    Boolean former, String state, String start, String end, String place, String confirmed,
                    // incident
                    String id, String incidentType, String title, String date, String description,
                    List<ParticipantSpec> participants,
                    // charge
                    String charge, @com.fasterxml.jackson.annotation.JsonProperty("case") String legalCase, String incident, String court, String stage, String outcome, String sentence,
                    java.math.BigDecimal sentenceYears, Boolean inAbsentia,
                    // figure
                    Long value, String qualifier, String counted, String category, String asOf) {
    }

    record ParticipantSpec(String person, String organization, String role, String nameAsWritten, JsonNode cite) {
    }
}
