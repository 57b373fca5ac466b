package org.casefile.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class OrganizationViews {

    private OrganizationViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationSummary")
    public record Summary(@Schema(examples = "cnrp") String id,
                          @Schema(examples = "Cambodia National Rescue Party") String name,
                          @Schema(examples = "CNRP") String acronym,
                          @Schema(examples = "political_party") String kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Organization", description = "An organisation with its members and roles as the sources state them, the letters it signed, "
            + "and the incidents it took part in.")
    public record Detail(String id, String name, String acronym, String kind, List<String> aliases,
                         List<Member> members, List<Signed> signed, List<IncidentPart> incidents) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationMember")
    public record Member(long factId, String person, String name, String role, boolean former, List<CitationView> citations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SignedSource", description = "A source the organisation signed, and how the signature is written.")
    public record Signed(String source, String title, String date, int position, String nameAsWritten) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationIncident")
    public record IncidentPart(long factId, String incident, String title, String date, String role, List<CitationView> citations) {
    }
}
