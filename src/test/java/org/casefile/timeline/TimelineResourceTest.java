package org.casefile.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casefile.citation.CitationLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET /api/timeline on the seed plus {@link TimelineFixtures}. Rong Chhun's timeline holds the seed's events about him
 * (his arrest, as an incident and as the start of his custody, which two copies of the joint statement state as two
 * custody claims and the timeline shows as one event; the arrests of those who protested it, dated only as an
 * interval; the UN statement) and the fixtures' events, one for each precision the seed lacks (uncertain year, month,
 * day with accents, undated).
 */
@QuarkusTest
class TimelineResourceTest {

    static final List<String> COLUMNS = List.of("id", "type", "title", "date", "earliest", "latest", "precision", "people",
            "organizations", "sources", "quotes", "citations");
    static final String ARREST = "incident:rong-chhun-arrest-2020-07-31";
    static final String DEFENDERS = "incident:arrests-of-defenders-protesting-rong-chhun-detention";
    static final String DARAVY = "incident:chhoeun-daravy-arrest";
    static final String VANNAK = "incident:hun-vannak-arrest";
    static final String UN_STATEMENT = "incident:un-hrc-statement-2020-10-01";
    static final String CUSTODY_START = "custody-start:";
    /** The two copies of the joint statement of 23 March 2021; each states Rong Chhun's arrest as a custody claim. */
    static final List<String> STATEMENTS = List.of("joint-statement-2021-03-23", "joint-statement-2021-03-23-004");
    static final List<String> ARREST_QUOTES = List.of("Mr. Rong Chhun was arrested on July 31, 2020",
            "several other human rights defenders who demonstrated against his detention were also arrested and detained");
    /** Rong Chhun's timeline in order; the custody start by prefix, as its id is a seed fact number. */
    static final List<String> RONG_CHHUN = List.of("incident:fixture-uncertain-year", CUSTODY_START, ARREST,
            DEFENDERS, DARAVY, VANNAK, "incident:fixture-month", UN_STATEMENT, "incident:fixture-pdcc-statement",
            "incident:fixture-undated");

    private static final TimelineFixtures FIXTURES = new TimelineFixtures();

    @BeforeAll
    static void addFixtures() throws Exception {
        FIXTURES.add();
    }

    @AfterAll
    static void removeFixtures() throws Exception {
        FIXTURES.remove();
    }

    @Test
    void rongChhunAsCsv() {
        Response response = given().queryParam("person", "rong-chhun").queryParam("format", "csv")
                .when().get("/api/timeline").then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"casefile-timeline-rong-chhun.csv\""))
                .header("Link", containsString("/api/timeline/csv-metadata.json>; rel=\"describedby\""))
                .extract().response();
        assertTrue(response.contentType().toLowerCase().contains("charset=utf-8"), response.contentType());
        byte[] bytes = response.asByteArray();
        assertEquals('i', bytes[0], "no byte order mark: the file starts with the header");
        String text = new String(bytes, StandardCharsets.UTF_8);

        List<List<String>> rows = TestFormats.csv(text);
        assertEquals(COLUMNS, rows.get(0));
        List<Map<String, String>> events = TestFormats.csvRecords(text);
        List<String> ids = events.stream().map(e -> e.get("id")).toList();
        assertInOrder(RONG_CHHUN, ids);

        Map<String, String> uncertain = events.get(0);
        assertEquals("2019?", uncertain.get("date"));
        assertEquals("year", uncertain.get("precision"));
        assertEquals("2019-01-01", uncertain.get("earliest"));
        assertEquals("2019-12-31", uncertain.get("latest"));

        Map<String, String> custody = events.get(1);
        assertEquals("2020-07-31", custody.get("date"), "same day: the custody start sorts before the incident by id");
        assertEquals("custody_start", custody.get("type"));
        assertEquals("Rong Chhun: arrested (period starts)", custody.get("title"));
        assertEquals("rong-chhun", custody.get("people"));
        assertEquals(1, events.stream().filter(e -> e.get("type").equals("custody_start")).count(),
                "two custody claims of one arrest, one event");
        assertEquals(String.join(" | ", STATEMENTS), custody.get("sources"), "both claims' sources");
        assertEquals(List.of(ARREST_QUOTES.get(0), ARREST_QUOTES.get(1), ARREST_QUOTES.get(0), ARREST_QUOTES.get(1)),
                List.of(custody.get("quotes").split(" \\| ")), "every citation of both claims, claim by claim");
        assertEquals(List.of(STATEMENTS.get(0), STATEMENTS.get(0), STATEMENTS.get(1), STATEMENTS.get(1)),
                java.util.Arrays.stream(custody.get("citations").split(" \\| ")).map(c -> c.substring(0, c.lastIndexOf(':'))).toList());
        assertCitationsPointAtTheirQuotes(custody);

        Map<String, String> arrest = events.get(2);
        assertEquals("arrest", arrest.get("type"));
        assertEquals("Arrest of Rong Chhun", arrest.get("title"));
        assertEquals("2020-07-31", arrest.get("date"));
        assertEquals("2020-07-31", arrest.get("earliest"));
        assertEquals("2020-07-31", arrest.get("latest"));
        assertEquals("day", arrest.get("precision"));
        assertEquals("rong-chhun", arrest.get("people"));
        assertEquals("radio-free-asia", arrest.get("organizations"), "the letter names the radio he spoke to");
        assertEquals(List.of("joint-statement-2021-03-23", "joint-statement-2021-03-23-004", "letter-congress-s3081",
                "letter-un-member-states", "letter-us-congress-members"), List.of(arrest.get("sources").split(" \\| ")),
                "every letter that states the arrest, each once");
        assertTrue(arrest.get("quotes").startsWith("Mr. Rong Chhun was arrested on July 31, 2020 after"), arrest.get("quotes"));
        assertCitationsPointAtTheirQuotes(arrest);

        Map<String, String> defenders = events.get(3);
        assertEquals("2020-07-31/2021-03-23", defenders.get("date"), "an interval stays an interval");
        assertEquals("interval", defenders.get("precision"));
        assertEquals("2020-07-31", defenders.get("earliest"));
        assertEquals("2021-03-23", defenders.get("latest"));

        Map<String, String> month = events.get(6);
        assertEquals(TimelineFixtures.MONTH_TITLE, month.get("title"), "commas, quotes and semicolons survive quoting");
        assertEquals("month", month.get("precision"));
        assertEquals("2020-08-01", month.get("earliest"));
        assertEquals("2020-08-31", month.get("latest"));
        assertEquals(TimelineFixtures.DEMONSTRATORS_QUOTE + " | " + TimelineFixtures.SBK_QUOTE, month.get("quotes"),
                "multi-valued cells are joined with ' | '");
        assertEquals("joint-statement-2021-03-23", month.get("sources"), "a source cited twice is listed once");
        assertEquals(2, month.get("citations").split(" \\| ").length);
        assertCitationsPointAtTheirQuotes(month);

        Map<String, String> pdcc = events.get(8);
        assertEquals(TimelineFixtures.PDCC_TITLE, pdcc.get("title"));
        assertEquals(TimelineFixtures.PDCC_QUOTE, pdcc.get("quotes"), "accents survive as UTF-8");
        assertEquals("pdcc", pdcc.get("organizations"));
        assertCitationsPointAtTheirQuotes(pdcc);

        Map<String, String> undated = events.get(9);
        assertEquals("", undated.get("date"));
        assertEquals("", undated.get("earliest"));
        assertEquals("", undated.get("latest"));
        assertEquals("unknown", undated.get("precision"));
    }

    /** Ids equal the expected ones, those ending in ':' matched as a prefix. */
    static void assertInOrder(List<String> expected, List<String> ids) {
        assertEquals(expected.size(), ids.size(), ids.toString());
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            assertTrue(e.endsWith(":") ? ids.get(i).startsWith(e) : ids.get(i).equals(e), "at " + i + ": " + ids);
        }
    }

    /** Each "<source>:<start>-<end>" is the code-point range of the stored text that holds the quote beside it. */
    private static void assertCitationsPointAtTheirQuotes(Map<String, String> event) {
        String[] quotes = event.get("quotes").split(" \\| ");
        String[] citations = event.get("citations").split(" \\| ");
        assertEquals(quotes.length, citations.length);
        for (int i = 0; i < citations.length; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+):(\\d+)-(\\d+)").matcher(citations[i]);
            assertTrue(m.matches(), citations[i]);
            String text = given().when().get("/api/sources/" + m.group(1) + "/text").then().statusCode(200).extract().asString();
            int start = Integer.parseInt(m.group(2));
            int end = Integer.parseInt(m.group(3));
            String passage = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
            assertEquals(CitationLocator.fold(quotes[i]), CitationLocator.fold(passage), citations[i]);
        }
    }

    @Test
    void rongChhunAsTimelineJs() {
        JsonPath doc = given().queryParam("person", "rong-chhun").queryParam("format", "timelinejs")
                .when().get("/api/timeline").then()
                .statusCode(200).contentType(startsWith("application/json"))
                .extract().jsonPath();
        List<Map<String, Object>> events = assertTimelineJs(doc.getMap(""));
        List<String> ids = events.stream().map(e -> (String) e.get("unique_id")).toList();
        assertEquals(9, ids.size(), "the undated event has no year and is left out: " + ids);
        assertFalse(ids.contains("incident-fixture-undated"));

        List<Map<String, Object>> custody = events.stream().filter(e -> ((String) e.get("unique_id")).startsWith("custody-start-"))
                .toList();
        assertEquals(1, custody.size(), "two custody claims of one arrest, one slide: " + ids);
        assertEquals(Map.of("year", 2020, "month", 7, "day", 31), custody.get(0).get("start_date"));
        @SuppressWarnings("unchecked")
        String custodyText = ((Map<String, String>) custody.get(0).get("text")).get("text");
        for (String source : STATEMENTS) {
            assertTrue(custodyText.contains("/api/sources/" + source + "\">"), custodyText);
        }
        assertEquals(4, custodyText.split("<blockquote>", -1).length - 1, "every citation of both claims: " + custodyText);

        Map<String, Object> arrest = byId(events, "incident-rong-chhun-arrest-2020-07-31");
        assertEquals(Map.of("year", 2020, "month", 7, "day", 31), arrest.get("start_date"));
        assertNull(arrest.get("end_date"));
        @SuppressWarnings("unchecked")
        Map<String, String> text = (Map<String, String>) arrest.get("text");
        assertEquals("Arrest of Rong Chhun", text.get("headline"));
        assertTrue(text.get("text").contains("Mr. Rong Chhun was arrested on July 31, 2020"), text.get("text"));
        assertTrue(text.get("text").contains("/api/sources/joint-statement-2021-03-23\">"), text.get("text"));

        assertEquals(Map.of("year", 2020, "month", 8), byId(events, "incident-fixture-month").get("start_date"),
                "a month-precision event has no day");
        Map<String, Object> daravy = byId(events, "incident-chhoeun-daravy-arrest");
        assertEquals(Map.of("year", 2020, "month", 7, "day", 31), daravy.get("start_date"));
        assertEquals(Map.of("year", 2021, "month", 3), daravy.get("end_date"), "an interval ends only as precisely as stated");
        Map<String, Object> year = byId(events, "incident-fixture-uncertain-year");
        assertEquals(Map.of("year", 2019), year.get("start_date"), "a year-precision event has only a year");
        assertEquals("2019?", year.get("display_date"), "the uncertainty stays visible");
        @SuppressWarnings("unchecked")
        Map<String, String> pdcc = (Map<String, String>) byId(events, "incident-fixture-pdcc-statement").get("text");
        assertTrue(pdcc.get("text").contains("Pro Démocratie pour le Cambodge du Canada (PDCC)"), pdcc.get("text"));
    }

    /**
     * The TimelineJS 3 JSON format (https://timeline.knightlab.com/docs/json-format.html): an optional title slide
     * with text; events, each with a start_date whose year is a number (month 1-12 and day 1-31 optional, day only
     * with a month), an optional end_date of the same shape, text with a headline, and unique_ids unique.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> assertTimelineJs(Map<String, Object> doc) {
        Set<String> allowed = Set.of("title", "events", "eras", "scale");
        assertTrue(allowed.containsAll(doc.keySet()), "unknown top-level members: " + doc.keySet());
        Map<String, Object> title = (Map<String, Object>) doc.get("title");
        assertNotNull(title, "a title slide");
        assertInstanceOf(String.class, ((Map<String, Object>) title.get("text")).get("headline"));
        List<Map<String, Object>> events = (List<Map<String, Object>>) doc.get("events");
        assertNotNull(events, "events is required");
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> e : events) {
            assertDate((Map<String, Object>) e.get("start_date"), e);
            if (e.containsKey("end_date")) {
                assertDate((Map<String, Object>) e.get("end_date"), e);
            }
            Map<String, Object> text = (Map<String, Object>) e.get("text");
            assertNotNull(text, "text: " + e);
            assertTrue(text.get("headline") instanceof String h && !h.isBlank(), "a headline: " + e);
            assertTrue(text.get("text") instanceof String, "text.text: " + e);
            assertTrue(e.get("unique_id") instanceof String id && id.matches("[A-Za-z0-9_-]+"), "unique_id: " + e);
            assertTrue(ids.add((String) e.get("unique_id")), "unique_id repeated: " + e.get("unique_id"));
            if (e.containsKey("group")) {
                assertInstanceOf(String.class, e.get("group"));
            }
            Set<String> members = Set.of("start_date", "end_date", "text", "media", "group", "display_date", "background",
                    "autolink", "unique_id");
            assertTrue(members.containsAll(e.keySet()), "unknown slide members: " + e.keySet());
        }
        return events;
    }

    private static void assertDate(Map<String, Object> date, Map<String, Object> event) {
        assertNotNull(date, "start_date is required: " + event);
        assertTrue(date.get("year") instanceof Integer, "year is a number: " + event);
        Object month = date.get("month");
        Object day = date.get("day");
        assertTrue(month == null || month instanceof Integer m && m >= 1 && m <= 12, "month 1-12: " + event);
        assertTrue(day == null || day instanceof Integer d && d >= 1 && d <= 31, "day 1-31: " + event);
        assertTrue(day == null || month != null, "a day only with a month: " + event);
        Set<String> members = Set.of("year", "month", "day", "hour", "minute", "second", "millisecond", "display_date");
        assertTrue(members.containsAll(date.keySet()), "unknown date members: " + date.keySet());
    }

    private static Map<String, Object> byId(List<Map<String, Object>> events, String id) {
        return events.stream().filter(e -> id.equals(e.get("unique_id"))).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    @Test
    void rongChhunAsICalendar() {
        Response response = given().queryParam("person", "rong-chhun").queryParam("format", "ics")
                .when().get("/api/timeline").then()
                .statusCode(200)
                .contentType(startsWith("text/calendar"))
                .header("Content-Disposition", equalTo("attachment; filename=\"casefile-timeline-rong-chhun.ics\""))
                .extract().response();
        List<TestFormats.Line> lines = TestFormats.ics(new String(response.asByteArray(), StandardCharsets.UTF_8));
        assertEquals("BEGIN", lines.get(0).name());
        assertEquals("VCALENDAR", lines.get(0).value());
        assertEquals(new TestFormats.Line("END", "", "VCALENDAR"), lines.get(lines.size() - 1));
        assertEquals("2.0", value(lines, "VERSION"));
        assertNotNull(value(lines, "PRODID"));
        assertEquals("6", value(lines, "X-CASEFILE-OMITTED-EVENTS"),
                "uncertain year, month, undated and the three intervals have no known day and are left out");

        List<List<TestFormats.Line>> events = vevents(lines);
        List<String> uids = events.stream().map(e -> value(e, "UID")).toList();
        assertTrue(uids.stream().allMatch(u -> u.endsWith("@casefile")), uids.toString());
        assertInOrder(List.of(CUSTODY_START, ARREST, UN_STATEMENT, "incident:fixture-pdcc-statement"),
                uids.stream().map(u -> u.substring(0, u.length() - "@casefile".length())).toList());
        for (List<TestFormats.Line> e : events) {
            assertTrue(value(e, "DTSTAMP").matches("\\d{8}T\\d{6}Z"), value(e, "DTSTAMP"));
            assertNotNull(value(e, "SUMMARY"));
            assertNotNull(value(e, "DESCRIPTION"));
        }
        String custody = TestFormats.icsText(value(events.get(0), "DESCRIPTION"));
        for (String source : STATEMENTS) {
            assertTrue(custody.contains("\u2014 " + source + ", code points"), "both claims' citations, one entry: " + custody);
        }
        List<TestFormats.Line> arrest = events.get(1);
        TestFormats.Line start = arrest.stream().filter(l -> l.name().equals("DTSTART")).findFirst().orElseThrow();
        assertEquals(new TestFormats.Line("DTSTART", "VALUE=DATE", "20200731"), start);
        assertEquals(new TestFormats.Line("DTEND", "VALUE=DATE", "20200801"),
                arrest.stream().filter(l -> l.name().equals("DTEND")).findFirst().orElseThrow(), "DTEND is the next day");
        assertEquals("Arrest of Rong Chhun", TestFormats.icsText(value(arrest, "SUMMARY")));
        String description = TestFormats.icsText(value(arrest, "DESCRIPTION"));
        assertTrue(description.contains("Mr. Rong Chhun was arrested on July 31, 2020 after"), description);
        assertTrue(description.contains("joint-statement-2021-03-23"), description);
        assertTrue(value(arrest, "DESCRIPTION").contains("July 31\\, 2020"), "commas are escaped");
        assertTrue(value(arrest, "DESCRIPTION").contains("\\n"), "line breaks are escaped");
        assertEquals(TimelineFixtures.PDCC_TITLE, TestFormats.icsText(value(events.get(3), "SUMMARY")));
    }

    private static String value(List<TestFormats.Line> lines, String name) {
        return lines.stream().filter(l -> l.name().equals(name)).map(TestFormats.Line::value).findFirst().orElse(null);
    }

    private static List<List<TestFormats.Line>> vevents(List<TestFormats.Line> lines) {
        List<List<TestFormats.Line>> events = new ArrayList<>();
        List<TestFormats.Line> current = null;
        for (TestFormats.Line l : lines) {
            if (l.name().equals("BEGIN") && l.value().equals("VEVENT")) {
                assertNull(current, "nested VEVENT");
                current = new ArrayList<>();
            } else if (l.name().equals("END") && l.value().equals("VEVENT")) {
                assertNotNull(current, "END:VEVENT without BEGIN");
                events.add(current);
                current = null;
            } else if (current != null) {
                current.add(l);
            }
        }
        assertNull(current, "unterminated VEVENT");
        return events;
    }

    @Test
    void rongChhunAsJson() {
        given().queryParam("person", "rong-chhun").queryParam("format", "json")
                .when().get("/api/timeline").then()
                .statusCode(200).contentType(startsWith("application/json"))
                .body("total", equalTo(10))
                .body("items.size()", equalTo(10))
                .body("items[2].id", equalTo(ARREST))
                .body("items[2].date", equalTo("2020-07-31"))
                .body("items[2].precision", equalTo("day"))
                .body("items[2].people", equalTo(List.of("rong-chhun")))
                .body("items[2].citations[0].source", equalTo("joint-statement-2021-03-23"))
                .body("items[2].citations[0].quote", startsWith("Mr. Rong Chhun was arrested"))
                .body("items[2].citations[0].start", org.hamcrest.Matchers.greaterThan(0))
                .body("items[2].facts.size()", equalTo(1))
                .body("items[8].citations[0].quote", equalTo(TimelineFixtures.PDCC_QUOTE))
                .body("items[9].date", equalTo(null))
                .body("items[9].precision", equalTo("unknown"));
    }

    /**
     * The two copies of the joint statement each state Rong Chhun's arrest as a custody claim (seed/facts/002_... and
     * 004_...): one custody change, so one event, named by the lower fact id and carrying both claims' citations.
     */
    @Test
    void oneCustodyChangeStatedByTwoSourcesIsOneEventWithEveryCitation() {
        JsonPath doc = given().queryParam("person", "rong-chhun").queryParam("type", "custody_start").queryParam("format", "json")
                .when().get("/api/timeline").then().statusCode(200).extract().jsonPath();
        assertEquals(1, doc.getInt("total"), doc.prettify());
        Map<String, Object> custody = doc.getMap("items[0]");
        assertEquals("custody_start", custody.get("type"));
        assertEquals("Rong Chhun: arrested (period starts)", custody.get("title"));
        assertEquals("2020-07-31", custody.get("date"));
        assertEquals("day", custody.get("precision"));
        assertEquals(List.of("rong-chhun"), custody.get("people"));
        assertEquals(STATEMENTS, custody.get("sources"));
        assertEquals(List.of(STATEMENTS.get(0), STATEMENTS.get(0), STATEMENTS.get(1), STATEMENTS.get(1)),
                doc.getList("items[0].citations.source"));
        assertEquals(List.of(ARREST_QUOTES.get(0), ARREST_QUOTES.get(1), ARREST_QUOTES.get(0), ARREST_QUOTES.get(1)),
                doc.getList("items[0].citations.quote"));

        List<Long> facts = doc.getList("items[0].facts", Long.class);
        assertEquals(2, facts.size(), facts.toString());
        assertTrue(facts.get(0) < facts.get(1), "ascending: " + facts);
        assertEquals(CUSTODY_START + facts.get(0), custody.get("id"), "named by the lower fact id, as one claim was before");
        for (int i = 0; i < facts.size(); i++) {
            // Each fact is one source's claim of the same change.
            JsonPath fact = given().when().get("/api/facts/" + facts.get(i)).then().statusCode(200).extract().jsonPath();
            assertEquals("custody", fact.getString("kind"));
            assertEquals("rong-chhun", fact.getString("fields.person_id"));
            assertEquals("arrested", fact.getString("fields.state"));
            assertEquals("2020-07-31", fact.getString("fields.start_edtf"));
            assertEquals(List.of(STATEMENTS.get(i)), fact.getList("citations.source").stream().distinct().toList());
        }

        // The other filters find the one event too: either source, the day, and the whole timeline.
        for (String source : STATEMENTS) {
            JsonPath bySource = given().queryParam("person", "rong-chhun").queryParam("type", "custody_start")
                    .queryParam("source", source).when().get("/api/timeline").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(custody.get("id")), bySource.getList("items.id"), source);
            assertEquals(STATEMENTS, bySource.getList("items[0].sources"), "a source's timeline shows every claim's citations");
            assertEquals(4, bySource.getList("items[0].citations").size());
        }
        assertIds("person=rong-chhun&type=custody_start&from=2020-07-31&to=2020-07-31", List.of((String) custody.get("id")));
        List<String> all = given().when().get("/api/timeline?format=json").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
        assertTrue(all.contains((String) custody.get("id")), all.toString());
        assertFalse(all.contains(CUSTODY_START + facts.get(1)), "the second claim names no event of its own");
    }

    @ParameterizedTest
    @CsvSource({
            "text/csv,, text/csv",
            "text/calendar,, text/calendar",
            "application/json,, application/json",
            "'text/html, */*;q=0.8',, application/json",
            "application/json, csv, text/csv",
            "text/csv, ics, text/calendar",
    })
    void acceptHeaderChoosesTheFormatUnlessFormatIsGiven(String accept, String format, String expected) {
        var request = given().accept(accept).queryParam("person", "rong-chhun");
        if (format != null) {
            request.queryParam("format", format);
        }
        request.when().get("/api/timeline").then().statusCode(200).contentType(startsWith(expected))
                .header("Vary", containsString("Accept"));
    }

    @ParameterizedTest
    @CsvSource({"'', application/json", "'garbage, text/csv', text/csv", "'text/csv;q=0.1, text/calendar', text/calendar",
            "'text/csv;q=0, application/json;q=0.5', application/json", "'text/*', text/csv"})
    void acceptHeadersAreReadByPreference(String accept, String expected) {
        given().header("Accept", accept).when().get("/api/timeline").then().statusCode(200)
                .contentType(startsWith(expected));
    }

    @Test
    void anAcceptHeaderWithNothingCasefileWritesIs406UnlessFormatIsGiven() {
        given().accept("application/xml").when().get("/api/timeline").then()
                .statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("format="));
        given().accept("application/xml").queryParam("format", "csv").when().get("/api/timeline").then()
                .statusCode(200).contentType(startsWith("text/csv"));
        given().header("Accept", "garbage").queryParam("format", "ics").when().get("/api/timeline").then()
                .statusCode(200).contentType(startsWith("text/calendar"));
    }

    @Test
    void theWholeTimelineHasEveryKindOfEventInOrder() {
        JsonPath doc = given().queryParam("format", "json").when().get("/api/timeline").then().statusCode(200)
                .extract().jsonPath();
        List<String> ids = doc.getList("items.id");
        List<String> types = doc.getList("items.type");
        assertTrue(ids.stream().anyMatch(i -> i.startsWith("figure:")), ids.toString());
        assertTrue(ids.contains("source:joint-letter-kerry-2016-01-25"), ids.toString());
        assertTrue(types.contains("charge_convicted"), types.toString());
        assertTrue(types.contains("source_published"), types.toString());
        assertTrue(types.contains("reported_figure"), types.toString());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids are unique");
        List<Map<String, Object>> custody = doc.<Map<String, Object>>getList("items").stream()
                .filter(e -> ((String) e.get("type")).startsWith("custody_")).toList();
        assertFalse(custody.isEmpty());
        assertEquals(custody.size(), custody.stream().map(e -> List.of(e.get("type"), e.get("title"), e.get("date"))).distinct().count(),
                "one event per custody change (person, state and stated date): " + custody);
        List<String> earliest = doc.getList("items.earliest");
        List<String> dated = earliest.stream().takeWhile(d -> d != null).toList();
        assertEquals(dated.stream().sorted().toList(), dated, "sorted by earliest day");
        assertTrue(earliest.subList(dated.size(), earliest.size()).stream().allMatch(d -> d == null), "undated last");
        assertEquals(doc.getInt("total"), ids.size());
    }

    @Test
    void filtersNarrowTheTimeline() {
        List<String> arrests = List.of(CUSTODY_START, ARREST, DEFENDERS, DARAVY, VANNAK, "incident:fixture-month");
        assertIds("person=rong-chhun&type=custody_start", List.of(CUSTODY_START));
        assertIds("person=rong-chhun&type=arrest,custody_start", arrests);
        assertIds("person=rong-chhun&type=arrest&type=custody_start", arrests);
        // A range keeps the events that may fall in it: the intervals that span it too.
        assertIds("person=rong-chhun&from=2020-08-15&to=2020-08-15", List.of(DEFENDERS, DARAVY, VANNAK, "incident:fixture-month"));
        assertIds("person=rong-chhun&from=2021-01-01", List.of(DEFENDERS, DARAVY, VANNAK, "incident:fixture-pdcc-statement"));
        assertIds("person=rong-chhun&to=2019-06-30", List.of("incident:fixture-uncertain-year"));
        assertIds("incident=rong-chhun-arrest-2020-07-31", List.of(ARREST));
        assertIds("organization=pdcc&person=rong-chhun", List.of("incident:fixture-pdcc-statement"));
        assertIds("source=ngo-letter-kerry-2016-01-24&type=source_published", List.of("source:ngo-letter-kerry-2016-01-24"));
        JsonPath bySource = given().queryParam("source", "ngo-letter-kerry-2016-01-24").when().get("/api/timeline")
                .then().statusCode(200).extract().jsonPath();
        for (List<String> sources : bySource.<List<String>>getList("items.sources")) {
            assertTrue(sources.contains("ngo-letter-kerry-2016-01-24"), sources + " in " + bySource.getList("items.id"));
        }
        assertTrue(bySource.getList("items.id").contains("incident:kem-sokha-removal-2015-10-30"));
    }

    private static void assertIds(String query, List<String> expected) {
        List<String> ids = given().when().get("/api/timeline?format=json&" + query).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertInOrder(expected, ids);
    }

    @Test
    void anEmptyResultIsAValidEmptyFile() {
        String csv = given().queryParam("person", "meach-sovannara").queryParam("type", "arrest").queryParam("format", "csv")
                .when().get("/api/timeline").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"casefile-timeline-meach-sovannara-arrest.csv\""))
                .extract().asString();
        assertEquals(String.join(",", COLUMNS) + "\r\n", csv);

        String ics = given().queryParam("person", "meach-sovannara").queryParam("type", "arrest").queryParam("format", "ics")
                .when().get("/api/timeline").then().statusCode(200).extract().asString();
        List<TestFormats.Line> lines = TestFormats.ics(ics);
        assertEquals("0", value(lines, "X-CASEFILE-OMITTED-EVENTS"));
        assertTrue(vevents(lines).isEmpty());

        Map<String, Object> tl = given().queryParam("organization", "cnrp").queryParam("type", "custody_start")
                .queryParam("format", "timelinejs").when().get("/api/timeline").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertTrue(assertTimelineJs(tl).isEmpty());

        given().queryParam("person", "meach-sovannara").queryParam("type", "arrest").when().get("/api/timeline").then()
                .statusCode(200).body("items.size()", equalTo(0)).body("total", equalTo(0));
    }

    @ParameterizedTest
    @CsvSource({
            "person=nobody, person",
            "organization=nobody, organization",
            "incident=nothing-happened, incident",
            "source=no-such-letter, source",
            "from=2020-13-01, from",
            "to=31.07.2020, to",
            "from=2021-01-01&to=2020-01-01, from",
            "format=xlsx, format",
            "type=massacre, type",
            "'type=arrest,bogus', type",
    })
    void badInputIs400NamingTheParameter(String query, String parameter) {
        given().accept("text/csv").when().get("/api/timeline?" + query).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void csvwMetadataDescribesTheColumnsInOrder() {
        JsonPath meta = given().when().get("/api/timeline/csv-metadata.json").then()
                .statusCode(200).contentType(startsWith("application/csvm+json"))
                .body("'@context'", equalTo("http://www.w3.org/ns/csvw"))
                .body("url", containsString("/api/timeline?format=csv"))
                .body("dialect.header", equalTo(true))
                .body("tableSchema.primaryKey", equalTo("id"))
                .extract().jsonPath();
        assertEquals(COLUMNS, meta.getList("tableSchema.columns.name"));
        List<Map<String, Object>> columns = meta.getList("tableSchema.columns");
        for (Map<String, Object> c : columns) {
            boolean multi = List.of("people", "organizations", "sources", "quotes", "citations").contains(c.get("name"));
            assertEquals(multi ? " | " : null, c.get("separator"), c.toString());
        }
        assertEquals("date", columns.get(COLUMNS.indexOf("earliest")).get("datatype"));
    }
}
