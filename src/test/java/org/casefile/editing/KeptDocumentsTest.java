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
 * The public person documents the service keeps are never served stale: a write through the API is seen by the
 * very next read, and a change made in SQL behind the service's back is seen as soon as PostgreSQL announces it.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class KeptDocumentsTest {

    @BeforeEach
    void editorExists() {
        int status = EditingTest.admin().contentType("application/json")
                .body(Map.of("username", EditingTest.EDITOR, "password", EditingTest.PASSWORD, "role", "editor")).post("/api/accounts").statusCode();
        assertTrue(status == 201 || status == 409);
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
    void aChangeMadeInSqlIsSeenOncePostgresAnnouncesIt() throws Exception {
        String letter = EditingTest.source(EditingTest.newLetter("Keo Behind"));
        String person = EditingTest.person("Keo Behind", letter);
        given().get("/api/persons/" + person).then().statusCode(200).body("concern", equalTo(true));
        given().get("/api/persons/" + person).then().statusCode(200).body("concern", equalTo(true));
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("update person set concern = false, change_reason = 'set in SQL' where id = ?")) {
            s.setString(1, person);
            assertEquals(1, s.executeUpdate());
        }
        long deadline = System.currentTimeMillis() + 10_000;
        boolean seen = false;
        while (!seen && System.currentTimeMillis() < deadline) {
            seen = Boolean.FALSE.equals(given().get("/api/persons/" + person).then().statusCode(200).extract().path("concern"));
            if (!seen) {
                Thread.sleep(50);
            }
        }
        assertTrue(seen, "the kept document was dropped when PostgreSQL announced the change");
    }
}
