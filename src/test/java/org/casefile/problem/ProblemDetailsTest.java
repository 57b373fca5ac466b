package org.casefile.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets an RFC 9457 answer with a 4xx status and a detail a person can act on. */
@QuarkusTest
class ProblemDetailsTest {

    @ParameterizedTest
    @CsvSource({
            "/api/persons?page=-3, page",
            "/api/persons?size=abc, size",
            "/api/persons?size=0, size",
            "/api/persons?size=100000, size",
            "/api/sources?page=x, page",
    })
    void malformedPagingIs400NamingTheParameter(String url, String parameter) {
        given().when().get(url).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(parameter))
                .body("instance", notNullValue());
    }

    @Test
    void unknownPersonIs404() {
        given().when().get("/api/persons/nobody-at-all").then()
                .statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Person not found"))
                .body("detail", containsString("nobody-at-all"));
    }

    @Test
    void unknownPathIs404() {
        given().when().get("/api/nothing-here").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void wrongMethodIs405() {
        given().when().delete("/api/sources").then()
                .statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType("text/plain").body("quote=x")
                .when().post("/api/sources/joint-letter-kerry-2016-01-25/locate").then()
                .statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void malformedJsonIs400WithoutAStackTrace() {
        given().contentType("application/json").body("{\"quote\": ")
                .when().post("/api/sources/joint-letter-kerry-2016-01-25/locate").then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", not(containsString("at org.")));
        given().contentType("application/json").body("{\"quote\": [1, 2]}")
                .when().post("/api/sources/joint-letter-kerry-2016-01-25/locate").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("quote"));
    }

    @Test
    void missingBodyIs400() {
        given().contentType("application/json")
                .when().post("/api/sources/joint-letter-kerry-2016-01-25/locate").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
