package org.casefile.http;

import jakarta.ws.rs.core.Application;
import org.casefile.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API as a whole, for the OpenAPI document: reads are public, writes take HTTP Basic credentials or an API token
 * ({@link CredentialsOpenApiFilter} adds the token wherever the password is taken); every error is a Problem
 * ({@link ProblemResponsesOpenApiFilter} says so on every error response).
 */
@OpenAPIDefinition(info = @Info(title = "Casefile API", version = "0.1.0"),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "An editor's or admin's username and password. Reads need none.")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (cf_…) made at POST /api/accounts/me/tokens: acts for its owner with the token's role.")
public class CasefileApi extends Application {
}
