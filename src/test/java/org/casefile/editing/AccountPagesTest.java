package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import java.util.Map;
import java.util.UUID;
import org.casefile.support.Browser;
import org.casefile.support.EditingProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** An admin's accounts page: accounts made, disabled and enabled from the browser, by admins alone. */
@QuarkusTest
@TestProfile(EditingProfile.class)
class AccountPagesTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String PASSWORD = "a-long-password-made-in-the-browser";

    @AfterEach
    void signedOut() {
        Browser.signOut();
    }

    @Test
    void anAdminMakesAnAccountDisablesItAndEnablesItAgain() {
        Browser browser = Browser.open().get("/accounts");
        assertEquals("/sign-in?next=%2Faccounts", browser.path(), "the page sends a visitor to sign in first");
        browser.find("#username").sendKeys("admin");
        browser.find("#password").sendKeys(EditingProfile.ADMIN_PASSWORD);
        browser.find("form.sign-in button").click();
        browser.waitUntil("location.pathname === '/accounts'");
        assertTrue(browser.find("#account-admin").getText().contains("admin (you)"), browser.find("#account-admin").getText());
        assertEquals(1, browser.findAll("header nav a[href='/accounts']").size(), "the header links an admin to it");
        browser.check("accounts");

        // Refused as the API refuses it, the name kept as typed, the password never shown again.
        browser.find("#username").sendKeys("Dara Upper");
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#new-account button[type=submit]").click();
        browser.waitUntil("document.getElementById('refusal')");
        assertTrue(browser.find("#refusal").getText().contains("Invalid username"), browser.find("#refusal").getText());
        assertEquals("Dara Upper", browser.find("#username").getAttribute("value"));
        assertEquals("", browser.find("#password").getAttribute("value"));
        browser.check("accounts-refused");

        String name = "dara-" + UUID.randomUUID().toString().substring(0, 6);
        browser.find("#username").clear();
        browser.find("#username").sendKeys(name);
        browser.find("#password").sendKeys(PASSWORD);
        new Select(browser.find("#role")).selectByValue("editor");
        browser.find("#new-account button[type=submit]").click();
        browser.waitUntil("location.search === '?created=' + arguments[0]", name);
        assertEquals("Created the account " + name + " (editor).", browser.find("#done").getText());
        assertTrue(browser.find("#account-" + name).getText().contains("May sign in"), browser.find("#account-" + name).getText());
        EditingTest.as(name, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(200);

        browser.find("#account-" + name + " button").click();
        browser.waitUntil("location.search === '?disabled=' + arguments[0]", name);
        assertEquals(name + " is disabled: it cannot sign in, and its tokens do not work.", browser.find("#done").getText());
        assertTrue(browser.find("#account-" + name).getText().contains("Disabled"), browser.find("#account-" + name).getText());
        EditingTest.as(name, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(401);
        EditingTest.admin().get("/api/accounts").then().statusCode(200)
                .body("find { it.username == '" + name + "' }.disabledBy", org.hamcrest.Matchers.equalTo("admin"));

        browser.find("#account-" + name + " button").click();
        browser.waitUntil("location.search === '?enabled=' + arguments[0]", name);
        assertEquals(name + " is enabled again.", browser.find("#done").getText());
        EditingTest.as(name, PASSWORD).get("/api/accounts/me/tokens").then().statusCode(200);
    }

    @Test
    void theAccountsPageIsForAdminsAlone() {
        Map<String, String> mallory = Map.of("username", "mallory", "password", "a-long-password-of-mallory", "role", "admin");
        given().redirects().follow(false).accept(HTML).get("/accounts").then().statusCode(303)
                .header("Location", containsString("/sign-in?next=%2Faccounts"));
        // Without a session: refused, and the page it answers names no account.
        given().accept(HTML).formParams(mallory).post("/accounts").then().statusCode(401)
                .body(containsString("Signed out")).body(not(containsString("id=\"account-")));

        EditingTest.editorExists(EditingTest.EDITOR);
        Cookie editor = EditingPagesTest.signIn();
        given().cookie(editor).accept(HTML).get("/accounts").then().statusCode(403)
                .body(containsString("Admins only")).body(not(containsString("id=\"account-")));
        String csrf = EditingPagesTest.csrfOf(given().cookie(editor).get("/sources/new").then().statusCode(200)
                .body(not(containsString("href=\"/accounts\""))).extract().asString());
        given().cookie(editor).accept(HTML).formParams(mallory).formParam("csrf", csrf).post("/accounts").then().statusCode(403)
                .body(containsString("Admins only")).body(not(containsString("id=\"account-")));
        given().cookie(editor).accept(HTML).formParam("csrf", csrf).formParam("disabled", "true").post("/accounts/admin")
                .then().statusCode(403).body(containsString("Admins only"));
        EditingTest.admin().get("/api/accounts").then().statusCode(200)
                .body("username", not(hasItem("mallory"))).body("find { it.username == 'admin' }.disabled", org.hamcrest.Matchers.equalTo(false));

        // An admin's form without its session's token changes nothing either.
        Cookie admin = EditingPagesTest.signIn("admin", EditingProfile.ADMIN_PASSWORD);
        given().cookie(admin).accept(HTML).formParams(mallory).formParam("csrf", "a-guess").post("/accounts").then().statusCode(403);
        EditingTest.admin().get("/api/accounts").then().body("username", not(hasItem("mallory")));
        given().cookie(admin).accept(HTML).formParam("csrf", EditingPagesTest.csrfOf(given().cookie(admin).get("/accounts").asString()))
                .formParam("disabled", "true").post("/accounts/nobody-here").then().statusCode(404);
    }
}
