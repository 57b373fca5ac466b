package org.casefile.draft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casefile.support.Passages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/drafts on the seed letters: counts, figures, names and sentences, every one footnoted to its passages. */
@QuarkusTest
class DraftResourceTest {

    /** The README's worked example. */
    static final String TEMPLATE = "As of {{asOf}}, the joint letter to Secretary Kerry counted "
            + "{{figure source=joint-letter-kerry-2016-01-25 category=political_prisoners}} political prisoners, and the NGO letter "
            + "of the day before {{figure source=ngo-letter-kerry-2016-01-24 category=opposition_detained}} detained opposition "
            + "members and supporters. Casefile's records name {{count status=detained}} of them: {{list status=detained}}. "
            + "{{person meach-sovannara}}.";

    static JsonPath render(String template, String format) {
        return given().contentType("application/json").body(Map.of("template", template, "asOf", "2016-01-25", "format", format))
                .post("/api/drafts").then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void aCountAFigureAndAListRenderWithFootnotesThatVerifyAgainstTheSources() {
        JsonPath draft = render(TEMPLATE, "markdown");
        String text = draft.getString("text");
        String body = text.substring(0, text.indexOf("\n\n[^1]: "));
        assertEquals("As of 25 January 2016, the joint letter to Secretary Kerry counted 24[^1][^2][^3] political prisoners, "
                + "and the NGO letter of the day before 17[^4][^5] detained opposition members and supporters. Casefile's records "
                + "name 1[^6] of them: Meach Sovannara[^6]. Meach Sovannara was in prison on 25 January 2016[^6].", body);

        List<Map<String, Object>> footnotes = draft.getList("footnotes");
        assertEquals(6, footnotes.size());
        for (int i = 0; i < footnotes.size(); i++) {
            Map<String, Object> note = footnotes.get(i);
            assertEquals(i + 1, note.get("n"), "numbered in order of first use");
            String exact = Passages.passage((String) note.get("source"), (Integer) note.get("start"), (Integer) note.get("end"));
            assertEquals(exact, note.get("quote"), "the footnote's quote is the source text between its offsets");
            assertTrue(text.contains("\n[^" + (i + 1) + "]: "), "the notes are appended: " + text);
        }
        assertEquals("joint-letter-kerry-2016-01-25", footnotes.get(0).get("source"));
        assertEquals("Joint Letter to US Secretary of State John F. Kerry", footnotes.get(0).get("title"));
        assertEquals("2016-01-25", footnotes.get(0).get("date"));
        assertTrue(footnotes.get(0).get("quote").toString().startsWith("Currently, 24 individuals"));
        assertEquals("ngo-letter-kerry-2016-01-24", footnotes.get(3).get("source"));
        assertTrue(footnotes.get(5).get("quote").toString().contains("currently serving a 20 year sentence"));

        // What it rests on, for the writer to cite.
        assertEquals("2016-01-25", draft.getString("asOf"));
        assertTrue(draft.getString("readAt").startsWith("20"));
        Map<String, Object> count = draft.getMap("placeholders.find { it.placeholder == '{{count status=detained}}' }");
        assertEquals(1, count.get("number"));
        assertEquals(List.of(6), count.get("footnotes"));
        assertEquals("status:detained", ((Map<?, ?>) count.get("definition")).get("id"));
        assertEquals(List.of(), draft.getList("warnings"));
    }

    @Test
    void theSameRequestOnTheSameDataGivesTheSameText() {
        JsonPath first = render(TEMPLATE, "text");
        JsonPath second = render(TEMPLATE, "text");
        assertEquals(first.getString("text"), second.getString("text"));
        assertEquals(first.getList("footnotes"), second.getList("footnotes"));
    }

    @Test
    void plainTextAndHtmlWriteTheirOwnMarkersAndNotes() {
        String text = render(TEMPLATE, "text").getString("text");
        assertTrue(text.contains("counted 24[1][2][3] political prisoners"), text);
        assertTrue(text.contains("\n\nNotes\n[1] Joint Letter to US Secretary of State John F. Kerry, 25 January 2016: "
                + "\u201cCurrently, 24 individuals are imprisoned or detained as political prisoners.\u201d "
                + "(joint-letter-kerry-2016-01-25, characters "), text);
        assertFalse(text.contains("[^"), text);

        String html = render("<p>{{list status=detained}}</p>", "html").getString("text");
        assertTrue(html.startsWith("<p>Meach Sovannara<sup><a href=\"#casefile-note-1\">1</a></sup></p>"), html);
        assertTrue(html.contains("<li id=\"casefile-note-1\">Joint Letter"), html);

        String bare = given().contentType("application/json")
                .body(Map.of("template", "{{count status=detained}}", "asOf", "2016-01-25", "format", "text", "notes", false))
                .post("/api/drafts").then().statusCode(200).extract().path("text");
        assertEquals("1[1]", bare);
    }

    @Test
    void aSharedPassageKeepsItsNumberAndANewOneTakesTheNext() {
        JsonPath draft = render("{{person meach-sovannara}}; {{figure source=joint-letter-kerry-2016-01-25 category=political_prisoners}}; "
                + "{{person meach-sovannara}}.", "text");
        String text = draft.getString("text");
        assertTrue(text.startsWith("Meach Sovannara was in prison on 25 January 2016[1]; 24[2][3][4]; Meach Sovannara was in prison "
                + "on 25 January 2016[1]."), text);
        assertEquals(4, draft.getList("footnotes").size());
    }

    @Test
    void aDayNoSourceConfirmsIsSaidInWordsNotGuessed() {
        JsonPath draft = given().contentType("application/json")
                .body(Map.of("template", "{{count status=detained basis=confirmed}} detained; {{person rong-chhun basis=confirmed}}.",
                        "asOf", "2021-03-23", "format", "text"))
                .post("/api/drafts").then().statusCode(200).extract().jsonPath();
        String text = draft.getString("text");
        assertTrue(text.startsWith("0 detained; No source in Casefile confirms Rong Chhun's status on 23 March 2021; the latest, of "
                + "31 July 2020, reports Rong Chhun under arrest[1][2]."), text);
        List<String> warnings = new ArrayList<>(draft.getList("warnings"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("counts no one on 2021-03-23"), warnings.toString());
        assertEquals(Map.of("confirmed", 0, "lastKnown", 3), draft.getMap("placeholders[0].totals"));
        assertEquals("confirmed", draft.getString("placeholders[0].basis"));
    }

    @Test
    void byDefaultADraftCountsTheLastKnownStatusAndSaysHowOldItIs() {
        JsonPath draft = given().contentType("application/json")
                .body(Map.of("template", "{{count status=detained}} detained: {{list status=detained}}. {{person rong-chhun}}. {{person kem-ley}}.",
                        "asOf", "2021-03-23", "format", "text"))
                .post("/api/drafts").then().statusCode(200).extract().jsonPath();
        String text = draft.getString("text");
        assertTrue(text.startsWith("3["), text);
        assertTrue(text.contains("Kem Sokha (last reported on 31 December 2017)["), text);
        assertTrue(text.contains("Meach Sovannara (last reported on 25 January 2016)["), text);
        assertTrue(text.contains("Rong Chhun was last reported under arrest on 31 July 2020; no later source in Casefile reports "
                + "otherwise as of 23 March 2021["), text);
        assertTrue(text.contains("No source in Casefile confirms Kem Ley's status on 23 March 2021"), text);
        assertEquals("last_known", draft.getString("placeholders[0].basis"));
        assertEquals(Map.of("confirmed", 0, "lastKnown", 3), draft.getMap("placeholders[0].totals"));
        assertEquals(3, draft.getInt("placeholders[0].number"));
        List<String> warnings = draft.getList("warnings");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("counts 3 of 3 people by their last known status")
                && w.contains("the oldest was last confirmed on 2016-01-25")), warnings.toString());
        List<Map<String, Object>> footnotes = draft.getList("footnotes");
        assertTrue(footnotes.stream().anyMatch(f -> f.get("quote").equals("Mr. Rong Chhun was arrested on July 31, 2020")), footnotes.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Hello {{bogus}} | {{bogus}} | 6 | unknown placeholder 'bogus'",
            "{{count stat=detained}} | {{count stat=detained}} | 0 | unknown filter 'stat'",
            "{{count status=jailed}} | {{count status=jailed}} | 0 | 'status' must be one of",
            "{{list definition=nope}} | {{list definition=nope}} | 0 | No count definition is named 'nope'",
            "{{figure source=joint-letter-kerry-2016-01-25}} | {{figure source=joint-letter-kerry-2016-01-25}} | 0 | 5 reported figures match",
            "{{figure id=999999}} | {{figure id=999999}} | 0 | No figure has the id",
            "{{person nobody}} | {{person nobody}} | 0 | no person has the id 'nobody'",
            "{{person}} | {{person}} | 0 | name the person by id",
            "{{asOf x=1}} | {{asOf x=1}} | 0 | it takes none",
            "{{count status=detained extra}} | {{count status=detained extra}} | 0 | unexpected 'extra'",
            "ok {{}} | {{}} | 3 | the placeholder is empty",
            "x {{count status=detained | {{count status=detained and | 2 | not closed",
            "a }} b | }} | 2 | closes no placeholder",
            "{{count status='detained}} | {{count status='detained}} | 0 | quoted value is not closed",
    })
    void badTemplatesAre400NamingThePlaceholderAndItsPosition(String template, String placeholder, int position, String detail) {
        given().contentType("application/json").body(Map.of("template", template + " and {{asOf}}"))
                .post("/api/drafts").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("placeholder", equalTo(placeholder))
                .body("position", equalTo(position))
                .body("line", equalTo(1))
                .body("column", equalTo(position + 1))
                .body("detail", containsString(detail));
    }

    @Test
    void linesAndColumnsCountFromOneAndPositionsInCodePoints() {
        given().contentType("application/json").body(Map.of("template", "Dear Senator,\n\n\u00c9t\u00e9 \ud83d\ude00 {{cout status=detained}}"))
                .post("/api/drafts").then().statusCode(400)
                .body("line", equalTo(3)).body("column", equalTo(7)).body("position", equalTo(21));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"asOf\": \"2016-01-25\"} | template",
            "{\"template\": \"  \"} | template",
            "{\"template\": \"x\", \"format\": \"pdf\"} | format",
            "{\"template\": \"x\", \"asOf\": \"25 Jan 2016\"} | asOf",
            "{\"template\": \"x\", \"knownAt\": \"last week\"} | knownAt",
    })
    void badRequestsAre400NamingTheField(String body, String parameter) {
        given().contentType("application/json").body(body).post("/api/drafts").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo(parameter));
    }

    @Test
    void malformedJsonAndOtherMediaTypesAreProblems() {
        given().contentType("application/json").body("{\"template\": ").post("/api/drafts").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("text/plain").body("{{asOf}}").post("/api/drafts").then().statusCode(415)
                .contentType("application/problem+json");
    }
}
