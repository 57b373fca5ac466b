package org.casefile.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.casefile.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * One rule for the OpenAPI document: every error answer (4xx, 5xx) is a problem document (ProblemMappers), so each
 * operation's error responses are declared with their status and description only, and get that content here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesOpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null && response.getRef() == null) {
                response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
            }
        });
        return operation;
    }
}
