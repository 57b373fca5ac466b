package org.casefile.person;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.problem.MergedException;
import org.casefile.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The people pages, / and /people/{id}, through the real stack and in the real browser. */
@QuarkusTest
class PersonPagesTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    static RequestSpecification page() {
        return given().accept(HTML).redirects().follow(false);
    }

    static String html(String path, int status) throws Exception {
        String body = page().urlEncodingEnabled(false).get(path).then().statusCode(status).contentType(containsString("text/html"))
                .extract().asString();
        // Kept for review next to the screenshots.
        Path out = Path.of("target", "pages", path.replaceAll("[^A-Za-z0-9-]+", "_") + ".html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, body);
        return body;
    }

    @Test
    void aNameSearchFindsKemSokhaByAnotherSpellingAsTheApiDoes() throws Exception {
        String body = html("/?q=Khem%20Sokha", 200);
        assertTrue(body.contains("<h1>People matching “Khem Sokha”</h1>"), body);
        assertTrue(body.contains("<link rel=\"canonical\" href=\"/?q=Khem%20Sokha\">"), "the canonical URL carries the query");
        String firstApi = given().queryParam("q", "Khem Sokha").get("/api/persons").then().statusCode(200).extract().path("items[0].id");
        assertEquals("kem-sokha", firstApi);
        Matcher first = Pattern.compile("<th scope=\"row\"><a href=\"(/people/[^\"]+)\">").matcher(body);
        assertTrue(first.find(), body);
        assertEquals("/people/kem-sokha", first.group(1), "the best match first, as the API ranks it");
        assertTrue(body.contains(">Kem Sokha</a>"));
    }

    @Test
    void theFrontPageListsPeopleOfConcernWithStatusCertaintyTheirPassageAndTheCounts() throws Exception {
        String body = html("/?asOf=2021-03-23", 200);
        assertTrue(body.contains("<h1>People of concern</h1>"));
        assertTrue(body.contains("<link rel=\"canonical\" href=\"/?asOf=2021-03-23\">"));
        // Every person of concern the API lists on that day, by name, with the status in words.
        List<String> ids = given().queryParam("concern", "true").queryParam("asOf", "2021-03-23").queryParam("size", "20")
                .get("/api/persons").then().statusCode(200).extract().path("items.id");
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            assertTrue(body.contains("<a href=\"/people/" + id + "\">"), id);
        }
        assertTrue(body.contains("<a href=\"/people/rong-chhun\">Rong Chhun</a>"));
        // Rong Chhun on 23 March 2021: his status as the API judges it, in words, with how sure, resting on a letter's passage.
        String row = rowOf(body, "rong-chhun");
        Response status = given().queryParam("asOf", "2021-03-23").get("/api/persons/rong-chhun/status");
        assertTrue(row.contains(">" + org.casefile.web.PageText.words(status.path("status")) + "</span>"), row);
        assertTrue(row.contains(status.<String>path("certainty")), row);
        String source = status.path("claims[0].citations[0].source");
        int start = status.path("claims[0].citations[0].start");
        int end = status.path("claims[0].citations[0].end");
        assertTrue(row.contains("href=\"/sources/" + source + "#c-" + start + "-" + end + "\""), "the passage of the claim confirmed latest: " + row);
        // Presumed statuses are labelled with the day last confirmed.
        String presumed = given().queryParam("concern", "true").queryParam("asOf", "2021-03-23").get("/api/persons")
                .then().extract().path("items.find { it.certainty == 'presumed' }.id");
        if (presumed != null) {
            assertTrue(rowOf(body, presumed).contains("presumed: last confirmed"), rowOf(body, presumed));
        }
        // The headline counts, both totals of GET /api/counts for that day, each linking to its evidence.
        Response count = given().queryParam("asOf", "2021-03-23").get("/api/counts");
        long confirmed = count.path("totals.confirmed") instanceof Number n ? n.longValue() : -1;
        long lastKnown = count.path("totals.lastKnown") instanceof Number n ? n.longValue() : -1;
        assertTrue(body.contains("<span class=\"figure\">" + confirmed + "</span> confirmed"), body);
        assertTrue(body.contains("<span class=\"figure\">" + lastKnown + "</span> by last known status"), body);
        assertTrue(body.contains("href=\"/counts?asOf=2021-03-23&amp;basis=confirmed\""));
        assertTrue(body.contains("href=\"/counts?asOf=2021-03-23&amp;basis=last_known\""));
    }

    @Test
    void filtersAreInTheCanonicalUrlAndTheFormAndPagesKeepThem() throws Exception {
        String body = html("/?status=detained&asOf=2021-03-23&basis=confirmed&size=1", 200);
        assertTrue(body.contains("<link rel=\"canonical\" href=\"/?status=detained&amp;asOf=2021-03-23&amp;basis=confirmed&amp;size=1\">"), body);
        assertTrue(body.contains("<option value=\"detained\" selected>"));
        assertTrue(body.contains("<option value=\"confirmed\" selected>"));
        assertTrue(body.contains("value=\"2021-03-23\""));
        assertTrue(body.contains("<details class=\"filter-panel\" open>"), "filters given: shown open");
        long total = ((Number) given().queryParam("status", "detained").queryParam("asOf", "2021-03-23").queryParam("basis", "confirmed")
                .queryParam("concern", "true").get("/api/persons").path("total")).longValue();
        if (total > 1) {
            assertTrue(body.contains("href=\"/?status=detained&amp;asOf=2021-03-23&amp;basis=confirmed&amp;page=1&amp;size=1\""), body);
        }
        assertEquals(Math.min(total, 1), Pattern.compile("<th scope=\"row\">").matcher(body).results().count());
    }

    @Test
    void withNoFilterGivenTheFiltersStayClosedSoTheCountsComeFirst() throws Exception {
        String body = html("/", 200);
        assertTrue(body.contains("<details class=\"filter-panel\">"), body);
        assertTrue(html("/?q=Sokha", 200).contains("<details class=\"filter-panel\">"), "a name alone is not a filter");
        assertTrue(html("/?basis=confirmed", 200).contains("<details class=\"filter-panel\" open>"));
        assertTrue(html("/?asOf=not-a-day", 400).contains("<details class=\"filter-panel\" open>"), "the field to correct is shown");
    }

    @Test
    void aNameNoOneHasSaysSoAndSuggestsWhereToGo() throws Exception {
        String body = html("/?q=xyzzyq", 200);
        assertTrue(body.contains("No name in the records matches “<strong>xyzzyq</strong>”"), body);
        assertFalse(body.contains("<table class=\"people\">"), "never a blank table");
        assertTrue(body.contains("<ul class=\"suggestions\">"));
        assertTrue(body.contains("<a href=\"/people/kem-sokha\">Kem Sokha</a>"), "the people of concern are offered");
        // A misspelt surname next to a made-up word: the word that finds someone is suggested.
        String looser = html("/?q=Sokha%20Qwrtzx", 200);
        if (looser.contains("No name in the records matches")) {
            assertTrue(looser.contains("Did you mean"), looser);
            assertTrue(looser.contains("/people/kem-sokha"), looser);
        }
    }

    @Test
    void aValueHoldingMarkupIsShownAsText() throws Exception {
        String body = html("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200);
        assertFalse(body.contains("<script>alert(1)</script>"), "the query is escaped, never markup");
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
    }

    @Test
    void aBadDayIsA400PageWithTheMessageByTheForm() throws Exception {
        String body = html("/?asOf=2021-02-30", 400);
        assertTrue(body.contains("role=\"alert\""), body);
        assertTrue(body.contains("asOf"), body);
        assertTrue(body.contains("value=\"2021-02-30\""), "the form keeps what was given, to be corrected");
        html("/?status=asleep", 400);
        html("/people/kem-sokha?asOf=yesterday", 400);
    }

    @Test
    void aPersonsCase() throws Exception {
        String body = html("/people/kem-sokha", 200);
        assertTrue(body.contains("<h1>Kem Sokha</h1>"));
        assertTrue(body.contains("<link rel=\"canonical\" href=\"/people/kem-sokha\">"));
        // Every name form, with the letters that write it.
        List<String> names = given().get("/api/persons/kem-sokha").then().statusCode(200).extract().path("names.name");
        for (String name : names) {
            assertTrue(body.contains("<th scope=\"row\">" + name + "</th>") || body.contains("<th scope=\"row\" lang=\"km\">" + name + "</th>"), name);
        }
        List<String> khmer = given().get("/api/persons/kem-sokha").then().extract().path("names.findAll { it.form == 'khmer_script' }.name");
        khmer.forEach(name -> assertTrue(body.contains("lang=\"km\">" + name + "<"), name));
        // The status sentence and the chart: a band per run, presumed ones hatched, a tick per confirmation, a year axis.
        assertTrue(body.contains("class=\"status-sentence\""));
        List<String> certainties = given().get("/api/persons/kem-sokha").then().extract().path("statusHistory.certainty");
        assertFalse(certainties.isEmpty());
        int svgAt = body.indexOf("<svg class=\"custody-chart\"");
        assertTrue(svgAt >= 0, body);
        String chart = body.substring(svgAt, body.indexOf("</svg>", svgAt));
        assertTrue(chart.contains("role=\"img\""));
        assertEquals(certainties.size(), Pattern.compile("<rect class=\"band (held|free|other) ").matcher(chart).results().count(),
                "one band per run");
        for (String c : certainties) {
            assertTrue(Pattern.compile("<rect class=\"band (held|free|other) " + c + "\"").matcher(chart).find(), c);
        }
        if (certainties.contains("presumed")) {
            assertTrue(chart.contains("<pattern id=\"hatch-held\""), "presumed bands are hatched");
        }
        // A tick per day a source confirms: the custody facts' confirmed days and each run's last confirmed day.
        java.util.Set<String> days = new java.util.HashSet<>(given().get("/api/persons/kem-sokha").then().extract()
                .<List<String>>path("custody.findAll { it.confirmed != null && it.rank != 'deprecated' }.confirmed"));
        days.addAll(given().get("/api/persons/kem-sokha").then().extract().<List<String>>path("statusHistory.findAll { it.lastConfirmed != null }.lastConfirmed"));
        assertFalse(days.isEmpty());
        assertEquals(days.size(), Pattern.compile("<line class=\"confirmation\" x1").matcher(chart).results().count());
        assertTrue(chart.contains("class=\"year-label\""));
        assertTrue(body.contains("hatched: presumed"), "a legend in words");
        // Quotes link to the letter at their passage.
        Matcher quote = Pattern.compile("<a class=\"passage\" href=\"(/sources/[a-z0-9-]+#c-(\\d+)-(\\d+))\"").matcher(body);
        assertTrue(quote.find(), body);
        assertTrue(Integer.parseInt(quote.group(2)) < Integer.parseInt(quote.group(3)));
    }

    @Test
    void theStatusOnADayIsExplainedInASentence() throws Exception {
        String body = html("/people/rong-chhun?asOf=2021-03-23", 200);
        String sentence = body.substring(body.indexOf("class=\"status-sentence\""), body.indexOf("</p>", body.indexOf("class=\"status-sentence\"")));
        String status = given().queryParam("asOf", "2021-03-23").get("/api/persons/rong-chhun/status").path("status");
        String certainty = given().queryParam("asOf", "2021-03-23").get("/api/persons/rong-chhun/status").path("certainty");
        assertTrue(sentence.contains("On 23 March 2021 Rong Chhun was"), sentence);
        assertTrue(sentence.contains(certainty), sentence);
        assertTrue(sentence.contains(PersonPageText.phrase(status)), sentence);
        assertTrue(sentence.contains("last confirmed"), sentence);
        assertTrue(Pattern.compile("by <a class=\"passage\" href=\"/sources/[a-z0-9-]+#c-\\d+-\\d+\"").matcher(sentence).find(), sentence);
        assertTrue(body.contains("<link rel=\"canonical\" href=\"/people/rong-chhun?asOf=2021-03-23\">"));
        // Long before any claim: unknown, said so, with the nearest claims.
        String before = html("/people/rong-chhun?asOf=1990-01-01", 200);
        assertTrue(before.contains("No source gives Rong Chhun’s custody status on 1 January 1990"), before);
        assertTrue(before.contains("The nearest claims"), before);
    }

    @Test
    void anUnknownPersonIsA404PageWithSearch() throws Exception {
        String body = html("/people/no-such-person", 404);
        assertTrue(body.contains("role=\"search\""));
        assertTrue(body.contains("no-such-person"));
    }

    @Test
    void theBrowserJourney() {
        Browser browser = Browser.open().get("/");
        browser.check("home");
        WebElement box = browser.find("#q");
        box.sendKeys("Khem Sokha", Keys.ENTER);
        browser.waitUntil("document.querySelector('h1') && document.querySelector('h1').textContent.indexOf('Khem Sokha') >= 0");
        assertEquals("/?q=Khem%20Sokha", browser.find("link[rel=canonical]").getAttribute("href").replace(Browser.baseUrl(), ""));
        browser.check("search-khem-sokha");
        browser.find("table.people a[href='/people/kem-sokha']").click();
        browser.waitUntil("location.pathname === '/people/kem-sokha'");
        assertEquals("Kem Sokha", browser.find("h1").getText());
        assertTrue(browser.find("svg.custody-chart").isDisplayed());
        assertFalse(browser.findAll("svg.custody-chart rect.band").isEmpty());
        String href = browser.find("a.passage").getAttribute("href").replace(Browser.baseUrl(), "");
        assertTrue(href.matches("/sources/[a-z0-9-]+#c-\\d+-\\d+"), href);
        browser.check("person-kem-sokha");
        // A quote from the 2016 NGO letter opens that letter with the passage marked and in view.
        WebElement quote = browser.find("a.passage[href^='/sources/ngo-letter-kerry-2016-01-24#c-']");
        String anchor = quote.getAttribute("href").replaceFirst(".*#", "");
        browser.script("arguments[0].scrollIntoView({block: 'center'});", quote);
        quote.click();
        browser.waitUntil("location.pathname === '/sources/ngo-letter-kerry-2016-01-24'");
        browser.waitUntil("document.getElementById(arguments[0]).classList.contains('targeted')", anchor);
        browser.waitUntil("(function (r) { return r.top >= -1 && r.top < window.innerHeight; })"
                + "(document.getElementById(arguments[0]).getBoundingClientRect())", anchor);
        // The marked passage is the letter's text between the citation's code-point offsets (or, where passages
        // overlap, its first segment).
        String text = given().get("/api/sources/ngo-letter-kerry-2016-01-24/text").then().statusCode(200).extract().asString();
        String[] offsets = anchor.substring(2).split("-");
        int from = text.offsetByCodePoints(0, Integer.parseInt(offsets[0]));
        String passage = text.substring(from, text.offsetByCodePoints(from, Integer.parseInt(offsets[1]) - Integer.parseInt(offsets[0])));
        String marked = (String) browser.script("return document.getElementById(arguments[0]).textContent;", anchor);
        assertFalse(marked.isBlank());
        assertTrue(passage.startsWith(marked), "marked '" + marked + "', cited '" + passage + "'");
        browser.get("/people/rong-chhun?asOf=2021-03-23");
        browser.check("person-rong-chhun");
    }

    @Test
    void aMergedIdRedirectsToTheSurvivorKeepingTheDay() {
        // The page answers the merge as the API's document read raises it: the old id goes to the surviving record.
        PersonDocuments merged = new PersonDocuments(null, null, null, null, null, null) {
            @Override
            public byte[] json(String id) {
                throw new MergedException("Person", id, "kem-sokha");
            }
        };
        var response = new PersonPages(null, merged, null, null, null, null, null, null).person("khem-sokha", "2021-03-23", null);
        assertEquals(308, response.getStatus());
        assertEquals("/people/kem-sokha?asOf=2021-03-23", response.getLocation().toString());
    }

    @Test
    void datesAsStatedReadAsWords() {
        assertEquals("31 July 2020", PersonPageText.edtf("2020-07-31"));
        assertEquals("July 2015", PersonPageText.edtf("2015-07"));
        assertEquals("2017", PersonPageText.edtf("2017"));
        assertEquals("31 July 2020 – 23 March 2021", PersonPageText.edtf("2020-07-31/2021-03-23"));
        assertEquals("2016-01-?", PersonPageText.edtf("2016-01-?"));
    }

    /** The table row of a person on the front page. */
    private static String rowOf(String body, String id) {
        int at = body.indexOf("<a href=\"/people/" + id + "\">");
        assertTrue(at >= 0, id);
        return body.substring(at, body.indexOf("</tr>", at));
    }
}
