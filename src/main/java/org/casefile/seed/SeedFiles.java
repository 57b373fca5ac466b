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

    record Facts(String source, List<org.casefile.fact.FactInput> facts) {
    }

}
