package org.casefile.person;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The front page after a change: it never waits for a count, so after a change that alters the day's count it shows
 * the count kept before, saying when its records were read (the background count builder is off in tests, so the kept
 * answer stays behind), and after one that alters no count the kept count is current; the people it lists, kept in
 * memory between changes (KeptLists), are never older than the change.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class FrontPageAfterAChangeTest {

    static final String DAY = "2018-02-14";

    @Test
    void afterAChangeTheFrontPageShowsTheKeptCountLabelledWithWhenItWasRead() throws Exception {
        String before = PersonPagesTest.page().get("/?asOf=" + DAY).then().statusCode(200).extract().asString();
        assertFalse(before.contains("id=\"counts-as-read\""), "a count kept at the current version carries no label");
        long lastKnown = figure(before, "by last known status");
        assertEquals(((Number) given().queryParam("asOf", DAY).get("/api/counts").path("totals.lastKnown")).longValue(), lastKnown);

        String name = "Front Page Test " + UUID.randomUUID().toString().substring(0, 8);
        String source = admin().body(Map.of("title", "A letter that changes the records", "kind", "letter", "date", "2026-11-21",
                        "text", "Letter of 21 November 2026. " + name + " was arrested on 20 November 2026."))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        String unchanged = PersonPagesTest.page().get("/?asOf=" + DAY).then().statusCode(200).extract().asString();
        assertFalse(unchanged.contains("id=\"counts-as-read\""), "a new letter changes no count: the kept one is current");

        // Someone with a custody record for the first time: every day's count of people without a status changes, and
        // the kept count is brought up to date (CountPatch), so the page still shows a current count.
        String person = admin().body(Map.of("name", name, "concern", true, "citations", List.of(Map.of("source", source, "quote", name))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        admin().body(Map.of("type", "custody", "person", person, "state", "arrested", "start", "2026-11-20", "confirmed", "2026-11-20",
                        "citations", List.of(Map.of("source", source, "quote", "was arrested on 20 November 2026"))))
                .post("/api/facts").then().statusCode(201);
        String patched = PersonPagesTest.page().get("/?asOf=" + DAY).then().statusCode(200).extract().asString();
        assertFalse(patched.contains("id=\"counts-as-read\""), "a new claimant is brought into the kept count");
        assertEquals(lastKnown, figure(patched, "by last known status"), "arrested in 2026: not counted on " + DAY);

        // A change no patch brings in: a source's record corrected (in SQL, as an admin would), which any count may
        // list among its sources: every day is counted again.
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "update source set title = title || ' (corrected)', change_reason = 'a correction' where id = ?")) {
            s.setString(1, source);
            assertEquals(1, s.executeUpdate());
        }

        String after = PersonPagesTest.page().get("/?asOf=" + DAY).then().statusCode(200).extract().asString();
        assertEquals(lastKnown, figure(after, "by last known status"), "the kept figures, not a count made while the page waits");
        Matcher label = Pattern.compile("<p class=\"small muted\" id=\"counts-as-read\">Counted from the records as they stood at "
                + "(\\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2}) UTC; they have changed since\\.").matcher(after);
        assertTrue(label.find(), after);
        assertTrue(after.contains("<a href=\"/counts?asOf=" + DAY + "&amp;basis=last_known\">The counts page</a> counts them as they stand now."));
    }

    @Test
    void aPersonAddedIsListedAtOnceThoughTheListWasKept() {
        long before = total();
        assertEquals(before, total(), "asked twice: the kept page");
        String name = "Kept List Test " + UUID.randomUUID().toString().substring(0, 8);
        String source = given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD).contentType("application/json")
                .body(Map.of("title", "A letter naming " + name, "kind", "letter", "date", "2026-11-22",
                        "text", "Letter of 22 November 2026. We are concerned about " + name + ", a journalist."))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD).contentType("application/json")
                .body(Map.of("name", name, "concern", true, "citations", List.of(Map.of("source", source, "quote", name))))
                .post("/api/persons").then().statusCode(201);
        assertEquals(before + 1, total(), "the person just added counts");
        String page = PersonPagesTest.page().get("/?size=200").then().statusCode(200).extract().asString();
        assertTrue(page.contains(">" + name + "</a>"), "the front page lists them");
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD).contentType("application/json");
    }

    private static long total() {
        return ((Number) given().queryParam("concern", "true").get("/api/persons").then().statusCode(200).extract().path("total")).longValue();
    }

    private static long figure(String body, String words) {
        Matcher m = Pattern.compile("<span class=\"figure\">(\\d+)</span> " + Pattern.quote(words)).matcher(body);
        assertTrue(m.find(), body);
        return Long.parseLong(m.group(1));
    }
}
