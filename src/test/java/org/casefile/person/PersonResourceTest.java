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

    @Inject
    PublicPersonRoute route;

    @Test
    void aKeptDocumentIsServedOnTheEventLoopExactlyAsTheResourceServesIt() {
        // The first public read builds and keeps the document (the builder is off in tests); the next is served by
        // the event-loop route. A request it leaves to the resource (here a precondition that matches nothing) gets
        // the same bytes, ETag and media type.
        given().get("/api/persons/rong-chhun").then().statusCode(200);
        long before = route.served();
        Response kept = given().get("/api/persons/rong-chhun");
        assertEquals(before + 1, route.served(), "the kept document was served by the event-loop route");
        Response ordinary = given().header("If-None-Match", "\"not-this-one\"").get("/api/persons/rong-chhun");
        assertEquals(before + 1, route.served(), "a conditional request goes on to the resource");
        assertEquals(200, kept.statusCode());
        assertEquals(200, ordinary.statusCode());
        assertEquals(ordinary.asString(), kept.asString());
        assertEquals(ordinary.header("ETag"), kept.header("ETag"));
        assertEquals(ordinary.contentType(), kept.contentType());
        given().header("If-None-Match", kept.header("ETag")).get("/api/persons/rong-chhun").then().statusCode(304);
        // Unknown people, and callers with credentials, are answered by the resource as before.
        given().get("/api/persons/no-such-person").then().statusCode(404).contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", "wrong").get("/api/persons/rong-chhun").then().statusCode(401);
        assertEquals(before + 1, route.served());
    }

    @Inject
    PublicNameSearchRoute searchRoute;

    @Inject
    NameIndex names;

    @Test
    void aNameSearchIsAnsweredOnTheEventLoopExactlyAsTheResourceAnswersIt() throws Exception {
        names.rebuild();
        List<Map<String, String>> searches = List.of(Map.of("q", "khem sokha"), Map.of("q", "Mr. RONG chun", "asOf", "2020-08-01"),
                Map.of("q", "sokha", "size", "1", "page", "1"), Map.of("q", "meach sovanara", "sort", "relevance", "asOf", "2016-01-25"),
                Map.of("q", "nobody like this"));
        for (Map<String, String> search : searches) {
            long before = searchRoute.served();
            Response fast = given().queryParams(search).get("/api/persons");
            assertEquals(before + 1, searchRoute.served(), search + " was answered on the event loop");
            // A precondition that matches nothing sends the same search to the resource.
            Response ordinary = given().header("If-None-Match", "\"not-this-one\"").queryParams(search).get("/api/persons");
            assertEquals(before + 1, searchRoute.served(), "a conditional request goes on to the resource");
            assertEquals(200, fast.statusCode());
            assertEquals(200, ordinary.statusCode());
            assertEquals(ordinary.asString(), fast.asString(), search.toString());
            assertEquals(ordinary.header("ETag"), fast.header("ETag"));
            assertEquals(ordinary.contentType(), fast.contentType());
            given().header("If-None-Match", fast.header("ETag")).queryParams(search).get("/api/persons").then().statusCode(304);
        }
        given().urlEncodingEnabled(false).get("/api/persons?q=khem+sokha").then().statusCode(200).body("items[0].id", equalTo("kem-sokha"));

        // Filters, other orders, credentials and malformed values are the resource's, which says what is wrong.
        long before = searchRoute.served();
        given().queryParam("q", "sokha").queryParam("status", "detained").get("/api/persons").then().statusCode(200);
        given().queryParam("q", "sokha").queryParam("sort", "name").get("/api/persons").then().statusCode(200);
        given().queryParam("q", "sokha").queryParam("asOf", "2020-13-01").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("q", "sokha").queryParam("size", "500").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("q", "Mr. !").get("/api/persons").then().statusCode(400).contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", "wrong").queryParam("q", "sokha").get("/api/persons").then().statusCode(401);
        assertEquals(before, searchRoute.served());
    }

    @Test
    void aRequestWithAnUnknownParameterIsLeftToTheResourceWhichRefusesIt() throws Exception {
        // The event-loop routes answer only what the resource would: an unknown name goes on to it, and is a 400 there.
        given().get("/api/persons/rong-chhun").then().statusCode(200);
        long before = route.served();
        given().get("/api/persons/rong-chhun").then().statusCode(200);
        assertEquals(before + 1, route.served(), "the kept document is served on the event loop");
        given().get("/api/persons/rong-chhun?colour=red").then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("colour"));
        assertEquals(before + 1, route.served(), "a query parameter goes on to the resource");

        names.rebuild();
        long searches = searchRoute.served();
        given().queryParam("q", "sokha").get("/api/persons").then().statusCode(200);
        assertEquals(searches + 1, searchRoute.served(), "the name search is answered on the event loop");
        given().queryParam("q", "sokha").queryParam("colour", "red").get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("colour"));
        given().queryParam("q", "sokha").queryParam("sizes", "5").get("/api/persons").then().statusCode(400)
                .body("parameter", equalTo("sizes"));
        assertEquals(searches + 1, searchRoute.served(), "an unknown parameter goes on to the resource");
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
