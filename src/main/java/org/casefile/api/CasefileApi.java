package org.casefile.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API as a whole, for the OpenAPI document: reads are public, writes take HTTP Basic credentials. */
@OpenAPIDefinition(info = @Info(title = "Casefile API", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "An editor's or admin's username and password. Reads need none.")
public class CasefileApi extends Application {
}
