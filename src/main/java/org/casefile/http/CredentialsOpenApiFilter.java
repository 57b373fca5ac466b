package org.casefile.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.casefile.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * One rule for the OpenAPI document: an operation that takes an account's password (HTTP Basic) takes an API token
 * (Bearer) instead, and may answer 429 when its account or address has had too many failed logins.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CredentialsOpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.stream().noneMatch(r -> r.hasScheme("basic"))
                || security.stream().anyMatch(r -> r.hasScheme("bearer"))) {
            return operation;
        }
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        APIResponses responses = operation.getResponses();
        if (responses != null && !responses.hasAPIResponse("429")) {
            responses.addAPIResponse("429", OASFactory.createAPIResponse()
                    .description("Too many failed logins for the account or from the address: retry after Retry-After seconds.")
                    .addHeader("Retry-After", OASFactory.createHeader()
                            .description("Seconds until a login for the account and the address is checked again.")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        }
        return operation;
    }
}
