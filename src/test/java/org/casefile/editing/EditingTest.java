package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write side as editors use it: every change cited, checked, kept, and refused when stale. */
@QuarkusTest
@TestProfile(EditingProfile.class)
class EditingTest {

    static final String EDITOR = "editor-one";
    static final String EDITOR_TWO = "editor-two";
    static final String PASSWORD = "a-long-editor-password";

    static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    static RequestSpecification admin() {
        return as("admin", EditingProfile.ADMIN_PASSWORD);
    }

    static RequestSpecification editor() {
        return as(EDITOR, PASSWORD);
    }

    @BeforeEach
    void editorsExist() {
        editorExists(EDITOR);
        editorExists(EDITOR_TWO);
    }

    /** The editor account, made by the admin unless an earlier test made it (the tests share one database). */
    static void editorExists(String name) {
        int status = admin().contentType("application/json")
                .body(Map.of("username", name, "password", PASSWORD, "role", "editor"))
                .post("/api/accounts").statusCode();
        assertTrue(status == 201 || status == 409, "account " + name + ": " + status);
    }

    static String newLetter(String words) {
        return "Letter of 20 November 2026.\n\nWe learned that " + words + " was arrested on 20 November 2026 in Phnom Penh.\n"
                + "Reference " + UUID.randomUUID() + ".\n";
    }

    @Test
    void anEditorAddsALetterCitesItForANewArrestAndEveryoneSeesIt() {
        String sourceId = editor().contentType("application/json")
                .body(Map.of("title", "Letter on a new arrest", "kind", "letter", "date", "2026-11-20", "text", newLetter("Sok Chenda")))
                .post("/api/sources").then()
                .statusCode(201)
                .header("Location", containsString("/api/sources/letter-on-a-new-arrest-2026-11-20"))
                .body("sha256", notNullValue())
                .extract().path("id");

        String personId = editor().contentType("application/json")
                .body(Map.of("name", "Sok Chenda", "concern", true,
                        "citations", List.of(Map.of("source", sourceId, "quote", "Sok Chenda was arrested"))))
                .post("/api/persons").then()
                .statusCode(201)
                .body("names[0].citations[0].source", equalTo(sourceId))
                .extract().path("id");

        editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", personId, "state", "arrested", "start", "2026-11-20", "confirmed", "2026-11-20",
                        "citations", List.of(Map.of("source", sourceId, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                .post("/api/facts").then()
                .statusCode(201)
                .body("[0].kind", equalTo("custody"))
                .body("[0].citations[0].start", notNullValue());

        // Anonymous visitors see the new status as of that day, with its citation.
        given().queryParam("asOf", "2026-11-20").get("/api/persons/" + personId + "/status").then()
                .statusCode(200)
                .body("status", equalTo("arrested"))
                .body("certainty", equalTo("definite"))
                .body("claims[0].citations[0].source", equalTo(sourceId));
        given().queryParam("q", "Sok Chenda").get("/api/persons").then().statusCode(200).body("items[0].id", equalTo(personId));
    }

    @Test
    void aSecondEditorWithAnOldETagIsRefusedAndHistoryKeepsBothVersions() {
        String sourceId = source(newLetter("Keo Rithy"));
        String personId = person("Keo Rithy", sourceId);
        long factId = custody(personId, sourceId, "arrested");
        String etag = given().get("/api/facts/" + factId).then().statusCode(200).extract().header("ETag");

        Map<String, Object> correction = Map.of("type", "custody", "person", personId, "state", "pretrial_detention",
                "start", "2026-11-20", "confirmed", "2026-11-20", "reason", "The letter says he is held pending trial.",
                "citations", List.of(Map.of("source", sourceId, "quote", "was arrested on 20 November 2026 in Phnom Penh")));
        editor().contentType("application/json").header("If-Match", etag).body(correction)
                .put("/api/facts/" + factId).then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("fields.state", equalTo("pretrial_detention"))
                .body("recordedBy", equalTo(EDITOR));

        as(EDITOR_TWO, PASSWORD).contentType("application/json").header("If-Match", etag).body(correction)
                .put("/api/facts/" + factId).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("currentETag", notNullValue());

        given().get("/api/facts/" + factId + "/history").then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].version", equalTo(1))
                .body("[0].fields.state", equalTo("arrested"))
                .body("[0].reason", equalTo("created"))
                .body("[0].supersededBy", equalTo(EDITOR))
                .body("[0].citations[0].source", equalTo(sourceId))
                .body("[1].version", equalTo(2))
                .body("[1].reason", equalTo("The letter says he is held pending trial."));
        given().get("/api/persons/" + personId + "/history").then()
                .statusCode(200)
                .body("factChanges.change", hasItem("updated"));
    }

    @Test
    void readsAtAnEarlierTimeAnswerAsTheDatabaseStoodThen() throws Exception {
        String sourceId = source(newLetter("Chan Sophal"));
        String personId = person("Chan Sophal", sourceId);
        long factId = custody(personId, sourceId, "arrested");
        String before = now();
        String etag = given().get("/api/facts/" + factId).then().extract().header("ETag");
        editor().contentType("application/json").header("If-Match", etag).queryParam("reason", "Misread: not this man.")
                .delete("/api/facts/" + factId).then()
                .statusCode(200).body("rank", equalTo("deprecated")).body("rankReason", equalTo("Misread: not this man."));

        given().queryParam("asOf", "2026-11-20").get("/api/persons/" + personId + "/status").then()
                .statusCode(200).body("status", equalTo("unknown"));
        given().queryParam("asOf", "2026-11-20").queryParam("knownAt", before).get("/api/persons/" + personId + "/status").then()
                .statusCode(200).body("status", equalTo("arrested"));
        given().queryParam("since", before).get("/api/changes").then()
                .statusCode(200)
                .body("items.find { it.id == '" + factId + "' }.change", equalTo("deprecated"))
                .body("items.find { it.id == '" + factId + "' }.reason", equalTo("Misread: not this man."));
    }

    @Test
    void aFactWithoutACitationOrWithAQuoteNotInTheSourceIs422AndNothingIsWritten() throws Exception {
        String sourceId = source(newLetter("Mey Sokun"));
        String personId = person("Mey Sokun", sourceId);
        long facts = count("select count(*) from fact");
        editor().contentType("application/json")
                .body(Map.of("type", "citizenship", "person", personId, "country", "Cambodia"))
                .post("/api/facts").then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("no citation"));
        editor().contentType("application/json")
                .body(Map.of("type", "incident", "id", "arrest-of-mey-sokun", "incidentType", "arrest", "title", "Arrest of Mey Sokun",
                        "date", "2026-11-20", "participants", List.of(Map.of("person", personId, "role", "victim")),
                        "citations", List.of(Map.of("source", sourceId, "quote", "Mey Sokun was arrested"),
                                Map.of("source", sourceId, "quote", "Mey Sokun was released"))))
                .post("/api/facts").then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Mey Sokun was released"))
                .body("source", equalTo(sourceId))
                .body("quote", equalTo("Mey Sokun was released"));
        assertEquals(facts, count("select count(*) from fact"), "nothing of a refused request is written");
        given().get("/api/incidents/arrest-of-mey-sokun").then().statusCode(404);
    }

    @Test
    void theSameTextAgainIs409PointingAtTheSource() {
        String text = newLetter("Nuon Dara");
        String first = source(text);
        editor().contentType("application/json").body(Map.of("title", "Again", "kind", "letter", "text", text))
                .post("/api/sources").then()
                .statusCode(409).contentType("application/problem+json")
                .body("existing", equalTo(first));
    }

    @Test
    void mentionsListKnownNamesWithOffsets() {
        String sourceId = source("Kem Sokha and Rong Chhun, president of the Cambodian Confederation of Unions, met the CNRP. "
                + UUID.randomUUID());
        List<Map<String, Object>> mentions = editor().post("/api/sources/" + sourceId + "/mentions").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertTrue(mentions.stream().anyMatch(m -> "kem-sokha".equals(m.get("id")) && Integer.valueOf(0).equals(m.get("start"))), mentions.toString());
        assertTrue(mentions.stream().anyMatch(m -> "rong-chhun".equals(m.get("id"))), mentions.toString());
        assertTrue(mentions.stream().anyMatch(m -> "cnrp".equals(m.get("id"))), mentions.toString());
    }

    @Test
    void changesNeedIfMatchAndAReason() {
        String sourceId = source(newLetter("Ly Vanna"));
        String personId = person("Ly Vanna", sourceId);
        long factId = custody(personId, sourceId, "arrested");
        Map<String, Object> body = Map.of("type", "custody", "person", personId, "state", "released", "confirmed", "2026-11-20",
                "reason", "Released the same day.",
                "citations", List.of(Map.of("source", sourceId, "quote", "was arrested on 20 November 2026 in Phnom Penh")));
        editor().contentType("application/json").body(body).put("/api/facts/" + factId).then()
                .statusCode(428).contentType("application/problem+json");
        String etag = given().get("/api/facts/" + factId).then().extract().header("ETag");
        Map<String, Object> noReason = new java.util.HashMap<>(body);
        noReason.remove("reason");
        editor().contentType("application/json").header("If-Match", etag).body(noReason).put("/api/facts/" + factId).then()
                .statusCode(422).body("title", equalTo("Reason required"));
        String personTag = given().get("/api/persons/" + personId).then().extract().header("ETag");
        editor().contentType("application/json").header("If-Match", personTag)
                .body(Map.of("name", "Ly Vannak", "reason", "Spelling as the union writes it.")).put("/api/persons/" + personId).then()
                .statusCode(200).body("name", equalTo("Ly Vannak"));
        given().get("/api/persons/" + personId + "/history").then()
                .statusCode(200)
                .body("versions.size()", equalTo(2))
                .body("versions[0].name", equalTo("Ly Vanna"))
                .body("versions[1].reason", equalTo("Spelling as the union writes it."));
    }

    @Test
    void aMergedDuplicateKeepsItsNamesAndCitationsAndItsIdRedirects() {
        String sourceId = source(newLetter("Pen Sovann") + "He is also written Penh Sovan in the press.\n");
        String survivor = person("Pen Sovann", sourceId);
        String duplicate = editor().contentType("application/json")
                .body(Map.of("name", "Penh Sovan", "citations", List.of(Map.of("source", sourceId, "quote", "Penh Sovan"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        long custody = custody(duplicate, sourceId, "arrested");
        String etag = given().get("/api/persons/" + duplicate).then().extract().header("ETag");

        editor().contentType("application/json").header("If-Match", etag)
                .body(Map.of("into", survivor, "reason", "The same man, spelled two ways in one letter."))
                .post("/api/persons/" + duplicate + "/merge").then()
                .statusCode(200)
                .body("id", equalTo(survivor))
                .body("aliases", hasItem("Penh Sovan"))
                .body("custody.factId", hasItem((int) custody));

        given().redirects().follow(false).get("/api/persons/" + duplicate).then()
                .statusCode(308)
                .header("Location", containsString("/api/persons/" + survivor));
        given().redirects().follow(false).get("/api/persons/" + duplicate + "/status").then()
                .statusCode(308)
                .header("Location", containsString("/api/persons/" + survivor + "/status"));
        given().get("/api/persons/" + duplicate).then().statusCode(200).body("id", equalTo(survivor));
        given().queryParam("q", "Penh Sovan").get("/api/persons").then()
                .statusCode(200).body("items[0].id", equalTo(survivor)).body("items.id", org.hamcrest.Matchers.not(hasItem(duplicate)));
        given().get("/api/facts/" + custody + "/history").then()
                .statusCode(200)
                .body("[0].fields.person_id", equalTo(duplicate))
                .body("[1].fields.person_id", equalTo(survivor))
                .body("[1].reason", containsString("merged " + duplicate + " into " + survivor));
        given().get("/api/persons/" + duplicate + "/history").then()
                .statusCode(200).body("versions[1].reason", containsString("The same man"));
    }

    @Test
    void incidentsAndSourcesHaveHistoriesToo() {
        given().get("/api/incidents/rong-chhun-arrest-2020-07-31/history").then()
                .statusCode(200).body("[0].kind", equalTo("incident")).body("[0].version", equalTo(1));
        given().get("/api/sources/joint-letter-kerry-2016-01-25/history").then()
                .statusCode(200).body("[0].version", equalTo(1));
        given().get("/api/incidents/nothing/history").then().statusCode(404);
    }

    @Test
    void aFactGainsAPassageOfAnotherLetterInANewVersionAndNoPassageTwice() {
        String first = source(newLetter("Ny Passage"));
        String person = person("Ny Passage", first);
        long fact = custody(person, first, "arrested");
        String second = source("Letter of 23 November 2026.\n\nNy Passage was arrested on 20 November 2026, his wife told us.\n"
                + "Reference " + UUID.randomUUID() + ".\n");
        String etag = given().get("/api/facts/" + fact).then().statusCode(200).extract().header("ETag");
        Map<String, String> passage = Map.of("source", second, "quote", "was arrested on 20 November 2026, his wife told us",
                "reason", "His wife confirms the arrest.");

        editor().contentType("application/json").body(passage).post("/api/facts/" + fact + "/citations").then().statusCode(428);
        editor().contentType("application/json").header("If-Match", etag)
                .body(Map.of("source", second, "quote", "was arrested on 21 November 2026", "reason", "Typo"))
                .post("/api/facts/" + fact + "/citations").then().statusCode(422).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Quote not located"));
        editor().contentType("application/json").header("If-Match", etag)
                .body(Map.of("source", second, "quote", "was arrested on 20 November 2026, his wife told us"))
                .post("/api/facts/" + fact + "/citations").then().statusCode(422).body("title", org.hamcrest.Matchers.equalTo("Reason required"));
        String next = editor().contentType("application/json").header("If-Match", etag).body(passage)
                .post("/api/facts/" + fact + "/citations").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(2))
                .body("citations.source", org.hamcrest.Matchers.contains(first, second))
                .body("reason", org.hamcrest.Matchers.equalTo("His wife confirms the arrest.")).extract().header("ETag");
        // The version it replaced, with its one passage, is kept; an old ETag no longer writes; a passage is cited once.
        given().get("/api/facts/" + fact + "/history").then().statusCode(200)
                .body("[0].citations.source", org.hamcrest.Matchers.contains(first))
                .body("[1].citations.source", org.hamcrest.Matchers.contains(first, second));
        editor().contentType("application/json").header("If-Match", etag).body(passage)
                .post("/api/facts/" + fact + "/citations").then().statusCode(412);
        editor().contentType("application/json").header("If-Match", next).body(passage)
                .post("/api/facts/" + fact + "/citations").then().statusCode(409).body("detail", containsString("already cites " + second));
        given().contentType("application/json").header("If-Match", next).body(passage)
                .post("/api/facts/" + fact + "/citations").then().statusCode(401);
    }

    // ---- helpers

    static String source(String text) {
        return editor().contentType("application/json")
                .body(Map.of("title", "Letter " + UUID.randomUUID().toString().substring(0, 8), "kind", "letter", "date", "2026-11-20", "text", text))
                .post("/api/sources").then().statusCode(201).extract().path("id");
    }

    static String person(String name, String sourceId) {
        return editor().contentType("application/json")
                .body(Map.of("name", name, "concern", true, "citations", List.of(Map.of("source", sourceId, "quote", name + " was arrested"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
    }

    static long custody(String personId, String sourceId, String state) {
        Response r = editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", personId, "state", state, "start", "2026-11-20", "confirmed", "2026-11-20",
                        "citations", List.of(Map.of("source", sourceId, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                .post("/api/facts");
        r.then().statusCode(201);
        return r.jsonPath().getLong("[0].id");
    }

    static String now() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")) {
            r.next();
            return r.getString(1);
        }
    }

    static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
