package org.casefile.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.casefile.account.Passwords;
import org.casefile.support.EditingProfile;
import org.casefile.support.FromAddress;
import org.casefile.support.TestDatabase;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing (OWASP API2): failed logins are throttled per account and per client address with a 429 and
 * Retry-After, the right password included, until the window clears; an unknown or disabled account is refused
 * exactly as a wrong password is, at the same bcrypt cost; an admin disables accounts but never the last admin; the
 * log says who, from where and why, never a secret. Other clients are other loopback addresses (127.0.0.2, …), as
 * the service sees a client's address: it trusts no forwarded header.
 */
@QuarkusTest
@TestProfile(LoginAbuseTest.SmallLimits.class)
class LoginAbuseTest {

    /** 3 failures per account, 6 per address, in 15 minutes; the log at DEBUG, successes included. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new EditingProfile().getConfigOverrides());
            config.put("casefile.login.account-failures", "3");
            config.put("casefile.login.address-failures", "6");
            config.put("casefile.login.window", "15m");
            config.put("quarkus.log.category.\"org.casefile.account\".level", "DEBUG");
            return config;
        }
    }

    static final String PASSWORD = "a-long-password-for-logins";
    static final String PROBE = "/api/accounts/me/tokens";

    /** Held, so the logger and its handler live as long as the test. */
    private static final Logger ACCOUNT_LOG = Logger.getLogger("org.casefile.account");
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void noFailuresYet() throws Exception {
        sql("delete from login_failure");
        capture.setLevel(Level.ALL);
        ACCOUNT_LOG.addHandler(capture);
    }

    @AfterEach
    void forget() throws Exception {
        ACCOUNT_LOG.removeHandler(capture);
        sql("delete from login_failure");
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD);
    }

    static void accountExists(String username, String role) {
        int status = admin().contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD, "role", role)).post("/api/accounts").statusCode();
        assertTrue(status == 201 || status == 409, username + ": " + status);
        admin().contentType("application/json").body(Map.of("disabled", false)).patch("/api/accounts/" + username).then().statusCode(200);
    }

    static FromAddress.Answer login(String from, String username, String password) {
        return FromAddress.get(from, PROBE, FromAddress.basic(username, password));
    }

    static void sql(String statement) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static void assertThrottled(FromAddress.Answer answer) {
        assertEquals(429, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.header("Content-Type"));
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        JsonPath problem = JsonPath.from(answer.body());
        assertEquals(429, problem.getInt("status"));
        assertEquals(retryAfter, problem.getLong("retryAfter"));
        assertTrue(problem.getString("detail").contains("Retry-After"), problem.getString("detail"));
    }

    @Test
    void anAccountIsThrottledAfterItsFailuresFromAnyAddressTheRightPasswordToo() throws Exception {
        accountExists("guessed-one", "editor");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("127.0.0.2", "guessed-one", "wrong-password-" + i).status());
        }
        // The owner, from another address, with the right password: refused unchecked until the window clears.
        assertThrottled(login("127.0.0.1", "guessed-one", PASSWORD));
        assertThrottled(login("127.0.0.3", "guessed-one", "wrong-password-again"));
        // Other accounts at the guesser's address are not held up (3 failures of the 6 it may have).
        assertEquals(200, FromAddress.get("127.0.0.2", PROBE, FromAddress.basic("admin", EditingProfile.ADMIN_PASSWORD)).status());

        // The window clears: every failure older than 15 minutes.
        sql("update login_failure set failed_at = failed_at - interval '15 minutes'");
        assertEquals(200, login("127.0.0.1", "guessed-one", PASSWORD).status());
    }

    @Test
    void signingInFromTheBrowserIsThrottledWithTheApisLogins() throws Exception {
        accountExists("form-guessed", "editor");
        // Two wrong passwords in the sign-in form and one over the API, from another address: the account is held.
        assertEquals(401, signInForm("form-guessed", "wrong-in-the-form-1").statusCode());
        assertEquals(401, signInForm("form-guessed", "wrong-in-the-form-2").statusCode());
        assertEquals(401, login("127.0.0.5", "form-guessed", "wrong-over-the-api").status());
        io.restassured.response.Response held = signInForm("form-guessed", PASSWORD);
        assertEquals(429, held.statusCode(), held.asString());
        long retryAfter = Long.parseLong(held.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertTrue(held.asString().contains("Too many failed sign-ins"), held.asString());
        assertThrottled(login("127.0.0.6", "form-guessed", PASSWORD));
        // The window clears (every failure older than 15 minutes), so this test's failures at 127.0.0.1 hold up no other.
        sql("update login_failure set failed_at = failed_at - interval '15 minutes'");
        assertEquals(303, signInForm("form-guessed", PASSWORD).statusCode());
    }

    /** The browser's sign-in form, posted as a browser posts it (its token, with its cookie). */
    private static io.restassured.response.Response signInForm(String username, String password) {
        io.restassured.response.Response form = given().get("/sign-in");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.asString());
        assertTrue(csrf.find(), form.asString());
        return given().cookie("casefile_sign_in", form.getCookie("casefile_sign_in")).redirects().follow(false)
                .formParams(Map.of("username", username, "password", password, "csrf", csrf.group(1))).post("/sign-in");
    }

    @Test
    void anUnknownAccountIsThrottledTheSameWaySoTheThrottleTellsNothing() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("127.0.0.2", "no-such-account-here", "wrong-password-" + i).status());
        }
        assertThrottled(login("127.0.0.1", "no-such-account-here", "any-password-at-all"));
    }

    @Test
    void anAddressIsThrottledAfterItsFailuresForAnyAccountsAndOnlyThatAddress() {
        accountExists("address-one", "editor");
        for (String account : List.of("address-two", "address-three", "nobody-x", "nobody-y", "nobody-z", "address-one")) {
            assertEquals(401, login("127.0.0.4", account, "wrong-password").status());
        }
        // Six failures from 127.0.0.4, at most one per account: the address is held, not the accounts.
        assertThrottled(login("127.0.0.4", "address-one", PASSWORD));
        assertThrottled(login("127.0.0.4", "admin", EditingProfile.ADMIN_PASSWORD));
        assertEquals(200, login("127.0.0.1", "address-one", PASSWORD).status());
        assertEquals(200, login("127.0.0.5", "address-one", PASSWORD).status());
    }

    @Test
    void aSuccessForgivesOnlyItsOwnAddressesFailures() {
        accountExists("forgiven-one", "editor");
        // The owner mistypes twice, then logs in: those two are forgiven, and two more mistypes do not lock them out.
        assertEquals(401, login("127.0.0.1", "forgiven-one", "mistyped-once").status());
        assertEquals(401, login("127.0.0.1", "forgiven-one", "mistyped-twice").status());
        assertEquals(200, login("127.0.0.1", "forgiven-one", PASSWORD).status());
        assertEquals(401, login("127.0.0.1", "forgiven-one", "mistyped-again").status());
        assertEquals(401, login("127.0.0.1", "forgiven-one", "mistyped-more").status());
        assertEquals(200, login("127.0.0.1", "forgiven-one", PASSWORD).status());

        // A guesser elsewhere: the owner's success does not reset the guesser's failures.
        assertEquals(401, login("127.0.0.6", "forgiven-one", "guess-one").status());
        assertEquals(401, login("127.0.0.6", "forgiven-one", "guess-two").status());
        assertEquals(200, login("127.0.0.1", "forgiven-one", PASSWORD).status());
        assertEquals(401, login("127.0.0.6", "forgiven-one", "guess-three").status());
        assertThrottled(login("127.0.0.1", "forgiven-one", PASSWORD));
    }

    @Test
    void anUnknownOrDisabledAccountCostsOneBcryptCheckOfTheSameCostAndGetsTheSameAnswer() {
        accountExists("cost-one", "editor");
        accountExists("cost-disabled", "editor");
        admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/cost-disabled").then().statusCode(200);

        List<String> answers = new ArrayList<>();
        for (String[] attempt : List.of(new String[] {"cost-one", "wrong-password"}, new String[] {"no-such-account-cost", "wrong-password"},
                new String[] {"cost-disabled", PASSWORD}, new String[] {"NOT a username\u0000!", "wrong-password"})) {
            long before = Passwords.verifications(Passwords.COST);
            long otherCosts = totalVerifications() - before;
            FromAddress.Answer answer = login("127.0.0.7", attempt[0], attempt[1]);
            assertEquals(401, answer.status(), attempt[0] + ": " + answer.body());
            assertEquals(before + 1, Passwords.verifications(Passwords.COST), attempt[0] + ": one bcrypt check of cost " + Passwords.COST);
            assertEquals(otherCosts, totalVerifications() - Passwords.verifications(Passwords.COST), attempt[0] + ": no check of another cost");
            answers.add(answer.header("WWW-Authenticate") + " " + answer.body());
            sql0("delete from login_failure");
        }
        assertEquals(1, answers.stream().distinct().count(), "one answer for every refusal: " + answers);
    }

    private static long totalVerifications() {
        long total = 0;
        for (int cost = 4; cost <= 31; cost++) {
            total += Passwords.verifications(cost);
        }
        return total;
    }

    private static void sql0(String statement) {
        try {
            sql(statement);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDisabledAccountCannotLogInAndTheLastAdminCannotBeDisabled() {
        accountExists("disabled-one", "editor");
        accountExists("disabled-two", "editor");
        FromAddress.Answer wrong = login("127.0.0.1", "disabled-one", "wrong-password");

        admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/disabled-one").then()
                .statusCode(200).body("disabled", equalTo(true)).body("disabledBy", equalTo("admin"));
        admin().get("/api/accounts").then().statusCode(200)
                .body("find { it.username == 'disabled-one' }.disabled", equalTo(true))
                .body("find { it.username == 'admin' }.disabled", equalTo(false));
        FromAddress.Answer disabled = login("127.0.0.1", "disabled-one", PASSWORD);
        assertEquals(401, disabled.status());
        assertEquals(wrong.body(), disabled.body(), "a disabled account is refused as a wrong password is");

        // Only admins disable; no one is found by a name that is not an account; the body says what to change.
        given().auth().preemptive().basic("disabled-two", PASSWORD).contentType("application/json").body(Map.of("disabled", true))
                .patch("/api/accounts/disabled-one").then().statusCode(403).contentType("application/problem+json");
        admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/no-such-account").then()
                .statusCode(404).contentType("application/problem+json");
        admin().contentType("application/json").body(Map.of()).patch("/api/accounts/disabled-one").then()
                .statusCode(422).contentType("application/problem+json").body("detail", containsString("disabled"));

        admin().contentType("application/merge-patch+json").body("{\"disabled\": false}").patch("/api/accounts/disabled-one").then()
                .statusCode(200).body("disabled", equalTo(false));
        assertEquals(200, login("127.0.0.1", "disabled-one", PASSWORD).status());

        // The last enabled admin: other admins (from other tests, or made here) are disabled for the check, then enabled.
        accountExists("second-admin", "admin");
        List<String> otherAdmins = admin().get("/api/accounts").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.role == 'admin' && !it.disabled && it.username != 'admin' }.username", String.class);
        try {
            for (String other : otherAdmins) {
                admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/" + other).then().statusCode(200);
            }
            admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/admin").then()
                    .statusCode(409).contentType("application/problem+json").body("title", equalTo("Last admin"));
            assertEquals(200, login("127.0.0.1", "admin", EditingProfile.ADMIN_PASSWORD).status());
        } finally {
            for (String other : otherAdmins) {
                admin().contentType("application/json").body(Map.of("disabled", false)).patch("/api/accounts/" + other).then().statusCode(200);
            }
        }
    }

    @Test
    void theLogSaysWhoFromWhereAndWhyButNoSecret() {
        accountExists("logged-one", "editor");
        String wrongPassword = "wrong-but-secret-password-7";
        login("127.0.0.8", "logged-one", wrongPassword);
        login("127.0.0.8", "no-such-logged", wrongPassword);
        login("127.0.0.8", "logged-one", PASSWORD);
        String token = given().auth().preemptive().basic("logged-one", PASSWORD).contentType("application/json")
                .body(Map.of("name", "log check")).post("/api/accounts/me/tokens").then().statusCode(201).extract().path("token");
        int id = given().header("Authorization", "Bearer " + token).get("/api/accounts/me/tokens").then().statusCode(200)
                .extract().path("items[0].id");
        given().header("Authorization", "Bearer " + token).delete("/api/accounts/me/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/accounts/me/tokens").then().statusCode(401);
        admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/accounts/logged-one").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            login("127.0.0.8", "logged-one", PASSWORD);
        }

        List<String> lines;
        synchronized (logged) {
            lines = logged.stream().map(r -> r.getLevel() + " " + (r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage()))
                    .toList();
        }
        String log = String.join("\n", lines);
        assertThat(lines, "Login refused: 'logged-one' from 127.0.0.8 (wrong password)");
        assertThat(lines, "Login refused: 'no-such-logged' from 127.0.0.8 (unknown account)");
        assertThat(lines, "Login: logged-one from 127.0.0.8 (password)");
        assertThat(lines, "API token " + id + " of logged-one created (editor) by logged-one from 127.0.0.1");
        assertThat(lines, "API token " + id + " of logged-one revoked by logged-one from 127.0.0.1");
        assertThat(lines, "Token refused: token " + id + " of logged-one from 127.0.0.1 (revoked)");
        assertThat(lines, "Account logged-one disabled by admin from 127.0.0.1");
        assertThat(lines, "Login refused: 'logged-one' from 127.0.0.8 (account disabled)");
        assertThat(lines, "Logins throttled: 'logged-one' from 127.0.0.8 has had too many failed logins");
        for (String secret : List.of(wrongPassword, PASSWORD, EditingProfile.ADMIN_PASSWORD, token, token.substring(3),
                FromAddress.basic("logged-one", wrongPassword).substring(6), FromAddress.basic("logged-one", PASSWORD).substring(6))) {
            assertFalse(log.contains(secret), "the log holds no secret: " + secret);
        }
    }

    private static void assertThat(List<String> lines, String expected) {
        assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), "logged: " + expected + "\nin:\n" + String.join("\n", lines));
    }

    @Test
    void aMinimumPasswordLengthWhenAccountsAreMade() {
        admin().contentType("application/json").body(Map.of("username", "short-password", "password", "elevenchars", "role", "editor"))
                .post("/api/accounts").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(Passwords.MIN_LENGTH + " characters"));
        admin().contentType("application/json").body(Map.of("username", "me", "password", PASSWORD, "role", "editor"))
                .post("/api/accounts").then().statusCode(422).contentType("application/problem+json");
        admin().contentType("application/json").body(Map.of("username", "long-enough", "password", "twelve-chars", "role", "editor"))
                .post("/api/accounts").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
        admin().get("/api/accounts").then().body("username", hasItem("long-enough"));
    }
}
