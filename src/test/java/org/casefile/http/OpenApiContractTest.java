package org.casefile.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed openapi/openapi.yaml is the contract; the service must serve exactly it. After an intended
 * change, regenerate it with: mvn test -Dtest=OpenApiContractTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @Test
    void servedDocumentEqualsTheCommittedOne() throws Exception {
        String served = given().accept("application/yaml").when().get("/q/openapi").then()
                .statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(committed, served, "The served OpenAPI document differs from openapi/openapi.yaml. If the change is "
                + "intended, run: mvn test -Dtest=OpenApiContractTest -Dopenapi.update=true and commit the file.");
    }
}
