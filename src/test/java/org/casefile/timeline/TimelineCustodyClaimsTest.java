package org.casefile.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which custody claims make one custody change on the timeline: those of one person, state and stated date that
 * are neither deprecated nor (for the public) restricted. The seed's arrest of Rong Chhun gets two more claims
 * that must not join it, one deprecated and one restricted; a fixture detention's end is stated by four claims,
 * the first (lowest fact id) restricted and the last deprecated.
 */
@QuarkusTest
class TimelineCustodyClaimsTest {

    static final String KUC = "Khmer Unity for Cambodia (KUC)";
    static final String OKS = "Overseas Khmer Summit (OKS)";
    static final String END = "2021-11-11";
    static final List<String> HIDDEN = List.of(KUC, OKS, "a restricted place", "a deprecated place");

    private static final TimelineFixtures FIXTURES = new TimelineFixtures();
    static long deprecatedStart;
    static long restrictedStart;
    static long restrictedEnd;
    static long publicEnd;
    static long placedEnd;
    static long deprecatedEnd;

    @BeforeAll
    static void addClaims() throws Exception {
        deprecatedStart = FIXTURES.custody("arrested", "2020-07-31", null, "a deprecated place", "deprecated", false, KUC);
        restrictedStart = FIXTURES.custody("arrested", "2020-07-31", null, "a restricted place", "normal", true, OKS);
        restrictedEnd = FIXTURES.custody("pretrial_detention", null, END, "a restricted place", "normal", true, OKS);
        publicEnd = FIXTURES.custody("pretrial_detention", null, END, null, "normal", false, TimelineFixtures.SBK_QUOTE);
        placedEnd = FIXTURES.custody("pretrial_detention", null, END, "Fixture prison", "preferred", false,
                TimelineFixtures.PDCC_QUOTE);
        deprecatedEnd = FIXTURES.custody("pretrial_detention", null, END, "a deprecated place", "deprecated", false, KUC);
    }

    @AfterAll
    static void removeClaims() throws Exception {
        FIXTURES.remove();
    }

    @Test
    void theFixturesAreWhatTheySay() {
        given().when().get("/api/facts/" + restrictedEnd).then().statusCode(404);
        given().when().get("/api/facts/" + restrictedStart).then().statusCode(404);
        given().when().get("/api/facts/" + deprecatedEnd).then().statusCode(200).body("rank", equalTo("deprecated"));
        given().when().get("/api/facts/" + publicEnd).then().statusCode(200).body("fields.end_edtf", equalTo(END));
        assertTrue(restrictedEnd < publicEnd && publicEnd < placedEnd, "the restricted claim has the lowest id");
    }

    @Test
    void deprecatedAndRestrictedClaimsDoNotJoinTheSeedsArrest() {
        JsonPath doc = json("person=rong-chhun&type=custody_start");
        assertEquals(1, doc.getInt("total"), doc.prettify());
        List<Long> facts = doc.getList("items[0].facts", Long.class);
        assertEquals(2, facts.size(), "the seed's two claims only: " + facts);
        assertFalse(facts.contains(deprecatedStart) || facts.contains(restrictedStart), facts.toString());
        assertEquals("custody-start:" + facts.get(0), doc.getString("items[0].id"));
        assertEquals("Rong Chhun: arrested (period starts)", doc.getString("items[0].title"), "no place of theirs either");
        assertEquals(TimelineResourceTest.STATEMENTS, doc.getList("items[0].sources"));
        assertEquals(4, doc.getList("items[0].citations").size());
        assertHidden(doc.prettify());
    }

    @Test
    void claimsOfOneEndAreOneEventNamedByTheLowestIdTheReaderMaySee() {
        JsonPath doc = json("person=rong-chhun&type=custody_end");
        assertEquals(1, doc.getInt("total"), doc.prettify());
        Map<String, Object> end = doc.getMap("items[0]");
        assertEquals("custody-end:" + publicEnd, end.get("id"), "not the restricted claim's id, though it is lower");
        assertEquals(List.of(publicEnd, placedEnd), doc.getList("items[0].facts", Long.class));
        assertEquals("custody_end", end.get("type"));
        assertEquals("Rong Chhun: pretrial detention at Fixture prison (period ends)", end.get("title"),
                "the place one public claim states");
        assertEquals(END, end.get("date"));
        assertEquals(END, end.get("earliest"));
        assertEquals(END, end.get("latest"));
        assertEquals(List.of(TimelineFixtures.SOURCE), end.get("sources"));
        assertEquals(List.of(TimelineFixtures.SBK_QUOTE, TimelineFixtures.PDCC_QUOTE), doc.getList("items[0].citations.quote"),
                "every public claim's citation, claim by claim");
        assertHidden(doc.prettify());
        assertFalse(json("").getList("items.id").contains("custody-end:" + restrictedEnd));

        // The filters find it whole: by its day, and by a source one of its claims cites.
        assertEquals(List.of(end.get("id")), json("person=rong-chhun&type=custody_end&from=" + END + "&to=" + END).getList("items.id"));
        JsonPath bySource = json("person=rong-chhun&type=custody_end&source=" + TimelineFixtures.SOURCE);
        assertEquals(List.of(end.get("id")), bySource.getList("items.id"));
        assertEquals(2, bySource.getList("items[0].citations").size());
        assertEquals(List.of(), json("person=rong-chhun&type=custody_end&to=2021-11-10").getList("items.id"));
    }

    @Test
    void noFormatShowsWhatOnlyHiddenClaimsState() {
        for (String format : List.of("csv", "timelinejs", "ics")) {
            // Unfolded, so that no iCalendar line break can hide a passage from the check.
            String body = given().queryParam("person", "rong-chhun").queryParam("format", format).when().get("/api/timeline")
                    .then().statusCode(200).extract().asString().replace("\r\n ", "");
            assertHidden(body);
            assertTrue(body.contains(TimelineFixtures.SBK_QUOTE.substring(0, 10)), format + " shows the public claims");
        }
        String csv = given().queryParam("person", "rong-chhun").queryParam("type", "custody_end").queryParam("format", "csv")
                .when().get("/api/timeline").then().statusCode(200).extract().asString();
        List<Map<String, String>> rows = TestFormats.csvRecords(csv);
        assertEquals(1, rows.size(), csv);
        assertEquals("custody-end:" + publicEnd, rows.get(0).get("id"));
        assertEquals(TimelineFixtures.SBK_QUOTE + " | " + TimelineFixtures.PDCC_QUOTE, rows.get(0).get("quotes"));
    }

    private static JsonPath json(String query) {
        return given().when().get("/api/timeline?format=json&" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void assertHidden(String body) {
        for (String hidden : HIDDEN) {
            assertFalse(body.contains(hidden), "'" + hidden + "' leaked: " + body);
        }
    }
}
