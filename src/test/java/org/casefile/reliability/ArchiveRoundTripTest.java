package org.casefile.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.casefile.archive.ArchiveTables;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore: the seed plus edits (a restricted source and person, an edited and a deprecated fact, a renamed
 * person, a merge) are archived, the instance is emptied, the archive is loaded, and every public and editor document
 * the API serves is the same as before, byte for byte. Only readAt (counts: when the records were read) and the
 * iCalendar DTSTAMP (when the file was made), with the ETags of those answers, are left out of the comparison: they
 * name the moment of the request, not the data. An archive of the restored instance is the archive that was loaded.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class ArchiveRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDITOR = "archive-editor";
    private static final String PASSWORD = "a-long-archive-editor-password";
    /** Tables the test keeps when it empties the instance: the schema's, and singletons the service updates. */
    private static final Set<String> KEPT = Set.of("flyway_schema_history", "count_answers_kept", "account");

    private String mergedAway;
    private String knownAt;

    @Test
    void everyTableIsArchivedOrLeftOutByDecision() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            for (String table : ArchiveTables.all(c)) {
                assertTrue(ArchiveTables.ARCHIVED.contains(table) ^ ArchiveTables.NOT_ARCHIVED.containsKey(table),
                        table + " is either in the archive or left out with a reason (ArchiveTables)");
            }
        }
    }

    /**
     * pg_restore loads a dump's rows with an empty search_path, computing each generated column as it goes: every
     * generated column must compute so, to the value stored (V17 qualified a call that did not).
     */
    @Test
    void everyGeneratedColumnComputesAsPgRestoreLoadsIt() throws Exception {
        List<String[]> generated = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("set search_path = ''");
            try (ResultSet r = s.executeQuery("select a.attrelid::regclass::text, a.attname, pg_get_expr(d.adbin, d.adrelid) "
                    + "from pg_catalog.pg_attribute a join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                    + "where a.attgenerated = 's' and not a.attisdropped")) {
                while (r.next()) {
                    generated.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
            assertFalse(generated.isEmpty());
            for (String[] g : generated) {
                try (ResultSet r = s.executeQuery("select count(*) filter (where (" + g[2] + ") is distinct from " + g[1] + "), count(*) from " + g[0])) {
                    r.next();
                    assertEquals(0, r.getLong(1), g[0] + "." + g[1] + " = " + g[2]);
                    assertTrue(r.getLong(2) > 0, g[0] + " has rows to compute");
                }
            }
        }
    }

    @Test
    void theWholeCaseFileSurvivesAnArchiveAndARestore() throws Exception {
        edit();
        Map<String, String> before = documents();

        byte[] archive = admin().queryParam("includePasswordHashes", "true").get("/api/archive").then().statusCode(200)
                .contentType("application/zip").header("Cache-Control", "no-store")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"casefile-archive-"))
                .extract().asByteArray();
        Map<String, byte[]> entries = unzip(archive);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertEquals("casefile-archive", manifest.get("format").asText());
        assertEquals(1, manifest.get("formatVersion").asInt());
        assertEquals(entries.size() - 1, manifest.get("entries").size(), "the manifest lists every other entry");
        for (JsonNode e : manifest.get("entries")) {
            assertEquals(sha256(entries.get(e.get("name").asText())), e.get("sha256").asText(), e.toString());
        }
        assertTrue(lines(entries, "account").stream().allMatch(l -> l.contains("\"password_hash\":\"$2")), "hashes, as asked");
        assertTrue(lines(entries, "source").stream().anyMatch(l -> l.contains("\"restricted\":true")), "restricted sources too");
        assertTrue(lines(entries, "person").stream().anyMatch(l -> l.contains("\"merged_into\":")), "merges");
        assertFalse(lines(entries, "fact_history").isEmpty(), "history");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, sha256 from source_text order by id")) {
            while (r.next()) {
                byte[] text = entries.get("sources/" + r.getLong(1) + ".txt");
                assertEquals(r.getString(2), sha256(text), "source text " + r.getLong(1) + " verbatim");
            }
        }

        // Without asking, no password hashes: such an archive loads no account but keeps the loader's.
        byte[] withoutHashes = admin().get("/api/archive").then().statusCode(200).extract().asByteArray();
        Map<String, byte[]> plain = unzip(withoutHashes);
        assertFalse(new String(plain.get("tables/account.jsonl"), StandardCharsets.UTF_8).contains("password_hash"));
        assertFalse(JSON.readTree(plain.get("manifest.json")).get("passwordHashes").asBoolean());

        // Not into an instance that holds data.
        Response refused = admin().contentType("application/zip").body(archive).post("/api/archive");
        assertProblem(refused, 409, "already holds a case file");

        empty();
        admin().contentType("application/zip").body(withoutHashes).post("/api/archive").then().statusCode(200)
                .body("accountKept", org.hamcrest.Matchers.equalTo("admin"))
                .body("accountsNotRestored", org.hamcrest.Matchers.hasItem(EDITOR));
        admin().get("/api/accounts").then().statusCode(200).body("username", org.hamcrest.Matchers.contains("admin"));
        given().auth().preemptive().basic(EDITOR, PASSWORD).get("/api/accounts").then().statusCode(401);

        empty();
        String version = dataFingerprint();
        // One byte of one source text changed: the manifest's SHA-256 no longer holds.
        String text = firstText(entries);
        assertTampered(rezip(entries, text, bytes -> flipOneByte(bytes), false), text, version);
        // The same, with the manifest rewritten to match: the SHA-256 the source_text row records still does not.
        assertTampered(rezip(entries, text, bytes -> flipOneByte(bytes), true), text, version);
        // Not a Casefile archive at all.
        assertProblem(admin().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8)).post("/api/archive"),
                422, "not a zip");
        assertProblem(admin().contentType("application/zip").body(zip(Map.of("README", new byte[] {1}))).post("/api/archive"),
                422, "manifest.json");
        assertEquals(version, dataFingerprint(), "nothing was written");

        Response loaded = admin().contentType("application/zip").body(archive).post("/api/archive");
        loaded.then().statusCode(200).body("accountsNotRestored", org.hamcrest.Matchers.empty());
        assertEquals(manifest.get("tables").get("fact").get("rows").asLong(), loaded.jsonPath().getLong("rows.fact"));

        Map<String, String> after = documents();
        assertEquals(before.keySet(), after.keySet());
        List<String> differing = new ArrayList<>();
        for (String key : before.keySet()) {
            if (!before.get(key).equals(after.get(key))) {
                differing.add(key + "\n  before: " + abbreviate(before.get(key)) + "\n  after:  " + abbreviate(after.get(key)));
            }
        }
        assertTrue(differing.isEmpty(), differing.size() + " of " + before.size() + " documents differ:\n" + String.join("\n", differing));
        System.out.printf("ArchiveRoundTripTest: %d documents identical after the restore; archive %d bytes, %d entries%n",
                before.size(), archive.length, entries.size());

        // The restored instance archives to the archive that was loaded (all but the manifest's time and author).
        Map<String, byte[]> again = unzip(admin().queryParam("includePasswordHashes", "true").get("/api/archive").then()
                .statusCode(200).extract().asByteArray());
        assertEquals(entries.keySet(), again.keySet());
        for (String name : entries.keySet()) {
            if (!name.equals("manifest.json")) {
                assertEquals(new String(entries.get(name), StandardCharsets.UTF_8), new String(again.get(name), StandardCharsets.UTF_8), name);
            }
        }
        JsonNode manifestAgain = JSON.readTree(again.get("manifest.json"));
        assertEquals(manifest.get("tables"), manifestAgain.get("tables"));
        assertEquals(manifest.get("entries"), manifestAgain.get("entries"));

        // Ids given out after the restore follow the archived ones.
        long maxFact = maxId("fact");
        long newFact = editor().contentType("application/json").body(Map.of("type", "citizenship", "person", "meach-sovannara",
                        "country", "United States", "citations", List.of(Map.of("source", "joint-letter-kerry-2016-01-25",
                                "quote", "Meach Sovannara, is a US citizen"))))
                .post("/api/facts").then().statusCode(201).extract().jsonPath().getLong("[0].id");
        assertTrue(newFact > maxFact, newFact + " > " + maxFact);
    }

    // ---- the edits the archive must keep

    private void edit() throws Exception {
        int status = admin().contentType("application/json").body(Map.of("username", EDITOR, "password", PASSWORD, "role", "editor"))
                .post("/api/accounts").statusCode();
        assertTrue(status == 201 || status == 409, "account: " + status);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String source = editor().contentType("application/json").body(Map.of("title", "Archive letter " + tag, "kind", "letter",
                        "date", "2026-11-21", "text", "Letter of 21 November 2026.\n\nWe learned that Chan Dara was arrested on "
                                + "21 November 2026 in Kampot. The press writes him Chan Darra. Reference " + tag + ".\n"))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        String person = editor().contentType("application/json").body(Map.of("name", "Chan Dara", "concern", true,
                        "citations", List.of(Map.of("source", source, "quote", "Chan Dara was arrested"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        mergedAway = editor().contentType("application/json").body(Map.of("name", "Chan Darra",
                        "citations", List.of(Map.of("source", source, "quote", "Chan Darra"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        long custody = editor().contentType("application/json").body(Map.of("type", "custody", "person", person, "state", "arrested",
                        "start", "2026-11-21", "confirmed", "2026-11-21",
                        "citations", List.of(Map.of("source", source, "quote", "was arrested on 21 November 2026 in Kampot"))))
                .post("/api/facts").then().statusCode(201).extract().jsonPath().getLong("[0].id");
        long citizenship = editor().contentType("application/json").body(Map.of("type", "citizenship", "person", person,
                        "country", "Cambodia", "citations", List.of(Map.of("source", source, "quote", "Chan Dara"))))
                .post("/api/facts").then().statusCode(201).extract().jsonPath().getLong("[0].id");
        knownAt = databaseNow();

        // An edited fact, a deprecated one, a renamed person, a merge: history of each kind.
        editor().contentType("application/json").header("If-Match", etag("/api/facts/" + custody))
                .body(Map.of("type", "custody", "person", person, "state", "pretrial_detention", "start", "2026-11-21",
                        "confirmed", "2026-11-21", "reason", "Held pending trial, the letter says.",
                        "citations", List.of(Map.of("source", source, "quote", "was arrested on 21 November 2026 in Kampot"))))
                .put("/api/facts/" + custody).then().statusCode(200);
        editor().header("If-Match", etag("/api/facts/" + citizenship)).queryParam("reason", "Not stated by the letter.")
                .delete("/api/facts/" + citizenship).then().statusCode(200);
        editor().contentType("application/json").header("If-Match", etag("/api/persons/" + person))
                .body(Map.of("name", "Chan Dara", "concern", false, "reason", "Not a case of concern after all."))
                .put("/api/persons/" + person).then().statusCode(200);
        editor().contentType("application/json").header("If-Match", etag("/api/persons/" + mergedAway))
                .body(Map.of("into", person, "reason", "The same man, spelled two ways."))
                .post("/api/persons/" + mergedAway + "/merge").then().statusCode(200);

        // A restricted source, and a restricted person with a fact only it states.
        String secret = editor().contentType("application/json").body(Map.of("title", "Confidential note " + tag, "kind", "report",
                        "date", "2026-11-22", "restricted", true,
                        "text", "Confidential. Vong Sreymom was detained on 22 November 2026 at a secret site. Ref " + tag + ".\n"))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        String hidden = editor().contentType("application/json").body(Map.of("name", "Vong Sreymom", "concern", true, "restricted", true,
                        "citations", List.of(Map.of("source", secret, "quote", "Vong Sreymom was detained"))))
                .post("/api/persons").then().statusCode(201).extract().path("id");
        editor().contentType("application/json").body(Map.of("type", "custody", "person", hidden, "state", "pretrial_detention",
                        "start", "2026-11-22", "confirmed", "2026-11-22",
                        "citations", List.of(Map.of("source", secret, "quote", "detained on 22 November 2026"))))
                .post("/api/facts").then().statusCode(201);
    }

    // ---- every document the API serves, anonymously and to an admin

    private Map<String, String> documents() throws Exception {
        Map<String, String> documents = new TreeMap<>();
        Set<String> covered = new TreeSet<>();
        // The admin reads with an API token (made anew each time: tokens are never archived), not a password check a request.
        String token = admin().contentType("application/json").body(Map.of("name", "archive round trip", "role", "admin"))
                .post("/api/accounts/me/tokens").then().statusCode(201).extract().jsonPath().getString("token");
        for (boolean admin : new boolean[] {false, true}) {
            Reader reader = new Reader(admin ? token : null, documents, covered);
            for (String source : reader.list("/api/sources")) {
                reader.get("/api/sources/{id}", source);
                reader.get("/api/sources/{id}/text", source);
                reader.list("/api/sources/{id}/claims", source);
                reader.get("/api/sources/{id}/history", source);
            }
            List<String> persons = reader.list("/api/persons");
            persons.add(mergedAway);
            for (String person : persons) {
                reader.get("/api/persons/{id}", person);
                reader.get("/api/persons/{id}/history", person);
                reader.get("/api/persons/{id}/status", person);
                reader.get("/api/persons/{id}/status", person, "asOf", "2016-01-25", "basis", "confirmed");
                reader.get("/api/persons/{id}/status", person, "asOf", "2026-11-21", "knownAt", knownAt);
            }
            reader.list("/api/persons", "q", "Chan Dara");
            reader.list("/api/persons", "q", "Khem Sokha");
            reader.list("/api/persons", "status", "detained", "asOf", "2016-01-25");
            reader.list("/api/persons", "concern", "true", "sort", "-lastConfirmed");
            for (String incident : reader.list("/api/incidents")) {
                reader.get("/api/incidents/{id}", incident);
                reader.get("/api/incidents/{id}/history", incident);
            }
            for (String organization : reader.list("/api/organizations")) {
                reader.get("/api/organizations/{id}", organization);
            }
            for (String figure : reader.list("/api/figures")) {
                reader.get("/api/figures/{id}", figure);
            }
            for (long fact : comparedFacts()) {
                reader.get("/api/facts/{id}", String.valueOf(fact));
                reader.get("/api/facts/{id}/history", String.valueOf(fact));
            }
            for (String definition : reader.list("/api/counts/definitions")) {
                for (String day : List.of("2016-01-25", "2021-03-23", "2026-11-22")) {
                    reader.get("/api/counts", null, "definition", definition, "asOf", day);
                }
            }
            reader.get("/api/counts", null);
            reader.get("/api/counts", null, "asOf", "2026-11-21", "knownAt", knownAt, "groupBy", "status");
            reader.list("/api/changes", "since", "1970-01-01T00:00:00Z");
            for (String format : List.of("csv", "json", "timelinejs", "ics")) {
                reader.get("/api/timeline", null, "format", format);
            }
            reader.get("/api/timeline/csv-metadata.json", null);
            reader.get("/api/edtf", null, "value", "2015-11/2016-01");
            reader.get("/api/accounts", null);
        }
        // Every GET the OpenAPI document offers is read, but the archive itself and API tokens, which are never
        // archived (ArchiveTables.NOT_ARCHIVED): their owners make new ones on the restored instance.
        Set<String> offered = new TreeSet<>();
        JsonNode paths = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString()).get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getValue().has("get") && !path.getKey().equals("/api/archive") && !path.getKey().contains("/tokens")) {
                offered.add(path.getKey());
            }
        }
        assertEquals(offered, covered, "every GET of the OpenAPI document is compared");
        return documents;
    }

    /**
     * One reader's requests (an admin's with its API token, the public's with none), recorded as status, media type,
     * Location and body.
     */
    private static final class Reader {
        private final String token;
        private final boolean admin;
        private final Map<String, String> documents;
        private final Set<String> covered;

        Reader(String token, Map<String, String> documents, Set<String> covered) {
            this.token = token;
            this.admin = token != null;
            this.documents = documents;
            this.covered = covered;
        }

        /** Every page of a list (or of a plain JSON array); answers the ids of its items. */
        List<String> list(String template, String... query) {
            String id = template.contains("{id}") ? query[0] : null;
            String[] rest = id == null ? query : java.util.Arrays.copyOfRange(query, 1, query.length);
            List<String> ids = new ArrayList<>();
            for (int page = 0; ; page++) {
                String[] paged = java.util.Arrays.copyOf(rest, rest.length + 4);
                paged[rest.length] = "size";
                paged[rest.length + 1] = "200";
                paged[rest.length + 2] = "page";
                paged[rest.length + 3] = String.valueOf(page);
                boolean array = template.equals("/api/counts/definitions");
                Response r = get(template, id, array ? rest : paged);
                if (r.statusCode() != 200) {
                    return ids;
                }
                List<Object> items = r.jsonPath().getList(array ? "id" : "items.id");
                items.forEach(item -> ids.add(String.valueOf(item)));
                if (array || (page + 1) * 200 >= r.jsonPath().getInt("total")) {
                    return ids;
                }
            }
        }

        Response get(String template, String id, String... query) {
            covered.add(template);
            RequestSpecification request = given().redirects().follow(false);
            if (admin) {
                request.header("Authorization", "Bearer " + token);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < query.length; i += 2) {
                parameters.put(query[i], query[i + 1]);
                request.queryParam(query[i], query[i + 1]);
            }
            String path = id == null ? template : template.replace("{id}", id);
            Response r = request.get(path);
            String key = (admin ? "admin " : "public ") + path + (parameters.isEmpty() ? "" : " " + parameters);
            String body = normalised(r.contentType(), r.asString());
            String etag = body.equals(r.asString()) ? r.header("ETag") : "(ETag of an answer naming its moment)";
            documents.put(key, r.statusCode() + " " + r.contentType() + " Location=" + r.header("Location") + " ETag=" + etag + "\n" + body);
            return r;
        }
    }

    /** The answer without what names the moment of the request: readAt (JSON) and DTSTAMP (iCalendar). */
    private static String normalised(String contentType, String body) {
        try {
            if (contentType != null && contentType.startsWith("application/json") && body.contains("\"readAt\"")) {
                JsonNode tree = JSON.readTree(body);
                dropReadAt(tree);
                return JSON.writeValueAsString(tree);
            }
        } catch (IOException e) {
            fail("not JSON: " + body);
        }
        if (contentType != null && contentType.startsWith("text/calendar")) {
            return body.replaceAll("(?m)^DTSTAMP:.*\r?\n", "");
        }
        return body;
    }

    private static void dropReadAt(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("readAt");
        }
        node.forEach(ArchiveRoundTripTest::dropReadAt);
    }

    // ---- emptying, tampering

    /** Empties the instance as its database owner would: every table but the schema's and the service's singletons. */
    private static void empty() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>(ArchiveTables.all(c));
            tables.removeAll(KEPT);
            for (int attempt = 1; ; attempt++) {
                try {
                    s.execute("truncate " + String.join(", ", tables) + " restart identity");
                    break;
                } catch (java.sql.SQLException e) {
                    // The background document builder reads these tables in its own order: PostgreSQL may pick the
                    // truncate to break a deadlock with it. Nothing was emptied then; empty again.
                    if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                        throw e;
                    }
                }
            }
            s.execute("delete from account where username <> 'admin'");
        }
    }

    private void assertTampered(byte[] tampered, String entry, String version) throws Exception {
        Response r = admin().contentType("application/zip").body(tampered).post("/api/archive");
        assertProblem(r, 422, entry);
        assertEquals(entry, r.jsonPath().getString("entry"));
        assertEquals(version, dataFingerprint(), "nothing was written");
        assertEquals(0, count("select count(*) from source_text"), "nothing was written");
    }

    private static void assertProblem(Response r, int status, String detail) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(r.jsonPath().getString("detail").contains(detail), r.jsonPath().getString("detail"));
    }

    private static String firstText(Map<String, byte[]> entries) {
        return entries.keySet().stream().filter(n -> n.startsWith("sources/")).sorted().findFirst().orElseThrow();
    }

    private static byte[] flipOneByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] = (byte) (copy[copy.length / 2] == 'x' ? 'y' : 'x');
        return copy;
    }

    /** The archive with one entry changed, and its manifest entry rewritten to match when asked. */
    private static byte[] rezip(Map<String, byte[]> entries, String name, UnaryOperator<byte[]> change, boolean fixManifest)
            throws Exception {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        byte[] bytes = change.apply(entries.get(name));
        changed.put(name, bytes);
        if (fixManifest) {
            ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
            for (JsonNode e : manifest.get("entries")) {
                if (e.get("name").asText().equals(name)) {
                    ((ObjectNode) e).put("sha256", sha256(bytes)).put("bytes", bytes.length);
                }
            }
            changed.put("manifest.json", JSON.writeValueAsBytes(manifest));
        }
        return zip(changed);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static List<String> lines(Map<String, byte[]> entries, String table) {
        String text = new String(entries.get("tables/" + table + ".jsonl"), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- requests and database reads

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD);
    }

    private static RequestSpecification editor() {
        return given().auth().preemptive().basic(EDITOR, PASSWORD);
    }

    private static String etag(String path) {
        return given().get(path).then().statusCode(200).extract().header("ETag");
    }

    /**
     * The facts read one by one: every fact with a history, a rank or a restriction (read as an editor; the public's
     * answer for a restricted one is a 404, also compared), and every seventh of the others, whose contents the
     * people's, sources' and incidents' documents already show in full. Reading all of them doubles the test's time.
     */
    private static List<Long> comparedFacts() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('casefile.reader', 'editor', true)");
            try (ResultSet r = s.executeQuery("select id from fact where version > 1 or rank <> 'normal' or restricted "
                    + "or id % 7 = 0 order by id")) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            c.rollback();
        }
        return ids;
    }

    private static long maxId(String table) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('casefile.reader', 'editor', true)");
            try (ResultSet r = s.executeQuery("select max(id) from " + table)) {
                r.next();
                return r.getLong(1);
            } finally {
                c.rollback();
            }
        }
    }

    private static String databaseNow() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")) {
            r.next();
            return r.getString(1);
        }
    }

    private static String dataFingerprint() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            return TestDatabase.dataFingerprint(c);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
