package org.casefile.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz of every operation the served OpenAPI document lists, anonymously and as an admin: hostile values
 * in each parameter and body field (NUL bytes, overlong text, huge and negative numbers, impossible dates, wrong JSON
 * types, deep nesting), odd headers. Every answer is below 500; every error is problem+json with a detail; a refused
 * request writes nothing (the data version does not move). The admin's requests carry an admin API token, but for
 * those that make tokens, which a token may not: a password check a request is what AccessTest and LoginAbuseTest test.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hostile values for a parameter or a text field. */
    private static final List<String> VALUES = List.of("\u0000", "a\u0000b", "%00", "", " ", "x".repeat(1_000), "-1", "0",
            "-99999999999999999999", "99999999999999999999", "1e309", "NaN", "+1", " 1", "1 ", "0x10", "1_000", "\u0661\u0662",
            "2020-02-30", "9999-99-99", "0000-00-00", "2020-1-1", "20200101", "+2020-01-01", "-0001-01-01", "2020-W01",
            "2020-13-01T25:61:61Z", "2020-01-01T00:00", "../../etc/passwd", "' or 1=1 --", "<script>alert(1)</script>",
            "{{count}}", "%", "_", "*", "(", "[", "^$", "\\", "\uD83D\uDCA5", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uFFFF", "\u200B", "\u202Egnp.exe", "e\u0301", "true", "TRUE", "yes", "null", "[]", "{\"a\":1}", "a,b", ",,,",
            "DETAINED", "detained ", "detained\n", "\t", "\r\n", "\u00A0", "\u3000", "\u1780\u17C1\u1798", "\uFEFF");

    /** Hostile JSON values for a body field; an admin's writes (each a fingerprint of the data) get the first few. */
    private static final List<String> BODY_VALUES = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"" + "y".repeat(50_000) + "\"",
            "-1", "99999999999999999999999", "true", "null", "[]", "{}", "1e400", "[[[[[[[[[[1]]]]]]]]]]", "\"2020-02-30\"",
            "\"../../etc\"", "{\"$ref\": \"x\"}", "\"\"");

    private static final int ADMIN_BODY_VALUES = 6;

    private int requests;

    @Test
    void noHostileRequestGetsA5xxAndEveryRefusalIsAProblemThatWritesNothing() throws Exception {
        JsonNode openapi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                fuzz(openapi, method, path.getKey(), op.getValue());
            }
        }
        if (database != null) {
            database.close();
        }
        System.out.printf("HostileInputTest: %d requests%n", requests);
        timeByOperation.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(8)
                .forEach(e -> System.out.printf("  %s: %d requests, %d ms%n", e.getKey(), e.getValue()[0], e.getValue()[1] / 1_000_000));
        assertTrue(requests >= 10_000, "a run sends at least 10,000 hostile requests: " + requests);
    }

    private void fuzz(JsonNode openapi, String method, String path, JsonNode op) throws Exception {
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(parameters::add);
        String body = body(openapi, op);
        // Everything anonymously (a write is refused as unauthenticated: it must still be a problem that writes
        // nothing); then a write's body and parameters as an admin.
        for (JsonNode parameter : parameters) {
            for (String value : VALUES) {
                Map<String, String> values = plain(parameters);
                values.put(parameter.get("name").asText() + "@" + parameter.get("in").asText(), value);
                send(method, path, values, body, false, null);
            }
        }
        for (String value : VALUES) {
            Map<String, String> values = new LinkedHashMap<>();
            parameters.forEach(p -> values.put(p.get("name").asText() + "@" + p.get("in").asText(), value));
            send(method, path, values, body, false, null);
        }
        for (Map.Entry<String, String> header : List.of(Map.entry("Accept", "text/x-nonsense"), Map.entry("Accept", "*/*;q=abc"),
                Map.entry("If-None-Match", "\"\u0001\""), Map.entry("If-Match", "W/"), Map.entry("Content-Type", "application/json; charset=utf-16"),
                Map.entry("Content-Type", "text/plain"), Map.entry("Authorization", "Basic !!!"), Map.entry("Authorization", "Bearer x"),
                Map.entry("Accept-Language", "x".repeat(4000)), Map.entry("X-Forwarded-For", "999.999.999.999"))) {
            send(method, path, plain(parameters), body, false, header);
        }
        if (body != null) {
            fuzzBody(method, path, parameters, body, false, BODY_VALUES.size());
        }
        if (!method.equals("GET")) {
            for (JsonNode parameter : parameters) {
                for (String value : VALUES.subList(0, 8)) {
                    Map<String, String> values = plain(parameters);
                    values.put(parameter.get("name").asText() + "@" + parameter.get("in").asText(), value);
                    send(method, path, values, body, true, null);
                }
            }
            if (body != null) {
                fuzzBody(method, path, parameters, body, true, ADMIN_BODY_VALUES);
            }
        }
    }

    /** Each field of the body's plain example hostile in turn, then the body itself malformed or oversized. */
    private void fuzzBody(String method, String path, List<JsonNode> parameters, String body, boolean admin, int kinds)
            throws Exception {
        JsonNode example = JSON.readTree(body);
        List<String> bodies = new ArrayList<>();
        if (example.isObject()) {
            for (Iterator<String> names = example.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                for (String value : BODY_VALUES.subList(0, kinds)) {
                    ObjectNode copy = ((ObjectNode) example).deepCopy();
                    copy.set(name, JSON.readTree(value));
                    bodies.add(JSON.writeValueAsString(copy));
                }
            }
        }
        bodies.addAll(List.of("", "{", "}", "null", "[]", "\"x\"", "1", "{\"a\":", "[".repeat(5_000) + "]".repeat(5_000),
                "{\"text\": \"" + "z".repeat(2_000_000) + "\"}", "\u0000", "{\"\u0000\": 1}", "{\"text\": \"\\ud800\"}"));
        for (String hostile : bodies) {
            send(method, path, plain(parameters), hostile, admin, null);
        }
        // One byte over the body size limit: announced, so the answer (a 413 problem) comes before it is sent.
        send(method, path, plain(parameters), oversized(), admin, Map.entry("Expect", "100-continue"));
    }

    /** A JSON body one byte longer than quarkus.http.limits.max-body-size allows. */
    private String oversized;

    private String oversized() {
        if (oversized == null) {
            long limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class).asLongValue();
            oversized = "{\"text\": \"" + "o".repeat((int) limit + 1 - 12) + "\"}";
        }
        return oversized;
    }

    private final Map<String, long[]> timeByOperation = new LinkedHashMap<>();

    private void send(String method, String path, Map<String, String> values, String body, boolean admin,
                      Map.Entry<String, String> header) throws Exception {
        // A token cannot make tokens: those requests log in with the password. The token is made before the fingerprint.
        String token = admin && !(method.equals("POST") && path.endsWith("/tokens")) ? adminToken() : null;
        String before = admin ? (unchanged != null ? unchanged : dataFingerprint()) : null;
        unchanged = null;
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        } else if (admin) {
            request.auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD);
        }
        String target = path;
        for (Map.Entry<String, String> v : values.entrySet()) {
            String[] nameIn = v.getKey().split("@");
            switch (nameIn[1]) {
                case "path" -> target = target.replace("{" + nameIn[0] + "}", encoded(v.getValue()));
                case "query" -> request.queryParam(nameIn[0], encoded(v.getValue()));
                case "header" -> request.header(nameIn[0], v.getValue().replaceAll("[\\x00-\\x1f\\x7f]", "?"));
                default -> { }
            }
        }
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        if (header != null) {
            request.header(header.getKey(), header.getValue().replaceAll("[\\x00-\\x1f\\x7f]", "?"));
        }
        long started = System.nanoTime();
        Response response = request.urlEncodingEnabled(false).request(method, target.contains("{") ? target.replaceAll("\\{[^}]*}", "x") : target);
        requests++;
        long[] spent = timeByOperation.computeIfAbsent(method + " " + path, k -> new long[2]);
        spent[0]++;
        spent[1] += System.nanoTime() - started;
        String what = method + " " + path + " " + values.keySet() + (admin ? " as admin" : "") + (header == null ? "" : " " + header.getKey())
                + " -> " + response.statusCode() + " " + abbreviate(response.asString());
        assertTrue(response.statusCode() < 500, what);
        if (response.statusCode() >= 400) {
            assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"), "problem+json: " + what);
            String detail = response.jsonPath().getString("detail");
            assertTrue(detail != null && detail.length() > 10, "a detail a person can act on: " + what);
            if (admin) {
                String after = dataFingerprint();
                assertEquals(before, after, "a refused request wrote nothing: " + what);
                unchanged = after;
            }
        }
    }

    /** Plain values for the parameters: none for queries and headers, an id that exists nowhere for paths. */
    private static Map<String, String> plain(List<JsonNode> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.stream().filter(p -> p.get("in").asText().equals("path"))
                .forEach(p -> values.put(p.get("name").asText() + "@path", "no-such-id"));
        return values;
    }

    /** A plain JSON body for the operation: its schema's properties with a string each (or null when it takes none). */
    private static String body(JsonNode openapi, JsonNode op) throws Exception {
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            schema = openapi.at("/components/schemas/" + schema.get("$ref").asText().replace("#/components/schemas/", ""));
        }
        ObjectNode example = JSON.createObjectNode();
        schema.path("properties").fieldNames().forEachRemaining(name -> example.put(name, "plain"));
        return JSON.writeValueAsString(example);
    }

    private Connection database;

    /**
     * The data's fingerprint after the last request, when that was an admin's refused request (which wrote nothing, as
     * checked): the next admin request's "before", read once instead of twice. Null after any other request.
     */
    private String unchanged;

    private String adminToken;

    /** An admin API token, made once with the admin's password. */
    private String adminToken() {
        if (adminToken == null) {
            adminToken = given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD).contentType("application/json")
                    .body(Map.of("name", "hostile input", "role", "admin")).post("/api/accounts/me/tokens")
                    .then().statusCode(201).extract().jsonPath().getString("token");
        }
        return adminToken;
    }

    private String dataFingerprint() throws Exception {
        if (database == null) {
            database = TestDatabase.connect();
        }
        return TestDatabase.dataFingerprint(database);
    }

    /** Percent-encoded as a client would send it (the request is sent as written, so a NUL goes as %00). */
    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
