package org.casefile.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class IncidentViews {

    private IncidentViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "IncidentSummary")
    public record Summary(@Schema(examples = "rong-chhun-arrest-2020-07-31") String id,
                          @Schema(examples = "arrest") String type,
                          @Schema(examples = "Arrest of Rong Chhun") String title,
                          @Schema(description = "EDTF date as stated.", examples = "2020-07-31") String date,
                          LocalDate dateEarliest, LocalDate dateLatest, String place) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Incident", description = "An incident with its participants and roles, the date as stated with its bounds, and citations.")
    public record Detail(String id, String type, String title, String date, LocalDate dateEarliest, LocalDate dateLatest,
                         String place, String description, boolean derived, String derivation, String rank,
                         List<CitationView> citations, List<Participant> participants) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "IncidentParticipant")
    public record Participant(long factId, String person, String organization, String name,
                              @Schema(examples = "victim") String role, String nameAsWritten, List<CitationView> citations) {
    }
}
