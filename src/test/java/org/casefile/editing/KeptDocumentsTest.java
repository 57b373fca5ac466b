package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public person documents the service keeps are never served stale: a write through the API, or a change made
 * in SQL behind the service's back, is seen by the very next read; the background builder keeps what a reader
 * would have built.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class KeptDocumentsTest {

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    @Test
    void aWriteThroughTheApiIsSeenByTheNextPublicRead() {
        String letter = EditingTest.source(EditingTest.newLetter("Sok Kept"));
        String person = EditingTest.person("Sok Kept", letter);
        String first = given().get("/api/persons/" + person).then().statusCode(200).body("name", equalTo("Sok Kept"))
                .extract().header("ETag");
        assertEquals(first, given().get("/api/persons/" + person).then().statusCode(200).extract().header("ETag"),
                "the same document, kept");
        given().header("If-None-Match", first).get("/api/persons/" + person).then().statusCode(304);

        EditingTest.editor().contentType("application/json").header("If-Match", first)
                .body(Map.of("name", "Sok Kepth", "reason", "Spelling as the letter writes it.")).put("/api/persons/" + person).then()
                .statusCode(200);
        String second = given().get("/api/persons/" + person).then().statusCode(200).body("name", equalTo("Sok Kepth"))
                .extract().header("ETag");
        assertNotEquals(first, second);
        given().header("If-None-Match", first).get("/api/persons/" + person).then().statusCode(200);

        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", person, "state", "arrested", "start", "2026-11-20", "confirmed", "2026-11-20",
                        "citations", List.of(Map.of("source", letter, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                .post("/api/facts").then().statusCode(201);
        given().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(1));
    }

    @Test
    void aChangeMadeInSqlIsSeenByTheNextRead() throws Exception {
        String letter = EditingTest.source(EditingTest.newLetter("Keo Behind"));
        String person = EditingTest.person("Keo Behind", letter);
        given().get("/api/persons/" + person).then().statusCode(200).body("concern", equalTo(true));
        given().get("/api/persons/" + person).then().statusCode(200).body("concern", equalTo(true));
        sql("update person set concern = false, change_reason = 'set in SQL' where id = ?", person);
        given().get("/api/persons/" + person).then().statusCode(200).body("concern", equalTo(false));
    }

    @Test
    void aFactRestrictedInSqlLeavesThePublicDocumentAtOnce() throws Exception {
        String letter = EditingTest.source(EditingTest.newLetter("Chea Hidden"));
        String person = EditingTest.person("Chea Hidden", letter);
        long fact = EditingTest.custody(person, letter, "arrested");
        String status = "/api/persons/" + person + "/status?asOf=2026-11-20";
        given().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(1));
        given().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(1));
        given().get(status).then().statusCode(200).body("status", equalTo("arrested"));
        sql("update fact set restricted = true, change_reason = 'protect the source' where id = ?", fact);
        given().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(0));
        given().get(status).then().statusCode(200).body("status", equalTo("unknown")).body("claims.size()", equalTo(0));
        EditingTest.editor().get(status).then().statusCode(200).body("status", equalTo("arrested"));
        EditingTest.editor().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(1));
        // Public again, so the other tests on this database count the same people as editors do.
        sql("update fact set restricted = false, change_reason = 'no longer sensitive' where id = ?", fact);
        given().get("/api/persons/" + person).then().statusCode(200).body("custody.size()", equalTo(1));
    }

    @Test
    void theBuilderKeepsTheDocumentAReaderWouldGetBuilt() throws Exception {
        // Beyond ASCII, so the kept bytes are checked as the UTF-8 they must be.
        String letter = EditingTest.source(EditingTest.newLetter("Mao Sóphal ម៉ៅ"));
        String person = EditingTest.person("Mao Sóphal ម៉ៅ", letter);
        // Nobody reads it: the background builder, woken by the change, keeps it.
        long deadline = System.currentTimeMillis() + 30_000;
        String kept = null;
        while (kept == null && System.currentTimeMillis() < deadline) {
            kept = keptDocument(person);
            if (kept == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(kept != null, "the builder kept a current document for the new person");
        // An editor's document is always built afresh; with nothing restricted it is the public one.
        assertEquals(EditingTest.editor().get("/api/persons/" + person).then().statusCode(200).extract().asString(), kept);
        assertEquals(kept, given().get("/api/persons/" + person).then().statusCode(200).extract().asString());
    }

    /**
     * The public's status now is answered from the status material kept with the document; on every day where any
     * seed person's status changes, and the days either side, under both bases, it is the status judged from the claims
     * as recorded now (knownAt, which is always judged): the same judgement, the same claims, the same nearest claims.
     */
    @Test
    void theKeptStatusOfEveryoneOnEveryDayItChangesIsTheJudgedOne() throws Exception {
        List<String> people = given().get("/api/persons?concern=true&size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertTrue(people.size() > 20, "the seed's people of concern");
        String now = EditingTest.now();
        int compared = 0;
        for (String person : people) {
            List<Map<String, String>> runs = given().get("/api/persons/" + person).then().statusCode(200)
                    .extract().jsonPath().getList("statusHistory");
            java.util.SortedSet<java.time.LocalDate> days = new java.util.TreeSet<>(List.of(java.time.LocalDate.of(2010, 1, 1),
                    java.time.LocalDate.of(2030, 1, 1)));
            for (Map<String, String> run : runs) {
                for (String edge : java.util.Arrays.asList(run.get("from"), run.get("to"))) {
                    if (edge != null) {
                        java.time.LocalDate day = java.time.LocalDate.parse(edge);
                        days.addAll(List.of(day.minusDays(1), day, day.plusDays(1)));
                    }
                }
            }
            for (java.time.LocalDate day : days) {
                for (String basis : List.of("last_known", "confirmed")) {
                    String path = "/api/persons/" + person + "/status?asOf=" + day + "&basis=" + basis;
                    assertEquals(given().get(path + "&knownAt=" + now).then().statusCode(200).extract().asString(),
                            given().get(path).then().statusCode(200).extract().asString(), path);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 150, compared + " answers compared");
        assertTrue(keptDocument(people.get(0)) != null, "answered from the kept material");
    }

    private static String keptDocument(String person) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "select body from person_document d where d.person_id = ?"
                        + " and d.version = coalesce((select version from person_change where person_id = ?), 0)")) {
            s.setString(1, person);
            s.setString(2, person);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** An update made in SQL as an editor would (row-level security lets only editors touch restricted rows). */
    static void sql(String update, Object key) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(update)) {
            c.createStatement().execute("select set_config('casefile.reader', 'editor', false)");
            s.setObject(1, key);
            assertEquals(1, s.executeUpdate());
        }
    }
}
