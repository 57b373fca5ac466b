package org.casefile.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.casefile.fact.CitationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SourceClaim", description = "One fact a source states, with the passage that states it.")
public record SourceClaim(
        long factId,
        @Schema(description = "name, citizenship, affiliation, custody, incident, involvement, charge or figure.", examples = "custody") String kind,
        @Schema(description = "person, organization or incident; absent for figures.", examples = "person") String subjectType,
        @Schema(examples = "meach-sovannara") String subject,
        @Schema(description = "The fact in words.", examples = "custody: imprisoned, confirmed 2016-01-25") String statement,
        String rank,
        CitationView citation) {
}
