package org.casefile.count;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** /counts: both totals as GET /api/counts gives them, the people and their passages, figures, and the draft composer. */
@QuarkusTest
class CountsPageTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    static String total(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"><span class=\"figure\">(\\d+)</span>").matcher(html);
        assertTrue(m.find(), "the page shows " + id);
        return m.group(1);
    }

    @Test
    void bothTotalsAreThoseOfTheApiForTheSameQuestion() {
        for (String query : List.of("asOf=2021-03-23", "asOf=2021-03-23&basis=confirmed", "asOf=2016-01-25&status=imprisoned",
                "asOf=2021-03-23&definition=cnrp_detained")) {
            JsonPath api = given().get("/api/counts?" + query).then().statusCode(200).extract().jsonPath();
            String html = given().accept(HTML).get("/counts?" + query).then().statusCode(200)
                    .contentType(containsString("text/html")).extract().asString();
            assertEquals(api.getString("totals.confirmed"), total(html, "total-confirmed"), query);
            assertEquals(api.getString("totals.lastKnown"), total(html, "total-last-known"), query);
            List<Map<String, Object>> people = api.getList("people.items");
            for (Map<String, Object> person : people) {
                assertTrue(html.contains("href=\"/people/" + person.get("id") + "\""), query + ": " + person.get("id"));
                @SuppressWarnings("unchecked") List<Map<String, Object>> cites = (List<Map<String, Object>>) person.get("citations");
                for (Map<String, Object> c : cites) {
                    assertTrue(html.contains("href=\"/sources/" + c.get("source") + "#c-" + c.get("start") + "-" + c.get("end") + "\""),
                            query + ": passage of " + person.get("id"));
                }
            }
            for (String caveat : api.getList("caveats", String.class)) {
                assertTrue(html.contains(caveat.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;")), caveat);
            }
            assertTrue(html.contains("<link rel=\"canonical\" href=\"/counts?" + query.replace("&", "&amp;") + "\">"), query);
        }
    }

    @Test
    void theDayShowsTheFiguresReportedNearIt() {
        String html = given().accept(HTML).get("/counts?asOf=2016-01-25").then().statusCode(200).extract().asString();
        JsonPath figures = given().get("/api/figures?from=2016-01-01&to=2016-01-31").then().statusCode(200).extract().jsonPath();
        assertFalse(figures.getList("items").isEmpty());
        for (Map<String, Object> f : figures.<Map<String, Object>>getList("items")) {
            assertTrue(html.contains("<strong>" + f.get("stated") + "</strong>"), f.toString());
        }
        assertTrue(html.contains("href=\"/sources/joint-letter-kerry-2016-01-25#c-"), "each figure links its passage");
    }

    @Test
    void aBadDayIsA400WithTheMessageByTheForm() {
        given().accept(HTML).get("/counts?asOf=23-03-2021").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"count-error\""))
                .body(containsString("YYYY-MM-DD"))
                .body(containsString("<form class=\"filters\""));
    }

    @Test
    void withoutJavaScriptTheFormRendersTheDraft() {
        String html = given().accept(HTML).contentType("application/x-www-form-urlencoded")
                .formParam("template", "On {{asOf}}: {{count status=detained}} detained.")
                .post("/counts?asOf=2021-03-23").then().statusCode(200).extract().asString();
        assertTrue(html.contains("On 23 March 2021: "), html);
        assertTrue(html.contains("[^1]"), "footnote markers");
        assertTrue(html.contains("href=\"/sources/joint-statement-2021-03-23#c-"), "footnotes link their passages");

        String bad = given().accept(HTML).contentType("application/x-www-form-urlencoded")
                .formParam("template", "First line\nthen {{cuont status=detained}}")
                .post("/counts?asOf=2021-03-23").then().statusCode(400).extract().asString();
        assertTrue(bad.contains("Line 2, column 6: "), bad);
        assertTrue(bad.contains("cuont"), bad);
    }

    @Test
    void theComposerRendersAsYouTypeAndShowsWhereATemplateIsWrong() {
        Browser browser = Browser.open().get("/counts?asOf=2021-03-23");
        WebElement box = browser.find("#draft-template");
        box.clear();
        box.sendKeys("Casefile names {{list definition=detained}} as detained on {{asOf}}.");
        browser.waitUntil("document.querySelectorAll('#draft-notes li').length > 0 "
                + "&& document.getElementById('draft-output').textContent.indexOf('on 23 March 2021') > 0");
        String firstNote = browser.find("#draft-notes li").getText();
        assertFalse(browser.find("#draft-notes li q.cited").getText().isBlank(), "the footnote quotes a letter: " + firstNote);
        assertTrue(browser.find("#draft-notes li a.passage").getAttribute("href").contains("/sources/"), firstNote);
        assertTrue(browser.find("#draft-output").getText().contains("[^1]"));

        box.clear();
        box.sendKeys("Fine so far,\nthen {{count statsu=detained}}.");
        browser.waitUntil("document.getElementById('draft-error').textContent.indexOf('Line 2, column 6') === 0");
        assertEquals("true", box.getAttribute("aria-invalid"));
        assertTrue(browser.find("#draft-error").getText().contains("statsu"), browser.find("#draft-error").getText());

        box.clear();
        box.sendKeys("{{count definition=detained}} people.");
        browser.waitUntil("document.querySelectorAll('#draft-notes li').length > 0 && !document.getElementById('draft-error').textContent");
        browser.check("counts");
    }
}
