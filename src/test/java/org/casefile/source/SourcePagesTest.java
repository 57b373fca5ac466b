package org.casefile.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.casefile.support.Browser;
import org.junit.jupiter.api.Test;

/** The letter page: the stored text verbatim, each cited passage highlighted and tied to its facts. */
@QuarkusTest
class SourcePagesTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String KERRY = "joint-letter-kerry-2016-01-25";

    static String page(String id) {
        return given().accept(HTML).get("/sources/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
    }

    static List<String> sourceIds() {
        return given().queryParam("size", 200).get("/api/sources").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    /** The highlight ids the API's citations call for: c-{start}-{end}, one per distinct passage. */
    static Set<String> expectedAnchors(String id) {
        JsonPath claims = given().queryParam("size", 200).get("/api/sources/" + id + "/claims").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = claims.getList("items");
        assertTrue(claims.getLong("total") <= 200, "the seed's sources have fewer than 200 claims each");
        return items.stream().map(c -> {
            @SuppressWarnings("unchecked") Map<String, Object> cite = (Map<String, Object>) c.get("citation");
            return "c-" + cite.get("start") + "-" + cite.get("end");
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> anchorsOnPage(String html) {
        Matcher m = Pattern.compile("<mark class=\"cite\" id=\"(c-\\d+-\\d+)\">").matcher(html);
        Set<String> ids = new TreeSet<>();
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "highlight id " + m.group(1) + " appears twice");
        }
        return ids;
    }

    /** The letter as a reader sees it: the text box without its markup and without the passage numbers. */
    static String letterText(String html) {
        Matcher m = Pattern.compile("<div class=\"letter-text\"[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the page has the letter text");
        String inner = m.group(1).replaceAll("<sup class=\"cite-ref\">.*?</sup>", "").replaceAll("<[^>]+>", "");
        return inner.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void everyCitedPassageIsHighlightedWithItsIdOnEveryLetter() {
        int highlighted = 0;
        for (String id : sourceIds()) {
            Set<String> expected = expectedAnchors(id);
            String html = page(id);
            assertEquals(expected, anchorsOnPage(html), id);
            for (String anchor : expected) {
                String[] range = anchor.split("-");
                // each highlight leads to its facts and the facts lead back
                assertTrue(html.contains("href=\"#p-" + range[1] + "-" + range[2] + "\""), id + " " + anchor);
                assertTrue(html.contains("href=\"#" + anchor + "\""), id + " " + anchor);
            }
            highlighted += expected.size();
        }
        assertTrue(highlighted > 20, "the seed cites many passages: " + highlighted);
    }

    @Test
    void theTextIsTheStoredSectionVerbatim() {
        for (String id : sourceIds()) {
            JsonPath source = given().get("/api/sources/" + id).then().statusCode(200).extract().jsonPath();
            String text = given().get("/api/sources/" + id + "/text").then().statusCode(200).extract().asString();
            int start = source.getInt("section.start");
            int end = source.getInt("section.end");
            String section = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
            String html = page(id);
            assertEquals(section, letterText(html), id);
            assertTrue(html.contains(source.getString("sha256")), id + ": shows its SHA-256");
            assertTrue(html.contains("href=\"/api/sources/" + id + "/text\""), id + ": links its raw text");
        }
    }

    @Test
    void factsLinkTheirPeopleAndSayWhatTheyState() {
        String html = page(KERRY);
        JsonPath claims = given().queryParam("size", 200).get("/api/sources/" + KERRY + "/claims").then().extract().jsonPath();
        List<Map<String, Object>> items = claims.getList("items");
        List<Object> people = items.stream().filter(c -> "person".equals(c.get("subjectType"))).map(c -> c.get("subject")).filter(java.util.Objects::nonNull).distinct().toList();
        assertFalse(people.isEmpty());
        for (Object person : people) {
            assertTrue(html.contains("href=\"/people/" + person + "\""), "link to person " + person + " among " + people);
        }
        for (String statement : claims.getList("items.statement", String.class)) {
            assertTrue(html.contains(statement.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;")), statement);
        }
        assertTrue(html.contains("<link rel=\"canonical\" href=\"/sources/" + KERRY + "\">"));
    }

    @Test
    void anUnknownSourceIsA404PageWithSearch() {
        given().accept(HTML).get("/sources/no-such-letter").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("role=\"search\""));
    }

    @Test
    void aTextHoldingScriptShowsAsText() {
        String text = "Dear Sir,\n<script>alert('x')</script> & \"more\" \uD83D\uDE00 end";
        List<SourcePages.Passage> passages = List.of(new SourcePages.Passage(1, 10, 37, "c-10-37", "<script>alert('x')</script>", List.of()));
        SourceViews.Detail detail = new SourceViews.Detail("evil", "<script>alert(1)</script>", "letter", "2020", null, null, null,
                "00", null, text.codePointCount(0, text.length()), new SourceViews.Section(0, text.codePointCount(0, text.length())),
                List.of("<b>author</b>"), List.of(), List.of(), List.of(), null);
        // Rendered as a request would render it (the header asks who is signed in: no one, here).
        io.quarkus.arc.ManagedContext request = io.quarkus.arc.Arc.container().requestContext();
        request.activate();
        String html;
        try {
            html = SourcePages.Templates.source(detail, SourcePages.segments(text, 0, detail.textLength(), passages), passages,
                    SourcePages.CHOICES, List.of(), List.of(), null).render();
        } finally {
            request.terminate();
        }
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<b>author"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals(text, letterText(html));
        // the passage is the code points 10..36, whatever UTF-16 makes of them
        assertTrue(html.contains("<mark class=\"cite\" id=\"c-10-37\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</mark>"), html);
    }

    @Test
    void codePointOffsetsPastAnAstralCharacter() {
        String text = "\uD83D\uDE00 ab cd";
        List<SourcePages.Passage> passages = List.of(
                new SourcePages.Passage(1, 2, 4, "c-2-4", "ab", List.of()),
                new SourcePages.Passage(2, 3, 7, "c-3-7", "b cd", List.of()));
        List<SourcePages.Segment> segments = SourcePages.segments(text, 0, 7, passages);
        assertEquals(List.of("\uD83D\uDE00 ", "a", "b", " cd"), segments.stream().map(SourcePages.Segment::text).toList());
        assertEquals(List.of(0, 1, 2, 1), segments.stream().map(s -> s.marks().size()).toList());
        assertEquals("c-3-7", segments.get(2).marks().get(1).id());
        assertEquals(List.of("c-2-4"), segments.get(2).ends().stream().map(SourcePages.Passage::anchor).toList());
    }

    @Test
    void aPassageLinkOpensTheLetterAtTheMarkedPassage() {
        String id = "ngo-letter-kerry-2016-01-24";
        List<String> anchors = List.copyOf(expectedAnchors(id));
        String anchor = anchors.get(anchors.size() - 1);
        Browser browser = Browser.open().get("/sources/" + id + "#" + anchor);
        browser.waitUntil("document.getElementById(arguments[0]).classList.contains('targeted')", anchor);
        String inView = // scrolled to the top edge, give or take a sub-pixel
                "(function (r) { return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0; })"
                + "(document.getElementById(arguments[0]).getBoundingClientRect())";
        try {
            browser.waitUntil(inView, anchor);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the passage is not scrolled into view: " + browser.script(
                    "return JSON.stringify(document.getElementById(arguments[0]).getBoundingClientRect()) + ' in ' + window.innerHeight;", anchor), e);
        }
        browser.check("source");
    }
}
