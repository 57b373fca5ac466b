package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.casefile.support.EditingProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restricted data never reaches the public: this walks every GET operation the OpenAPI document lists, anonymously,
 * with every path id and filter pointed at restricted records, and finds none of their values in any answer.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class RestrictedDataTest {

    static final String SECRET_NAME = "Zorvath Qelmin";
    static final String SECRET_ALIAS = "Qelmir Vostrane";
    static final List<String> SECRETS = List.of("Zorvath", "Qelmin", "Qelmir", "Vostrane", "zorvath", "qelmir", "secret site");

    static String restrictedSource;
    static String restrictedPerson;
    static String publicPerson;
    static long restrictedFact;

    @BeforeEach
    void restrictedRecordsExist() {
        EditingTest.editorExists(EditingTest.EDITOR);
        if (restrictedSource != null) {
            return;
        }
        String text = "Confidential note. " + SECRET_NAME + " was detained on 20 November 2026 at a secret site.\n"
                + "Hem Sarun is also known to informants as " + SECRET_ALIAS + ".\nRef " + UUID.randomUUID() + "\n";
        restrictedSource = EditingTest.editor().contentType("application/json")
                .body(Map.of("title", "Zorvath dossier", "kind", "report", "date", "2026-11-20", "text", text, "restricted", true))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        restrictedPerson = EditingTest.editor().contentType("application/json")
                .body(Map.of("name", SECRET_NAME, "concern", true, "restricted", true,
                        "citations", List.of(Map.of("source", restrictedSource, "quote", SECRET_NAME + " was detained"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", restrictedPerson, "state", "pretrial_detention", "start", "2026-11-20",
                        "confirmed", "2026-11-20", "citations", List.of(Map.of("source", restrictedSource, "quote", "was detained on 20 November 2026"))))
                .post("/api/facts").then().statusCode(201);
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "incident", "id", "zorvath-detention", "incidentType", "detention", "title", "Detention of " + SECRET_NAME,
                        "date", "2026-11-20", "participants", List.of(Map.of("person", restrictedPerson, "role", "victim")),
                        "citations", List.of(Map.of("source", restrictedSource, "quote", "detained on 20 November 2026 at a secret site"))))
                .post("/api/facts").then().statusCode(201);
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "figure", "value", 7, "qualifier", "at_least", "counted", "Zorvath detainees", "asOf", "2026-11-20",
                        "citations", List.of(Map.of("source", restrictedSource, "quote", "Confidential note."))))
                .post("/api/facts").then().statusCode(201);

        // A public person, from a public letter, with one fact only the restricted note states: an alias from informants.
        String publicLetter = EditingTest.source(EditingTest.newLetter("Hem Sarun"));
        publicPerson = EditingTest.person("Hem Sarun", publicLetter);
        Response alias = EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "name", "person", publicPerson, "name", SECRET_ALIAS, "form", "spelling_variant",
                        "citations", List.of(Map.of("source", restrictedSource, "quote", SECRET_ALIAS))))
                .post("/api/facts");
        alias.then().statusCode(201);
        restrictedFact = alias.jsonPath().getLong("[0].id");
    }

    @Test
    void editorsSeeRestrictedRecords() {
        EditingTest.editor().get("/api/persons/" + restrictedPerson).then().statusCode(200).body("name", equalTo(SECRET_NAME));
        EditingTest.editor().queryParam("asOf", "2026-11-20").get("/api/persons/" + restrictedPerson + "/status").then()
                .statusCode(200).body("status", equalTo("pretrial_detention"));
        EditingTest.editor().get("/api/sources/" + restrictedSource + "/text").then().statusCode(200);
        EditingTest.editor().get("/api/facts/" + restrictedFact).then().statusCode(200);
    }

    @Test
    void theRestrictedRecordsAreGoneForThePublic() {
        given().get("/api/persons/" + restrictedPerson).then().statusCode(404);
        given().get("/api/sources/" + restrictedSource).then().statusCode(404);
        given().get("/api/sources/" + restrictedSource + "/text").then().statusCode(404);
        given().get("/api/facts/" + restrictedFact).then().statusCode(404);
        given().get("/api/incidents/zorvath-detention").then().statusCode(404);
        given().get("/api/persons/" + publicPerson).then().statusCode(200).body("name", equalTo("Hem Sarun"));
    }

    @Test
    void noPublicEndpointShowsARestrictedValue() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<String> ids = List.of(restrictedPerson, restrictedSource, String.valueOf(restrictedFact), "zorvath-detention", publicPerson);
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("q", "Zorvath");
        probes.put("asOf", "2026-11-20");
        probes.put("since", "1970-01-01T00:00:00Z");
        probes.put("status", "detained");
        probes.put("person", restrictedPerson);
        probes.put("source", restrictedSource);
        probes.put("from", "2026-01-01");
        probes.put("to", "2026-12-31");
        probes.put("size", "200");
        probes.put("definition", "detained");
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (var path : paths.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> get = (Map<String, Object>) path.getValue().get("get");
            if (get == null || path.getKey().startsWith("/api/accounts")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) get.getOrDefault("parameters", List.of());
            List<String> targets = path.getKey().contains("{") ? ids.stream().map(id -> path.getKey().replaceAll("\\{[^}]+}", id)).toList()
                    : List.of(path.getKey());
            for (String target : targets) {
                for (boolean withProbes : List.of(false, true)) {
                    var request = given().redirects().follow(false);
                    if (withProbes) {
                        for (Map<String, Object> p : parameters) {
                            if ("query".equals(p.get("in")) && probes.containsKey((String) p.get("name"))) {
                                request = request.queryParam((String) p.get("name"), probes.get((String) p.get("name")));
                            }
                        }
                    }
                    Response r = request.get(target);
                    calls++;
                    assertTrue(r.statusCode() < 500, target + " -> " + r.statusCode());
                    String body = r.asString();
                    if (r.statusCode() >= 400) {
                        // An error may quote the id we asked for; that is our own input, not data.
                        for (String id : ids) {
                            body = body.replace(id, "");
                        }
                    }
                    for (String secret : SECRETS) {
                        if (body.contains(secret)) {
                            leaks.add(target + (withProbes ? " (filtered)" : "") + " shows '" + secret + "'");
                        }
                    }
                    if (body.contains(restrictedSource) || (!target.contains(restrictedPerson) && body.contains(restrictedPerson))) {
                        leaks.add(target + (withProbes ? " (filtered)" : "") + " names a restricted id");
                    }
                }
            }
        }
        assertTrue(calls > 30, "walked " + calls + " requests");
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /**
     * The web app, walked as an anonymous browser: from the pages a visitor starts on and the restricted records' own
     * addresses, every page and every same-site link a page renders (downloads included), breadth first.
     */
    @Test
    void noPageOrLinkTheWebAppRendersShowsARestrictedValue() {
        java.util.Deque<String> queue = new java.util.ArrayDeque<>(List.of("/", "/?q=Zorvath", "/?q=Qelmir%20Vostrane",
                "/?asOf=2026-11-20&status=detained", "/?asOf=2026-11-20&concern=true&basis=confirmed",
                "/people/" + publicPerson, "/people/" + publicPerson + "?asOf=2026-11-20", "/people/" + restrictedPerson,
                "/sources/" + restrictedSource, "/counts", "/counts?asOf=2026-11-20", "/counts?asOf=2026-11-20&basis=confirmed",
                "/timeline", "/timeline?person=" + restrictedPerson, "/timeline?person=" + publicPerson, "/timeline?from=2026-01-01"));
        java.util.Set<String> seen = new java.util.HashSet<>(queue);
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("(?:href|src|action)=\"(/[^\"#]*)");
        List<String> leaks = new ArrayList<>();
        int pages = 0;
        while (!queue.isEmpty() && pages < 600) {
            String target = queue.removeFirst();
            Response r = given().redirects().follow(false).urlEncodingEnabled(false).accept("text/html,*/*;q=0.8").get(target);
            pages++;
            assertTrue(r.statusCode() < 500, target + " -> " + r.statusCode());
            String body = r.asString();
            if (target.contains(restrictedPerson) || target.contains(restrictedSource)) {
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, target + " -> " + r.statusCode() + " for an anonymous visitor");
                // The error page may repeat the address asked for: that is the visitor's own input, not data.
                body = body.replace(restrictedPerson, "").replace(restrictedSource, "");
            }
            java.util.regex.Matcher q = java.util.regex.Pattern.compile("[?&]q=([^&]*)").matcher(target);
            if (q.find()) {
                // The page repeats the name asked for (title, heading, search box, links): the visitor's input, not data.
                String asked = java.net.URLDecoder.decode(q.group(1), java.nio.charset.StandardCharsets.UTF_8);
                body = body.replace("“" + asked + "”", "").replace("value=\"" + asked + "\"", "")
                        .replace("<strong>" + asked + "</strong>", "").replace("q=" + q.group(1), "");
            }
            for (String secret : SECRETS) {
                if (body.contains(secret)) {
                    leaks.add(target + " shows '" + secret + "'");
                }
            }
            if (body.contains(restrictedSource) || body.contains(restrictedPerson)) {
                leaks.add(target + " names a restricted id");
            }
            String type = String.valueOf(r.contentType());
            if (!type.startsWith("text/html")) {
                continue;
            }
            java.util.regex.Matcher m = link.matcher(body);
            while (m.find()) {
                // "/x?" is "/x" (a form's action may end so).
                String href = m.group(1).replace("&amp;", "&").replaceFirst("\\?$", "");
                if (href.startsWith("/q/") || href.startsWith("//") || !seen.add(href)) {
                    continue;
                }
                queue.addLast(href);
            }
        }
        assertTrue(pages > 40, "walked " + pages + " pages and links");
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    @Test
    void countsAndDraftsNeitherNameNorCountRestrictedPeopleForThePublic() {
        String template = "{{count status=detained}}: {{list status=detained}}. {{figure q=Zorvath}}";
        Map<String, Object> draft = Map.of("template", "{{count status=detained}}: {{list status=detained}}.", "asOf", "2026-11-20");
        var editors = EditingTest.editor().contentType("application/json").body(draft).post("/api/drafts").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(editors.getString("text").contains(SECRET_NAME), editors.getString("text"));
        var publics = given().contentType("application/json").body(draft).post("/api/drafts").then()
                .statusCode(200).extract().jsonPath();
        assertFalse(publics.getString("text").contains(SECRET_NAME), publics.getString("text"));
        assertEquals(editors.getLong("placeholders[0].number") - 1, publics.getLong("placeholders[0].number"),
                "the public count leaves the restricted person out");
        // The restricted figure does not exist for the public, so it cannot be quoted.
        given().contentType("application/json").body(Map.of("template", template, "asOf", "2026-11-20")).post("/api/drafts").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("no reported figure matches"));
        given().contentType("application/json").body(Map.of("template", "{{person " + restrictedPerson + "}}")).post("/api/drafts")
                .then().statusCode(400).body("parameter", equalTo("id"));
        List<String> editorsCount = EditingTest.editor().queryParam("asOf", "2026-11-20").queryParam("size", "200").get("/api/counts")
                .then().statusCode(200).extract().jsonPath().getList("people.items.name");
        List<String> publicCount = given().queryParam("asOf", "2026-11-20").queryParam("size", "200").get("/api/counts")
                .then().statusCode(200).extract().jsonPath().getList("people.items.name");
        assertTrue(editorsCount.contains(SECRET_NAME), editorsCount.toString());
        assertEquals(editorsCount.stream().filter(n -> !n.equals(SECRET_NAME)).toList(), publicCount);
    }

    @Test
    void theDatabaseItselfHidesRestrictedRowsFromThePublicRole() {
        // Counting through the API: the public sees the public person's one name, not the restricted alias.
        List<String> aliases = given().queryParam("q", "Hem Sarun").get("/api/persons").then().statusCode(200)
                .extract().jsonPath().getList("items[0].aliases");
        assertFalse(aliases.contains(SECRET_ALIAS));
    }
}
