package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.casefile.support.EditingProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every write endpoint × every role: anonymous 401, wrong password 401, a role that may not 403, one that may passes. */
@QuarkusTest
@TestProfile(EditingProfile.class)
class AccessTest {

    record Endpoint(String method, String path, Object body, String needs) {
    }

    static final List<Endpoint> WRITES = List.of(
            new Endpoint("POST", "/api/sources", Map.of("title", "x", "kind", "nope", "text", "x"), "editor"),
            new Endpoint("POST", "/api/sources/joint-letter-kerry-2016-01-25/mentions", null, "editor"),
            new Endpoint("POST", "/api/persons", Map.of("name", "Nobody Cited"), "editor"),
            new Endpoint("PUT", "/api/persons/kem-sokha", Map.of("reason", "x"), "editor"),
            new Endpoint("POST", "/api/facts", Map.of("type", "figure"), "editor"),
            new Endpoint("PUT", "/api/facts/1", Map.of("type", "figure"), "editor"),
            new Endpoint("DELETE", "/api/facts/1", null, "editor"),
            new Endpoint("GET", "/api/accounts", null, "admin"),
            new Endpoint("POST", "/api/accounts", Map.of("username", "x"), "admin"));

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    static int call(RequestSpecification spec, Endpoint e) {
        if (e.body() != null) {
            spec = spec.contentType("application/json").body(e.body());
        }
        return spec.request(e.method(), e.path()).statusCode();
    }

    @Test
    void anonymousWritesAre401WithAChallenge() {
        for (Endpoint e : WRITES) {
            RequestSpecification spec = given();
            if (e.body() != null) {
                spec = spec.contentType("application/json").body(e.body());
            }
            spec.request(e.method(), e.path()).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Basic"))
                    .body("status", equalTo(401));
        }
    }

    @Test
    void aWrongPasswordIs401() {
        for (Endpoint e : WRITES) {
            assertTrue(call(EditingTest.as(EditingTest.EDITOR, "wrong-password-entirely"), e) == 401, e.toString());
        }
    }

    @Test
    void editorsWriteButDoNotManageAccounts() {
        check(EditingTest::editor, "editor");
    }

    @Test
    void adminsDoEverything() {
        check(EditingTest::admin, "admin");
    }

    private static void check(Supplier<RequestSpecification> as, String role) {
        for (Endpoint e : WRITES) {
            int status = call(as.get(), e);
            boolean allowed = role.equals("admin") || e.needs().equals("editor");
            if (allowed) {
                assertTrue(status != 401 && status != 403 && status < 500, role + " " + e + " -> " + status);
            } else {
                assertTrue(status == 403, role + " " + e + " -> " + status);
            }
        }
    }

    @Test
    void readsNeedNoAccount() {
        for (String path : List.of("/api/sources", "/api/persons", "/api/persons/kem-sokha", "/api/incidents", "/api/organizations",
                "/api/changes", "/api/facts/1", "/api/persons/kem-sokha/history")) {
            given().get(path).then().statusCode(200);
        }
    }
}
