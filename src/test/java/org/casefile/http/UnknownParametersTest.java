package org.casefile.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A query parameter the operation does not take is a 400 naming it and the ones it takes, on every endpoint; never
 * silently ignored. (The names the tests send as unknown are ones no operation will take.)
 */
@QuarkusTest
class UnknownParametersTest {

    static final String DRAFT = "{\"template\": \"{{count status=detained}} detained on {{asOf}}\", \"asOf\": \"2016-01-25\"}";

    static ValidatableResponse unknown(ValidatableResponse response, String parameter, String operation) {
        return response.statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Unknown parameter '" + parameter + "'"))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString("Unknown query parameter '" + parameter + "'. " + operation));
    }

    /** Each endpoint: a request that works, the same with an unknown name added, and some names the detail lists. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/persons                      | status=detained&asOf=2016-01-25                  | GET /api/persons                   | q, status, asOf",
            "/api/persons/rong-chhun/status    | asOf=2020-07-31                                  | GET /api/persons/{id}/status       | asOf, basis, knownAt",
            "/api/sources                      | page=0&size=5                                    | GET /api/sources                   | page, size",
            "/api/sources/joint-letter-kerry-2016-01-25/claims | size=5                           | GET /api/sources/{id}/claims       | page, size",
            "/api/incidents                    | organization=CNRP&from=2015-01-01&to=2015-12-31  | GET /api/incidents                 | type, person, organization, from, to, q, page, size",
            "/api/counts                       | asOf=2016-01-25&definition=detained&groupBy=status,citizenship | GET /api/counts | asOf, definition, status",
            "/api/figures                      | from=2016-01-24&to=2016-01-25                    | GET /api/figures                   | source, from, to, q, category, page, size",
            "/api/timeline                     | person=rong-chhun&format=json                    | GET /api/timeline                  | person, organization, incident, type, from, to, source, format",
            "/api/organizations                | q=CNRP                                           | GET /api/organizations             | q, kind, page, size",
            "/api/changes                      | since=2020-01-01T00:00:00Z                       | GET /api/changes                   | since, page, size",
    })
    void anUnknownNameIs400NamingItAndTheAcceptedOnes(String path, String known, String operation, String accepted) {
        given().get(path + "?" + known).then().statusCode(200);
        ValidatableResponse refused = unknown(given().get(path + "?" + known + "&colour=red").then(), "colour", operation)
                .body("detail", containsString(" accepts: " + accepted))
                .body("instance", equalTo(path));
        for (String name : accepted.split(", ")) {
            refused.body("accepted", hasItems(name));
        }
    }

    @Test
    void anOperationThatTakesNoneSaysSo() {
        given().get("/api/persons/rong-chhun").then().statusCode(200);
        unknown(given().get("/api/persons/rong-chhun?colour=red").then(), "colour", "GET /api/persons/{id} takes no query parameters")
                .body("accepted", empty());
        unknown(given().get("/api/sources/joint-letter-kerry-2016-01-25/text?colour=red").then(), "colour",
                "GET /api/sources/{id}/text takes no query parameters");
        unknown(given().get("/api/counts/definitions?colour=red").then(), "colour", "GET /api/counts/definitions");
    }

    @Test
    void aTypoAmongValidParametersIsCaught() {
        // Today's complaint: a misspelt filter answered everyone, as if it were not there.
        unknown(given().get("/api/persons?statu=detained&asOf=2016-01-25").then(), "statu", "GET /api/persons accepts: ")
                .body("accepted", hasItems("status", "asOf"));
        unknown(given().get("/api/counts?asOf=2016-01-25&definiton=detained").then(), "definiton", "GET /api/counts accepts: ");
        unknown(given().get("/api/timeline?format=csv&persons=rong-chhun").then(), "persons", "GET /api/timeline accepts: ");
    }

    @Test
    void theFirstUnknownNameIsTheParameterAndTheOthersAreNamedToo() {
        unknown(given().get("/api/persons?colour=red&q=sokha&shade=dark").then(), "colour", "GET /api/persons accepts: ")
                .body("detail", containsString("Also unknown: 'shade'. Check the spelling, or leave them out."));
        unknown(given().get("/api/persons?shade=dark&colour=red").then(), "shade", "GET /api/persons accepts: ");
    }

    @Test
    void postsFollowTheSameRule() {
        given().contentType("application/json").body(DRAFT).post("/api/drafts").then().statusCode(200);
        unknown(given().contentType("application/json").body(DRAFT).post("/api/drafts?colour=red").then(), "colour",
                "POST /api/drafts takes no query parameters");
        // Refused before the body is read: a body that is not even JSON gets the same answer.
        unknown(given().contentType("application/json").body("{\"quote\": ").post("/api/sources/joint-letter-kerry-2016-01-25/locate?colour=red")
                .then(), "colour", "POST /api/sources/{id}/locate takes no query parameters");
    }

    @Test
    void theBadParameterIsRefusedBeforeAnyWork() {
        // Before the ETag comparison: a request that would be a 304 is still told about the parameter.
        String etag = given().get("/api/sources").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/sources").then().statusCode(304);
        unknown(given().header("If-None-Match", etag).get("/api/sources?colour=red").then(), "colour", "GET /api/sources accepts: ");
        // Before a malformed value of a known parameter is looked at.
        unknown(given().get("/api/persons?size=abc&colour=red").then(), "colour", "GET /api/persons accepts: ");
    }

    @Test
    void credentialsComeFirstWhereTheOperationNeedsThemAndNotOnPublicReads() {
        // An operation for editors checks who is asking first (as it did before this rule): 401, not the parameter.
        given().contentType("application/json").body(Map.of("name", "Nobody")).post("/api/persons?colour=red").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("nobody", "wrong").contentType("application/json").body(Map.of("name", "Nobody"))
                .post("/api/persons?colour=red").then().statusCode(401).contentType("application/problem+json");
        given().delete("/api/facts/1?reasn=duplicate").then().statusCode(401);
        given().get("/api/accounts?colour=red").then().statusCode(401);
        // A public read looks at credentials only when it reads the data, after its parameters: like a malformed value,
        // an unknown name is a 400 whatever the credentials.
        given().auth().preemptive().basic("nobody", "wrong").get("/api/persons?size=abc").then().statusCode(400);
        unknown(given().auth().preemptive().basic("nobody", "wrong").get("/api/persons?colour=red").then(), "colour",
                "GET /api/persons accepts: ");
        given().auth().preemptive().basic("nobody", "wrong").get("/api/persons?size=1").then().statusCode(401);
    }

    @Test
    void aNameIsKnownInAnyCaseAsTheFrameworkBindsItAndStraySeparatorsAreNoParameter() throws Exception {
        // Vert.x reads query names case-insensitively, so SIZE fills 'size': it is known, and its value is checked.
        given().get("/api/persons?SIZE=abc").then().statusCode(400).body("parameter", equalTo("size"));
        given().get("/api/persons?Size=1").then().statusCode(200).body("size", equalTo(1));
        assertEquals(200, raw("/api/persons?&size=1&").statusCode());
        assertEquals(200, raw("/api/persons?").statusCode());
        assertEquals(200, raw("/api/persons/rong-chhun?").statusCode());
    }

    /** Sent exactly as written: REST Assured sends neither an empty name nor an empty query. */
    static HttpResponse<String> raw(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointsOutsideTheApiAreLeftAlone() {
        given().get("/q/health/ready?colour=red").then().statusCode(200);
        given().accept("application/yaml").get("/q/openapi?colour=red").then().statusCode(200);
        given().get("/api/nothing-here?colour=red").then().statusCode(404).body("parameter", not(equalTo("colour")));
    }

    /** A bean parameter (record, nested bean, unannotated), @RestQuery by its Java name, and the class's own field. */
    static class Declarations {
        @jakarta.ws.rs.QueryParam("fromField")
        String fromField;

        record Filters(@jakarta.ws.rs.QueryParam("status") String status, @org.jboss.resteasy.reactive.RestQuery String asOf) {
        }

        static class Paging {
            @jakarta.ws.rs.QueryParam("page")
            String page;
            @jakarta.ws.rs.BeanParam
            Nested nested;
        }

        static class Nested {
            @jakarta.ws.rs.QueryParam("size")
            String size;
        }

        public void operation(@jakarta.ws.rs.QueryParam("q") String q, @jakarta.ws.rs.BeanParam Filters filters, Paging paging,
                              @org.jboss.resteasy.reactive.RestQuery String sort, String body) {
        }
    }

    @Test
    void theAcceptedNamesAreReadFromEveryKindOfDeclarationInOrder() throws Exception {
        java.lang.reflect.Method operation = java.util.Arrays.stream(Declarations.class.getMethods())
                .filter(m -> m.getName().equals("operation")).findFirst().orElseThrow();
        KnownQueryParameters.Accepted accepted = KnownQueryParameters.accepted(Declarations.class, operation);
        assertEquals(java.util.List.of("q", "status", "asOf", "page", "size", "sort", "fromField"), accepted.names());
        org.junit.jupiter.api.Assertions.assertTrue(accepted.knows("ASOF"));
        org.junit.jupiter.api.Assertions.assertFalse(accepted.knows("colour"));
        // Not Casefile's own: every name is known.
        java.lang.reflect.Method foreign = Object.class.getMethod("toString");
        org.junit.jupiter.api.Assertions.assertTrue(KnownQueryParameters.accepted(Object.class, foreign).knows("colour"));
    }
}
