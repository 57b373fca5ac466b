package org.casefile.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.casefile.citation.CitationLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The researchers' questions, each answered by one documented request. */
@QuarkusTest
class ResearcherQueriesTest {

    @ParameterizedTest
    @CsvSource({
            "Khem Sokha, kem-sokha",
            "kem sokha, kem-sokha",
            "KEM  SOKHA, kem-sokha",
            "Mr Sokha, kem-sokha",
            "Meach Sovanarra, meach-sovannara",
            "Sovanarra, meach-sovannara",
            "Mr. Rong Chhun, rong-chhun",
            "Rongchhun, rong-chhun",
            "Róng Chhùn, rong-chhun",
    })
    void findsAPersonByAnySpellingBestMatchFirst(String q, String id) {
        given().queryParam("q", q).when().get("/api/persons").then()
                .statusCode(200)
                .body("items[0].id", equalTo(id));
    }

    @Test
    void statusOnTheLettersDateIsDefiniteAndCited() {
        given().queryParam("asOf", "2016-01-25").when().get("/api/persons/meach-sovannara/status").then()
                .statusCode(200)
                .body("status", equalTo("imprisoned"))
                .body("certainty", equalTo("definite"))
                .body("lastConfirmed", equalTo("2016-01-25"))
                .body("claims[0].citations[0].source", notNullValue());
    }

    @Test
    void aLetterConfirmsNothingAboutLaterYears() {
        given().queryParam("asOf", "2019-06-01").queryParam("basis", "confirmed").when().get("/api/persons/meach-sovannara/status").then()
                .statusCode(200)
                .body("basis", equalTo("confirmed"))
                .body("status", equalTo("unknown"))
                .body("certainty", equalTo("unknown"))
                .body("claims.size()", equalTo(0))
                .body("nearest.size()", greaterThan(0))
                .body("nearest[0].citations", not(org.hamcrest.Matchers.empty()));
    }

    @Test
    void laterYearsShowTheLastKnownStatusAsPresumedWithItsPassage() {
        given().queryParam("asOf", "2019-06-01").when().get("/api/persons/meach-sovannara/status").then()
                .statusCode(200)
                .body("basis", equalTo("last_known"))
                .body("status", equalTo("imprisoned"))
                .body("certainty", equalTo("presumed"))
                .body("lastConfirmed", equalTo("2016-01-25"))
                .body("presumedSince", equalTo("2016-01-26"))
                .body("claims.size()", equalTo(1))
                .body("claims[0].certainty", equalTo("presumed"))
                .body("claims[0].citations[0].quote", containsString("currently serving a 20 year sentence"))
                .body("nearest", nullValue());
    }

    @Test
    void whoWasDetainedOnADayAndWhoSaysSo() {
        given().queryParam("status", "detained").queryParam("asOf", "2016-01-25").when().get("/api/persons").then()
                .statusCode(200)
                .body("items.id", hasItem("meach-sovannara"))
                .body("items.status", everyItem(org.hamcrest.Matchers.in(List.of("arrested", "pretrial_detention", "imprisoned"))))
                .body("items.find { it.id == 'meach-sovannara' }.lastConfirmed", equalTo("2016-01-25"));
        given().queryParam("status", "detained").queryParam("asOf", "2019-06-01").queryParam("basis", "confirmed").when()
                .get("/api/persons").then()
                .statusCode(200)
                .body("items.id", not(hasItem("meach-sovannara")));
        given().queryParam("status", "detained").queryParam("asOf", "2019-06-01").when().get("/api/persons").then()
                .statusCode(200)
                .body("items.find { it.id == 'meach-sovannara' }.certainty", equalTo("presumed"))
                .body("items.find { it.id == 'meach-sovannara' }.presumedSince", equalTo("2016-01-26"));
    }

    @Test
    void rongChhunWasArrestedOn31July2020() {
        given().queryParam("asOf", "2020-07-31").when().get("/api/persons/rong-chhun/status").then()
                .statusCode(200)
                .body("status", equalTo("arrested"))
                .body("certainty", equalTo("definite"));
        given().queryParam("status", "arrested").queryParam("asOf", "2020-07-31").when().get("/api/persons").then()
                .statusCode(200).body("items.id", hasItem("rong-chhun"));
    }

    @Test
    void asPrisonerListsKeepItTheLastKnownStatusIsShownWithItsDateAndPassage() {
        // Kem Ley: three letters report his assassination; the latest possible day of death is the end of March 2021.
        given().when().get("/api/persons/kem-ley/status").then().statusCode(200)
                .body("status", equalTo("deceased")).body("certainty", equalTo("definite"))
                .body("claims.citations.flatten().quote", hasItem(containsString("assassination")));
        // Before it no source dates the death: unknown, never a guess, with the claim after the day.
        given().queryParam("asOf", "2021-03-30").when().get("/api/persons/kem-ley/status").then().statusCode(200)
                .body("status", equalTo("unknown")).body("nearest[0].state", equalTo("deceased"))
                .body("nearest[0].definiteFrom", equalTo("2021-03-31"));
        // Meach Sovannara: a 20-year sentence from July 2015, last confirmed on 25 January 2016.
        given().when().get("/api/persons/meach-sovannara/status").then().statusCode(200)
                .body("status", equalTo("imprisoned")).body("certainty", equalTo("presumed"))
                .body("lastConfirmed", equalTo("2016-01-25")).body("presumedSince", equalTo("2016-01-26"))
                .body("claims[0].citations[0].source", equalTo("joint-letter-kerry-2016-01-25"));
        given().queryParam("asOf", "2035-07-01").when().get("/api/persons/meach-sovannara/status").then().statusCode(200)
                .body("status", equalTo("unknown"));
        // Rong Chhun: arrested on 31 July 2020, not reported released.
        given().queryParam("asOf", "2020-08-14").when().get("/api/persons/rong-chhun/status").then().statusCode(200)
                .body("status", equalTo("arrested")).body("certainty", equalTo("presumed"))
                .body("lastConfirmed", equalTo("2020-07-31")).body("presumedSince", equalTo("2020-08-01"))
                .body("claims.citations.flatten().quote", hasItem("Mr. Rong Chhun was arrested on July 31, 2020"));
        given().queryParam("asOf", "2020-08-14").queryParam("basis", "confirmed").when().get("/api/persons/rong-chhun/status").then()
                .statusCode(200).body("status", equalTo("unknown")).body("nearest[0].state", equalTo("arrested"));
        given().queryParam("basis", "sometimes").when().get("/api/persons/rong-chhun/status").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("basis"));
    }

    @Test
    void aPersonsCaseShowsTheStatusOverTime() {
        given().when().get("/api/persons/meach-sovannara").then().statusCode(200)
                .body("statusHistory.certainty", equalTo(List.of("possible", "definite", "definite", "presumed")))
                .body("statusHistory[3].from", equalTo("2016-01-26"))
                .body("statusHistory[3].to", equalTo("2035-06-30"))
                .body("statusHistory[3].lastConfirmed", equalTo("2016-01-25"));
        given().when().get("/api/persons/kem-ley").then().statusCode(200)
                .body("statusHistory.size()", equalTo(1))
                .body("statusHistory[0].status", equalTo("deceased"))
                .body("statusHistory[0].from", equalTo("2021-03-31"))
                .body("statusHistory[0].to", nullValue());
    }

    @Test
    void thePeopleOfConcernAreThePeopleTheLettersAreAbout() {
        JsonPath concern = given().queryParam("concern", "true").queryParam("size", "200").queryParam("sort", "-lastConfirmed")
                .when().get("/api/persons").then().statusCode(200).extract().jsonPath();
        List<String> ids = concern.getList("items.id");
        assertTrue(ids.containsAll(List.of("kem-ley", "meach-sovannara", "rong-chhun", "kem-sokha")), ids.toString());
        assertTrue(!ids.contains("john-kerry") && !ids.contains("hun-sen"), ids.toString());
        assertEquals("rong-chhun", ids.get(0));
        List<String> others = given().queryParam("concern", "false").queryParam("size", "200").when().get("/api/persons").then()
                .statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(others.contains("john-kerry") && !others.contains("rong-chhun"), others.toString());
        given().queryParam("concern", "yes").when().get("/api/persons").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("concern"));
    }

    @Test
    void filtersCombine() {
        given().queryParam("affiliation", "cambodian-confederation-of-unions").when().get("/api/persons").then()
                .statusCode(200).body("items.id", hasItem("rong-chhun"));
        given().queryParam("citizenship", "united states").when().get("/api/persons").then()
                .statusCode(200).body("items.id", hasItem("meach-sovannara"));
        given().queryParam("role", "victim").queryParam("q", "Rong Chhun").when().get("/api/persons").then()
                .statusCode(200).body("items[0].id", equalTo("rong-chhun"));
        given().queryParam("sort", "-name").when().get("/api/persons").then().statusCode(200);
        given().queryParam("sort", "-lastConfirmed").queryParam("asOf", "2021-01-01").when().get("/api/persons").then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource({
            "status, jailed, detained",
            "asOf, 2020-13-01, YYYY-MM-DD",
            "sort, age, lastConfirmed",
            "role, bystander, victim",
            "certainty, maybe, definite",
            "affiliation, NOPE, /api/organizations",
    })
    void unknownFilterValuesAre400NamingTheParameterAndWhatItAccepts(String parameter, String value, String accepted) {
        given().queryParam(parameter, value).when().get("/api/persons").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(accepted));
    }

    @Test
    void conditionalGetAnswers304() {
        String etag = given().when().get("/api/persons/kem-sokha").then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/api/persons/kem-sokha").then().statusCode(304);
        given().header("If-None-Match", "\"stale\"").when().get("/api/persons/kem-sokha").then().statusCode(200);
        String listTag = given().queryParam("q", "sokha").when().get("/api/persons").then().statusCode(200).extract().header("ETag");
        given().queryParam("q", "sokha").header("If-None-Match", listTag).when().get("/api/persons").then().statusCode(304);
        String textTag = given().when().get("/api/sources/joint-letter-kerry-2016-01-25/text").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", textTag).when().get("/api/sources/joint-letter-kerry-2016-01-25/text").then().statusCode(304);
    }

    @Test
    void incidentsByPersonAndDateWithParticipants() {
        given().queryParam("person", "rong-chhun").when().get("/api/incidents").then()
                .statusCode(200).body("items.id", hasItem("rong-chhun-arrest-2020-07-31"));
        given().queryParam("from", "2020-07-01").queryParam("to", "2020-07-31").when().get("/api/incidents").then()
                .statusCode(200).body("items.id", hasItem("rong-chhun-arrest-2020-07-31"));
        given().queryParam("from", "2021-01-01").queryParam("to", "2020-01-01").when().get("/api/incidents").then()
                .statusCode(400).body("parameter", equalTo("from"));
        given().queryParam("type", "picnic").when().get("/api/incidents").then()
                .statusCode(400).body("parameter", equalTo("type"));
        given().when().get("/api/incidents/rong-chhun-arrest-2020-07-31").then()
                .statusCode(200)
                .body("date", equalTo("2020-07-31"))
                .body("citations[0].quote", notNullValue())
                .body("participants.find { it.person == 'rong-chhun' }.role", equalTo("victim"));
        given().when().get("/api/incidents/nothing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listFiltersMatchEveryWordAsWritten() {
        // Each word anywhere in the record's text, in any order, case aside.
        given().queryParam("q", "chhun ARREST").when().get("/api/incidents").then()
                .statusCode(200).body("items.id", hasItem("rong-chhun-arrest-2020-07-31"));
        given().queryParam("q", "monks Buddhist").when().get("/api/figures").then()
                .statusCode(200).body("items.category", hasItem("political_prisoners_monks"));
        given().queryParam("q", "rescue party").when().get("/api/organizations").then()
                .statusCode(200).body("items.id", hasItem("cnrp"));
        // A word is matched as written: % and _ are characters, not wildcards (no incident's text has an underscore).
        given().queryParam("q", "_").when().get("/api/incidents").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "20% Arms").when().get("/api/incidents").then().statusCode(200)
                .body("items.title", everyItem(containsString("20% of Everything but Arms")));
        given().queryParam("q", "%").when().get("/api/organizations").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                + "sixteen seventeen eighteen nineteen twenty twenty-one").when().get("/api/incidents").then()
                .statusCode(400).contentType("application/problem+json").body("parameter", equalTo("q"))
                .body("detail", containsString("at most 20 words"));
    }

    @Test
    void organizationsWithMembers() {
        given().queryParam("q", "CNRP").when().get("/api/organizations").then()
                .statusCode(200).body("items.id", hasItem("cnrp"));
        given().when().get("/api/organizations/cambodian-confederation-of-unions").then()
                .statusCode(200)
                .body("members.person", hasItem("rong-chhun"));
        given().when().get("/api/organizations/nothing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void whatOneLetterSaysInTextOrderEachPassageVerifying() {
        String text = given().when().get("/api/sources/joint-letter-kerry-2016-01-25/text").then().extract().asString();
        JsonPath claims = given().queryParam("size", 200).when().get("/api/sources/joint-letter-kerry-2016-01-25/claims").then()
                .statusCode(200)
                .body("total", greaterThan(0))
                .extract().jsonPath();
        List<Map<String, Object>> items = claims.getList("items");
        int previous = -1;
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) item.get("citation");
            int start = (Integer) c.get("start");
            int end = (Integer) c.get("end");
            assertTrue(start >= previous, "text order");
            previous = start;
            String passage = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
            assertEquals(CitationLocator.fold((String) c.get("quote")), CitationLocator.fold(passage));
            assertTrue(item.get("statement") != null, "every claim is stated in words");
        }
    }
}
