package org.casefile.person;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casefile.citation.CitationLocator;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PersonResourceTest {

    @Test
    void aKeptDocumentIsServedExactlyAsItWasBuilt() {
        // The first public read builds and keeps the document (the builder is off in tests), on a worker; the next
        // reads the kept one on the reactive client. Same bytes, ETag and media type.
        Response built = given().get("/api/persons/rong-chhun");
        Response kept = given().get("/api/persons/rong-chhun");
        Response ordinary = given().header("If-None-Match", "\"not-this-one\"").get("/api/persons/rong-chhun");
        for (Response r : List.of(built, kept, ordinary)) {
            assertEquals(200, r.statusCode());
            assertEquals(built.asString(), r.asString());
            assertEquals(built.header("ETag"), r.header("ETag"));
            assertEquals(built.contentType(), r.contentType());
        }
        given().header("If-None-Match", kept.header("ETag")).get("/api/persons/rong-chhun").then().statusCode(304);
        given().get("/api/persons/no-such-person").then().statusCode(404).contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", "wrong").get("/api/persons/rong-chhun").then().statusCode(401);
    }

    @Test
    void aNameSearchAnswersWithItsParametersCheckedAndItsETag() throws Exception {
        given().urlEncodingEnabled(false).get("/api/persons?q=khem+sokha").then().statusCode(200).body("items[0].id", equalTo("kem-sokha"));
        Response found = given().queryParams(Map.of("q", "Mr. RONG chun", "asOf", "2020-08-01")).get("/api/persons");
        assertEquals(200, found.statusCode());
        assertEquals("rong-chhun", found.path("items[0].id"));
        given().header("If-None-Match", found.header("ETag")).queryParams(Map.of("q", "Mr. RONG chun", "asOf", "2020-08-01"))
                .get("/api/persons").then().statusCode(304);
        given().queryParam("q", "nobody like this").get("/api/persons").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "sokha").queryParam("status", "detained").get("/api/persons").then().statusCode(200);
        given().queryParam("q", "sokha").queryParam("sort", "name").get("/api/persons").then().statusCode(200);
        given().queryParam("q", "sokha").queryParam("asOf", "2020-13-01").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("q", "sokha").queryParam("size", "500").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("q", "Mr. !").get("/api/persons").then().statusCode(400).contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", "wrong").queryParam("q", "sokha").get("/api/persons").then().statusCode(401);
    }

    @Test
    void aRequestWithAnUnknownParameterIsRefusedNamingIt() throws Exception {
        // An unknown parameter is a 400 naming it, whether the document is kept or not.
        given().get("/api/persons/rong-chhun").then().statusCode(200);
        given().get("/api/persons/rong-chhun?colour=red").then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("colour"));

        given().queryParam("q", "sokha").queryParam("colour", "red").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("colour"));
        given().queryParam("q", "sokha").queryParam("sizes", "5").get("/api/persons").then().statusCode(400)
                .body("parameter", equalTo("sizes"));
    }

    @Test
    void findsAPersonByAnyNameForm() {
        given().queryParam("q", "khem sokha").when().get("/api/persons").then()
                .statusCode(200)
                .body("items[0].id", equalTo("kem-sokha"))
                .body("items[0].aliases", hasItem("Khem Sokha"));
        given().queryParam("q", "MR SOKHA").when().get("/api/persons").then()
                .statusCode(200).body("items.id", hasItem("kem-sokha"));
    }

    @Test
    void listsPeopleWithIdNameAndAliases() {
        given().queryParam("size", 200).when().get("/api/persons").then()
                .statusCode(200)
                .body("items.id", hasItem("rong-chhun"))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }

    @Test
    void everyCitationOfMeachSovannaraIsTheSourceTextBetweenItsOffsets() {
        JsonPath person = given().when().get("/api/persons/meach-sovannara").then()
                .statusCode(200)
                .body("name", equalTo("Meach Sovannara"))
                .body("custody", not(empty()))
                .body("charges", not(empty()))
                .extract().jsonPath();
        List<Map<String, Object>> citations = new java.util.ArrayList<>();
        for (String group : List.of("names", "citizenships", "affiliations", "custody", "charges", "incidents")) {
            List<List<Map<String, Object>>> perFact = person.getList(group + ".citations");
            perFact.forEach(citations::addAll);
        }
        assertFalse(citations.isEmpty());
        Map<String, String> texts = new HashMap<>();
        for (Map<String, Object> c : citations) {
            String source = (String) c.get("source");
            String text = texts.computeIfAbsent(source,
                    id -> given().when().get("/api/sources/" + id + "/text").then().statusCode(200).extract().asString());
            int start = (Integer) c.get("start");
            int end = (Integer) c.get("end");
            String passage = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
            assertEquals(CitationLocator.fold((String) c.get("quote")), CitationLocator.fold(passage), source + " " + start);
        }
    }

    @Test
    void everyFactOfTheFoundationPeopleIsCited() {
        for (String id : List.of("meach-sovannara", "kem-sokha", "rong-chhun")) {
            JsonPath person = given().when().get("/api/persons/" + id).then().statusCode(200).extract().jsonPath();
            for (String group : List.of("names", "citizenships", "affiliations", "custody", "charges", "incidents")) {
                List<List<Object>> cites = person.getList(group + ".citations");
                cites.forEach(list -> assertFalse(list.isEmpty(), id + " " + group));
            }
            assertFalse(person.getList("custody").isEmpty(), id + " has custody");
        }
    }
}
