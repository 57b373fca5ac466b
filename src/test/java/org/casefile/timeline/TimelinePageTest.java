package org.casefile.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.support.Browser;
import org.junit.jupiter.api.Test;

/** /timeline: the export's filters, its events as a table with their passages, the downloads, and the TimelineJS picture. */
@QuarkusTest
class TimelinePageTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    static String href(String html, String id) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" id=\"" + id + "\">").matcher(html);
        assertTrue(m.find(), id);
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void aPersonsEventsAsRowsWithTheirPassagesAndTheDownloads() {
        String html = given().accept(HTML).get("/timeline?person=rong-chhun").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        List<Map<String, Object>> events = given().get("/api/timeline?person=rong-chhun&format=json").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertFalse(events.isEmpty());
        Matcher rows = Pattern.compile("<tr id=\"e-([^\"]+)\">").matcher(html);
        List<String> ids = rows.results().map(r -> r.group(1)).toList();
        assertEquals(events.stream().map(e -> e.get("id")).toList(), ids, "one row per event, in timeline order");
        for (Map<String, Object> e : events) {
            @SuppressWarnings("unchecked") List<Map<String, Object>> cites = (List<Map<String, Object>>) e.get("citations");
            for (Map<String, Object> c : cites) {
                assertTrue(html.contains("href=\"/sources/" + c.get("source") + "#c-" + c.get("start") + "-" + c.get("end") + "\""),
                        e.get("id") + " quotes its passage");
            }
        }
        assertTrue(html.contains("<link rel=\"canonical\" href=\"/timeline?person=rong-chhun\">"));
        assertEquals("/api/timeline?person=rong-chhun&format=csv", href(html, "download-csv"));
        assertEquals("/api/timeline?person=rong-chhun&format=json", href(html, "download-json"));
        assertEquals("/api/timeline?person=rong-chhun&format=timelinejs", href(html, "download-timelinejs"));
        assertEquals("/api/timeline?person=rong-chhun&format=ics", href(html, "download-ics"));
        String csv = given().get(href(html, "download-csv")).then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertTrue(csv.startsWith("id,type,title,date,"), csv);
        assertEquals(events.size() + 1, csv.lines().count() - csv.lines().filter(l -> !l.contains(",")).count(), csv);
    }

    @Test
    void theFiltersGoIntoTheLinks() {
        String html = given().accept(HTML).get("/timeline?person=rong-chhun&type=arrest,custody_start&from=2020-01-01")
                .then().statusCode(200).extract().asString();
        assertEquals("/api/timeline?person=rong-chhun&type=arrest&type=custody_start&from=2020-01-01&format=csv", href(html, "download-csv"));
        assertTrue(html.contains("<option value=\"arrest\" selected>"));
    }

    @Test
    void anUnknownPersonIsA400WithTheMessageByTheForm() {
        given().accept(HTML).get("/timeline?person=nobody-at-all").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"timeline-error\""))
                .body(containsString("nobody-at-all"))
                .body(containsString("<form class=\"filters\""));
    }

    @Test
    void thePictureIsDrawnByTimelineJs() {
        Browser browser = Browser.open().get("/timeline?person=rong-chhun");
        try {
            browser.waitUntil("document.getElementById('timeline-picture').classList.contains('tl-timeline')"
                    + " && document.querySelectorAll('#timeline-picture .tl-slide').length > 1"
                    + " && document.querySelector('#timeline-picture .tl-storyslider').offsetHeight > 100");
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no TimelineJS picture; the container holds: "
                    + browser.script("return document.getElementById('timeline-picture').innerHTML.substring(0, 600);"), e);
        }
        Object errors = browser.script("return performance.getEntriesByType('resource').map(function (r) { return r.name; })"
                + ".filter(function (n) { return n.indexOf(location.origin) !== 0 && n.indexOf('data:') !== 0; });");
        assertEquals(List.of(), errors, "nothing is loaded from elsewhere");
        // TimelineJS's own markup is not ours to fix: axe checks the rest of the page.
        browser.check("timeline", "#timeline-picture");
    }
}
