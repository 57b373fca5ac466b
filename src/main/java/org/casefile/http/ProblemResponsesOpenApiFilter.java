package org.casefile.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.casefile.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Two rules for the OpenAPI document: every error answer (4xx, 5xx) is a problem document (ProblemMappers), so each
 * operation's error responses are declared with their status and description only, and get that content here; and an
 * operation that asks for credentials answers 401 without them, declared here once.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesOpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty() && !operation.getResponses().hasAPIResponse("401")) {
            operation.getResponses().setAPIResponses(withUnauthorized(operation.getResponses().getAPIResponses()));
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null && response.getRef() == null) {
                response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
            }
        });
        return operation;
    }

    /** The responses with 401 before the first declared after it, as if declared in order with the rest. */
    private static Map<String, APIResponse> withUnauthorized(Map<String, APIResponse> responses) {
        Map<String, APIResponse> out = new LinkedHashMap<>();
        APIResponse unauthorized = OASFactory.createAPIResponse().description("No or wrong credentials.");
        responses.forEach((code, response) -> {
            if (!out.containsKey("401") && code.compareTo("401") > 0) {
                out.put("401", unauthorized);
            }
            out.put(code, response);
        });
        out.putIfAbsent("401", unauthorized);
        return out;
    }
}
