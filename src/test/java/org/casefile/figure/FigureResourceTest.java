package org.casefile.figure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.casefile.support.Passages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** GET /api/figures on the seed: what the letters reported, each figure with its own passages. */
@QuarkusTest
class FigureResourceTest {

    @Test
    void theJanuary2016FiguresOfBothLettersAreListedSideBySide() {
        JsonPath page = given().queryParam("from", "2016-01-24").queryParam("to", "2016-01-25")
                .get("/api/figures").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> seventeen = only(items, "ngo-letter-kerry-2016-01-24", 17);
        Map<String, Object> twentyFour = only(items, "joint-letter-kerry-2016-01-25", 24);

        assertEquals("2016-01-24", seventeen.get("asOf"));
        assertEquals("opposition members and supporters are currently detained or imprisoned as a result of trumped-up "
                + "charges and unfair trials", seventeen.get("counted"));
        assertEquals("2016-01-25", twentyFour.get("asOf"));
        assertEquals("individuals are imprisoned or detained as political prisoners", twentyFour.get("counted"));
        assertEquals("exact", twentyFour.get("qualifier"));
        assertEquals("24", twentyFour.get("stated"));

        // Each keeps its own citations, into its own letter; nothing is averaged or merged.
        for (Map<String, Object> figure : List.of(seventeen, twentyFour)) {
            List<Map<String, Object>> citations = citations(figure);
            assertFalse(citations.isEmpty());
            citations.forEach(c -> assertEquals(figure.get("source"), c.get("source")));
            citations.forEach(Passages::assertQuoted);
        }
        assertTrue(citations(seventeen).get(0).get("quote").toString().startsWith("Seventeen opposition members"));
        assertTrue(citations(twentyFour).get(0).get("quote").toString().startsWith("Currently, 24 individuals"));
        // The news report repeats the 17; it is a third figure, listed too.
        assertTrue(items.stream().anyMatch(f -> "news-kerry-urged-2016-01".equals(f.get("source")) && ((Number) f.get("value")).intValue() == 17));
        assertTrue(items.stream().noneMatch(f -> ((Number) f.get("value")).intValue() == 41 || ((Number) f.get("value")).intValue() == 20),
                "no sum or mean of the figures");
    }

    @Test
    void aFigureIsServedByIdAndFiltersNarrowTheList() {
        long id = given().queryParam("source", "joint-letter-kerry-2016-01-25").queryParam("category", "political_prisoners")
                .get("/api/figures").then().statusCode(200).body("total", equalTo(1)).extract().jsonPath().getLong("items[0].id");
        given().get("/api/figures/" + id).then().statusCode(200).body("value", equalTo(24))
                .body("sourceTitle", containsString("Kerry")).body("citations.size()", equalTo(3));
        given().get("/api/figures/999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/figures/abc").then().statusCode(404).contentType("application/problem+json");
        JsonPath bySource = given().queryParam("source", "ngo-letter-kerry-2016-01-24").get("/api/figures").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(bySource.getInt("total") >= 3);
        bySource.<String>getList("items.source").forEach(s -> assertEquals("ngo-letter-kerry-2016-01-24", s));
        List<String> asOf = given().queryParam("size", "200").get("/api/figures").then().statusCode(200).extract().jsonPath()
                .getList("items.asOfEarliest");
        List<String> dated = asOf.stream().filter(d -> d != null).toList();
        assertEquals(dated.stream().sorted().toList(), dated, "by as-of day");
    }

    @ParameterizedTest
    @CsvSource({"source=no-such-letter, source", "from=2016-13-01, from", "to=yesterday, to", "from=2017-01-01&to=2016-01-01, from",
            "size=0, size"})
    void badFiltersAre400NamingTheParameter(String query, String parameter) {
        given().get("/api/figures?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo(parameter));
    }

    private static Map<String, Object> only(List<Map<String, Object>> items, String source, int value) {
        List<Map<String, Object>> found = items.stream()
                .filter(f -> source.equals(f.get("source")) && ((Number) f.get("value")).intValue() == value).toList();
        assertEquals(1, found.size(), source + " " + value + " in " + items);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> citations(Map<String, Object> figure) {
        return (List<Map<String, Object>>) figure.get("citations");
    }
}
