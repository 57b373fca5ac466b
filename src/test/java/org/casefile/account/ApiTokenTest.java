package org.casefile.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tokens as scripts use them: made by their owner with the password and shown once, stored only as SHA-256,
 * scoped to a role no higher than the owner's, writing as the owner, refused (401) once revoked, expired or their
 * owner disabled.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class ApiTokenTest {

    static final String PASSWORD = "a-long-password-for-tokens";
    static final String EDITOR = "token-editor";
    static final String ADMIN = "token-admin";

    static RequestSpecification basic(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static RequestSpecification admin() {
        return basic("admin", EditingProfile.ADMIN_PASSWORD);
    }

    @BeforeEach
    void accountsExist() {
        for (String[] account : new String[][] {{EDITOR, "editor"}, {ADMIN, "admin"}}) {
            int status = admin().contentType("application/json")
                    .body(Map.of("username", account[0], "password", PASSWORD, "role", account[1])).post("/api/accounts").statusCode();
            assertTrue(status == 201 || status == 409, account[0] + ": " + status);
            admin().contentType("application/json").body(Map.of("disabled", false)).patch("/api/accounts/" + account[0]).then().statusCode(200);
        }
    }

    static Response create(String user, Map<String, Object> body) {
        return basic(user, PASSWORD).contentType("application/json").body(body).post("/api/accounts/me/tokens");
    }

    static String token(String user, String role) {
        return create(user, Map.of("name", "script " + UUID.randomUUID(), "role", role)).then().statusCode(201).extract().path("token");
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndWritesAsItsOwner() throws Exception {
        Response created = create(EDITOR, Map.of("name", "nightly import"));
        created.then().statusCode(201)
                .contentType("application/json")
                .header("Location", containsString("/api/accounts/" + EDITOR + "/tokens/"))
                .body("owner", equalTo(EDITOR))
                .body("name", equalTo("nightly import"))
                .body("role", equalTo("editor"))
                .body("expiresAt", nullValue());
        String token = created.path("token");
        long id = created.<Number>path("id").longValue();
        assertTrue(token.matches("cf_[A-Za-z0-9_-]{43}"), token);

        // Listed and shown without the token.
        String listed = basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.name", equalTo("nightly import"))
                .body("items.find { it.id == " + id + " }.active", equalTo(true))
                .extract().asString();
        String shown = basic(EDITOR, PASSWORD).get("/api/accounts/" + EDITOR + "/tokens/" + id).then().statusCode(200)
                .body("lastUsedAt", nullValue()).extract().asString();
        assertFalse(listed.contains(token.substring(3)) || shown.contains(token.substring(3)), "the token is shown once only");

        // Stored as its SHA-256, and nowhere as itself.
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select token_sha256, row_to_json(t)::text from api_token t where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)), r.getBytes(1));
                assertFalse(r.getString(2).contains(token.substring(3)), r.getString(2));
            }
        }

        // A write with it is the owner's.
        String sourceId = bearer(token).contentType("application/json")
                .body(Map.of("title", "Letter by a script", "kind", "letter", "date", "2026-11-21",
                        "text", "Letter of 21 November 2026.\n\nWritten by a script, reference " + UUID.randomUUID() + ".\n"))
                .post("/api/sources").then().statusCode(201).extract().path("id");
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select recorded_by from source where id = ?")) {
            s.setString(1, sourceId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                assertEquals(EDITOR, r.getString(1));
            }
        }
        basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens/" + id).then().statusCode(200).body("lastUsedAt", notNullValue());
    }

    @Test
    void aTokenActsWithItsRoleNeverAboveItsOwners() {
        String adminsEditorToken = token(ADMIN, "editor");
        String adminsAdminToken = token(ADMIN, "admin");
        bearer(adminsEditorToken).get("/api/accounts").then().statusCode(403).contentType("application/problem+json");
        bearer(adminsAdminToken).get("/api/accounts").then().statusCode(200);
        bearer(adminsEditorToken).get("/api/accounts/me/tokens").then().statusCode(200);

        create(EDITOR, Map.of("name", "too high", "role", "admin")).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("editor"));
        create(EDITOR, Map.of("name", "odd", "role", "owner")).then().statusCode(422).contentType("application/problem+json");
        create(EDITOR, Map.of("role", "editor")).then().statusCode(422).contentType("application/problem+json");
        create(EDITOR, Map.of("name", "stale", "expiresAt", "2020-01-01T00:00:00Z")).then().statusCode(422)
                .contentType("application/problem+json");
        create(EDITOR, Map.of("name", "bad time", "expiresAt", "next tuesday")).then().statusCode(400)
                .contentType("application/problem+json");

        // A token makes no tokens (a leaked one cannot outlive its revocation); no one makes another's.
        bearer(adminsAdminToken).contentType("application/json").body(Map.of("name", "child")).post("/api/accounts/me/tokens").then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("password"));
        basic("admin", EditingProfile.ADMIN_PASSWORD).contentType("application/json").body(Map.of("name", "for someone"))
                .post("/api/accounts/" + EDITOR + "/tokens").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aRevokedExpiredUnknownOrDisabledOwnersTokenIs401() throws Exception {
        String token = token(EDITOR, "editor");
        long id = basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(200).extract().jsonPath()
                .getLong("items[-1].id");
        bearer(token).get("/api/accounts/me/tokens").then().statusCode(200);

        bearer(token).delete("/api/accounts/me/tokens/" + id).then().statusCode(204);
        bearer(token).get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        basic(EDITOR, PASSWORD).delete("/api/accounts/me/tokens/" + id).then().statusCode(204);
        basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens/" + id).then().statusCode(200)
                .body("revokedBy", equalTo(EDITOR)).body("revokedAt", notNullValue()).body("active", equalTo(false));

        String expiring = create(EDITOR, Map.of("name", "short-lived", "expiresAt", "2999-01-01T00:00:00Z")).then().statusCode(201)
                .extract().path("token");
        bearer(expiring).get("/api/accounts/me/tokens").then().statusCode(200);
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("update api_token set expires_at = now() - interval '1 second' where token_sha256 = ?")) {
            s.setBytes(1, ApiTokenService.sha256(expiring));
            assertEquals(1, s.executeUpdate());
        }
        bearer(expiring).get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json");

        bearer("cf_" + "A".repeat(43)).get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json");
        bearer("not-a-token").get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json");
        bearer("").get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json");

        // A disabled owner's tokens stop working, and work again when the owner is enabled.
        String owners = token(EDITOR, "editor");
        admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/" + EDITOR).then().statusCode(200);
        try {
            bearer(owners).get("/api/accounts/me/tokens").then().statusCode(401).contentType("application/problem+json");
        } finally {
            admin().contentType("application/json").body(Map.of("disabled", false)).patch("/api/accounts/" + EDITOR).then().statusCode(200);
        }
        bearer(owners).get("/api/accounts/me/tokens").then().statusCode(200);
    }

    @Test
    void anAdminListsAndRevokesAnyonesTokensAnEditorOnlyTheirOwn() {
        String token = token(EDITOR, "editor");
        long id = basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(200).extract().jsonPath()
                .getLong("items[-1].id");

        basic(ADMIN, PASSWORD).get("/api/accounts/" + EDITOR + "/tokens").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.owner", equalTo(EDITOR));
        basic(EDITOR, PASSWORD).get("/api/accounts/" + ADMIN + "/tokens").then().statusCode(403).contentType("application/problem+json");
        basic(EDITOR, PASSWORD).delete("/api/accounts/" + ADMIN + "/tokens/1").then().statusCode(403);
        // The id must be the account's own: another's id under my path is not found.
        basic(ADMIN, PASSWORD).delete("/api/accounts/me/tokens/" + id).then().statusCode(404).contentType("application/problem+json");
        basic(ADMIN, PASSWORD).get("/api/accounts/no-such-account/tokens").then().statusCode(404).contentType("application/problem+json");
        basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens/not-a-number").then().statusCode(404).contentType("application/problem+json");
        basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens?size=0").then().statusCode(400).contentType("application/problem+json");

        basic(ADMIN, PASSWORD).delete("/api/accounts/" + EDITOR + "/tokens/" + id).then().statusCode(204);
        bearer(token).get("/api/accounts/me/tokens").then().statusCode(401);
        basic(EDITOR, PASSWORD).get("/api/accounts/me/tokens/" + id).then().statusCode(200).body("revokedBy", equalTo(ADMIN));
    }
}
