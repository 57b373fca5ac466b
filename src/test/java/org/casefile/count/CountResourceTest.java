package org.casefile.count;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.support.Passages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/counts on the seed: counted from person-level records, with the people, passages and caveats. */
@QuarkusTest
class CountResourceTest {

    @Test
    void on25January2016TheRecordsCountMeachSovannaraWithHisPassage() {
        JsonPath count = given().queryParam("asOf", "2016-01-25").queryParam("definition", "detained")
                .queryParam("groupBy", "status,citizenship").get("/api/counts").then().statusCode(200).extract().jsonPath();
        assertEquals(1, count.getInt("total"));
        assertEquals(1, count.getInt("definite"));
        assertEquals(0, count.getInt("possible"));
        assertEquals("detained", count.getString("definition.id"));
        assertEquals(List.of("arrested", "pretrial_detention", "imprisoned"), count.getList("definition.states"));
        assertEquals("meach-sovannara", count.getString("people.items[0].id"));
        assertEquals("imprisoned", count.getString("people.items[0].status"));
        assertEquals("definite", count.getString("people.items[0].certainty"));
        assertEquals("2016-01-25", count.getString("people.items[0].lastConfirmed"));
        List<Map<String, Object>> citations = count.getList("people.items[0].citations");
        assertTrue(citations.stream().anyMatch(c -> c.get("quote").toString().contains("currently serving a 20 year sentence")));
        citations.forEach(Passages::assertQuoted);
        assertEquals(List.of("joint-letter-kerry-2016-01-25"), count.getList("sources.id"));
        assertEquals(Map.of("key", "imprisoned", "total", 1, "definite", 1, "possible", 0, "presumed", 0), count.getMap("breakdown.status[0]"));
        assertEquals(Set.of("United States", "Cambodia"), Set.copyOf(count.getList("breakdown.citizenship.key")));
        assertTrue(count.getString("readAt").matches("\\d{4}-\\d\\d-\\d\\dT.*"), count.getString("readAt"));
        List<String> caveats = count.getList("caveats");
        assertTrue(caveats.get(0).startsWith("Documented cases only"), caveats.toString());
        assertTrue(caveats.stream().anyMatch(c -> c.startsWith("No source confirms the status on 2016-01-25 of ")
                && c.contains("are counted as presumed, the others are left out")), caveats.toString());
        assertTrue(count.getInt("unconfirmed") > 0);
    }

    @Test
    void aCountIsWhatEachPersonsStatusSaysOnThatDay() {
        List<String> people = given().queryParam("size", "200").get("/api/persons").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
        Set<String> detained = Set.of("arrested", "pretrial_detention", "imprisoned");
        for (String day : List.of("2015-07-15", "2015-12-01", "2016-01-24", "2016-01-25", "2020-07-31", "2021-03-23")) {
            JsonPath count = given().queryParam("asOf", day).queryParam("size", "200").get("/api/counts").then().statusCode(200)
                    .extract().jsonPath();
            List<String> counted = count.getList("people.items.id");
            int definite = 0;
            for (String id : people) {
                JsonPath status = given().queryParam("asOf", day).get("/api/persons/" + id + "/status").then().statusCode(200)
                        .extract().jsonPath();
                boolean in = detained.contains(status.getString("status"));
                assertEquals(in, counted.contains(id), id + " on " + day + ": " + status.getString("status"));
                if (in) {
                    int at = counted.indexOf(id);
                    assertEquals(status.getString("status"), count.getString("people.items[" + at + "].status"), id + " on " + day);
                    assertEquals(status.getString("certainty"), count.getString("people.items[" + at + "].certainty"), id + " on " + day);
                    definite += status.getString("certainty").equals("definite") ? 1 : 0;
                }
            }
            assertEquals(counted.size(), count.getInt("total"), day);
            assertEquals(definite, count.getInt("definite"), day);
        }
    }

    @Test
    void whenNoSourceConfirmsTheDayTheConfirmedCountSaysSoInsteadOfAssuming() {
        JsonPath count = given().queryParam("asOf", "2021-03-23").queryParam("basis", "confirmed").get("/api/counts").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("confirmed", count.getString("basis"));
        assertEquals(0, count.getInt("total"));
        assertEquals(0, count.getInt("totals.confirmed"));
        assertEquals(3, count.getInt("totals.lastKnown"));
        assertEquals("2020-07-31", count.getString("latestConfirmation"));
        List<String> caveats = count.getList("caveats");
        assertTrue(caveats.stream().anyMatch(c -> c.contains("No source confirms any custody status after 2020-07-31")), caveats.toString());
        assertTrue(caveats.stream().anyMatch(c -> c.contains("It rests on no source")), caveats.toString());
        assertTrue(caveats.stream().anyMatch(c -> c.contains("3 people are not counted whose last known status")), caveats.toString());
    }

    @Test
    void byDefaultACountIsByLastKnownStatusWithBothTotalsAndThePeopleBehindIt() {
        JsonPath count = given().queryParam("asOf", "2021-03-23").get("/api/counts").then().statusCode(200).extract().jsonPath();
        assertEquals("last_known", count.getString("basis"));
        assertEquals(3, count.getInt("total"));
        assertEquals(Map.of("confirmed", 0, "lastKnown", 3), count.getMap("totals"));
        assertEquals(3, count.getInt("presumed"));
        assertEquals(0, count.getInt("definite"));
        assertEquals(List.of("kem-sokha", "meach-sovannara", "rong-chhun"), count.getList("people.items.id"));
        assertEquals(List.of("presumed", "presumed", "presumed"), count.getList("people.items.certainty"));
        assertEquals(List.of("arrested", "imprisoned", "arrested"), count.getList("people.items.status"));
        assertEquals(List.of("2017-12-31", "2016-01-25", "2020-07-31"), count.getList("people.items.lastConfirmed"));
        assertEquals(List.of("2018-01-01", "2016-01-26", "2020-08-01"), count.getList("people.items.presumedSince"));
        List<Map<String, Object>> rong = count.getList("people.items[2].citations");
        assertTrue(rong.stream().anyMatch(c -> c.get("quote").equals("Mr. Rong Chhun was arrested on July 31, 2020")), rong.toString());
        rong.forEach(Passages::assertQuoted);
        assertEquals("2016-01-25", count.getString("oldestPresumption"));
        List<String> caveats = count.getList("caveats");
        assertTrue(caveats.stream().anyMatch(c -> c.contains("Confirmed on the day: 0; by last known status: 3")), caveats.toString());
        assertTrue(caveats.stream().anyMatch(c -> c.startsWith("3 of the 3 counted are presumed")
                && c.contains("rests on a confirmation of 2016-01-25 (1884 days before 2021-03-23)")), caveats.toString());
    }

    @Test
    void deprivedOfLibertyCountsMoreStatesThanDetainedAndDefinitionsAreListed() {
        given().get("/api/counts/definitions").then().statusCode(200)
                .body("id", hasItem("detained")).body("id", hasItem("deprived_of_liberty")).body("id", hasItem("cnrp_detained"))
                .body("find { it.id == 'deprived_of_liberty' }.states", hasItem("house_arrest"))
                .body("find { it.id == 'cnrp_detained' }.organization", equalTo("cnrp"))
                .body("find { it.id == 'detained' }.description", containsString("pre-trial detention"));
        given().queryParam("asOf", "2016-01-25").queryParam("status", "imprisoned").get("/api/counts").then().statusCode(200)
                .body("definition.id", equalTo("status:imprisoned")).body("total", equalTo(1));
        given().queryParam("asOf", "2016-01-25").queryParam("definition", "cnrp_detained").get("/api/counts").then().statusCode(200)
                .body("total", equalTo(0)).body("caveats[1]", containsString("Cambodia National Rescue Party"));
        given().queryParam("asOf", "2016-01-25").queryParam("citizenship", "United States").get("/api/counts").then().statusCode(200)
                .body("total", equalTo(1)).body("narrowing.citizenship", equalTo("United States"));
        given().queryParam("asOf", "2016-01-25").queryParam("citizenship", "France").get("/api/counts").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @ParameterizedTest
    @CsvSource({"definition=nope, definition", "status=jailed, status", "definition=detained&status=imprisoned, status",
            "groupBy=race, groupBy", "asOf=25.01.2016, asOf", "affiliation=no-such-party, affiliation",
            "incidentType=picnic, incidentType", "knownAt=yesterday, knownAt", "page=-1, page"})
    void badParametersAre400NamingThem(String query, String parameter) {
        given().get("/api/counts?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo(parameter)).body("detail", containsString(parameter));
    }
}
