package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.support.Browser;
import org.casefile.support.EditingProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The editor's side of the web app: signing in and out with the API's accounts, a session cookie that a page of another
 * site cannot use (HttpOnly, SameSite, and a CSRF token on every form), and a new letter stored from the browser.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class EditingPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    @AfterEach
    void signedOut() {
        Browser.signOut();
    }

    @Test
    void anEditorSignsInStoresALetterAndSignsOut() {
        Browser browser = Browser.open().get("/sources/new");
        assertEquals("/sign-in?next=%2Fsources%2Fnew", browser.path(), "an editing page sends a visitor to sign in first");
        browser.check("sign-in");

        browser.find("#username").sendKeys(EditingTest.EDITOR);
        browser.find("#password").sendKeys("not-the-password");
        browser.find("form.sign-in button").click();
        browser.waitUntil("document.getElementById('sign-in-error')");
        assertTrue(browser.find("#sign-in-error").getText().contains("do not match"), browser.find("#sign-in-error").getText());
        assertEquals(EditingTest.EDITOR, browser.find("#username").getAttribute("value"), "the name is kept as typed");
        browser.check("sign-in-refused");

        browser.find("#password").sendKeys(EditingTest.PASSWORD);
        browser.find("form.sign-in button").click();
        browser.waitUntil("location.pathname === '/sources/new'");
        assertTrue(browser.find("header .signed-in").getText().contains(EditingTest.EDITOR));
        browser.find("#date").sendKeys("2026-11");
        browser.waitUntil("document.getElementById('date-check').textContent.indexOf('2026-11-30') >= 0");
        assertEquals("Read as 2026-11: earliest 2026-11-01, latest 2026-11-30.", browser.find("#date-check").getText());
        browser.check("new-letter");
        browser.find("#date").sendKeys("-99");
        browser.waitUntil("document.getElementById('date-check').classList.contains('invalid')");

        String title = "Letter typed in the browser " + UUID.randomUUID().toString().substring(0, 8);
        String text = EditingTest.newLetter("Chan Browser");
        browser.find("#title").sendKeys(title);
        browser.find("#date").clear();
        browser.find("#date").sendKeys("2026-11-20");
        new org.openqa.selenium.support.ui.Select(browser.find("#kind")).selectByValue("joint_letter");
        browser.find("#authors").sendKeys("Casefile test\nSecond author");
        browser.find("#text").sendKeys(text);
        browser.find("#new-letter button[type=submit]").click();
        browser.waitUntil("location.pathname.indexOf('/sources/letter-typed-in-the-browser-') === 0");
        assertEquals(title, browser.find("h1").getText());
        String id = browser.path().substring("/sources/".length());
        Map<String, Object> stored = given().get("/api/sources/" + id).then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals("joint_letter", stored.get("kind"));
        assertEquals("2026-11-20", stored.get("date"));
        assertEquals(java.util.List.of("Casefile test", "Second author"), stored.get("authors"));
        assertEquals(text, given().get("/api/sources/" + id + "/text").then().statusCode(200).extract().asString(),
                "stored exactly as typed");

        // The same text again: refused, with the way to the letter that holds it, and nothing typed lost.
        browser.get("/sources/new");
        browser.find("#title").sendKeys(title + " again");
        browser.find("#text").sendKeys(text);
        browser.find("#new-letter button[type=submit]").click();
        browser.waitUntil("document.getElementById('refusal')");
        assertTrue(browser.find("#refusal").getText().contains("stored already"), browser.find("#refusal").getText());
        assertEquals("/sources/" + id, browser.find("#refusal a").getAttribute("href").substring(Browser.baseUrl().length()));
        assertEquals(title + " again", browser.find("#title").getAttribute("value"));
        browser.check("new-letter-refused");

        browser.find("header form.sign-out button").click();
        browser.waitUntil("location.pathname === '/'");
        assertFalse(browser.driver().findElements(By.cssSelector("header .signed-in")).size() > 0, "signed out");
        browser.get("/sources/new");
        assertTrue(browser.path().startsWith("/sign-in"), "signed out: the session no longer works: " + browser.path());
    }

    @Test
    void anEditorCitesANewPersonAndTheirArrestBySelectingThePassagesAndEveryoneSeesTheStatus() {
        Browser browser = Browser.open().get("/sign-in?next=/sources/new");
        browser.find("#username").sendKeys(EditingTest.EDITOR);
        browser.find("#password").sendKeys(EditingTest.PASSWORD);
        browser.find("form.sign-in button").click();
        browser.waitUntil("location.pathname === '/sources/new'");
        String name = "Sok Pheap " + UUID.randomUUID().toString().substring(0, 4);
        // The words of the arrest stand twice, the second time about Kem Sokha, whom the seed knows.
        String text = EditingTest.newLetter(name) + "He was charged with incitement on 21 November 2026.\n"
                + "Kem Sokha said he was arrested on 20 November 2026 as well.\n";
        browser.find("#title").sendKeys("Letter on the arrest of " + name);
        browser.find("#date").sendKeys("2026-11-20");
        browser.find("#text").sendKeys(text);
        browser.find("#new-letter button[type=submit]").click();
        browser.waitUntil("location.pathname.indexOf('/sources/letter-on-the-arrest-of-') === 0");
        String source = browser.path().substring("/sources/".length());
        assertTrue(browser.find("#cite-form").getAttribute("hidden") != null, "the panel waits for a selection");
        browser.check("letter-for-editors");
        assertEquals("Kem Sokha", browser.find("ul.uncited a").getText(), "a known person named and not cited yet");

        // The name, selected: a new person whose name form cites it.
        select(browser, name);
        assertEquals(name, browser.find("#cite-quote").getText());
        assertEquals(name, browser.find("#cite-name").getAttribute("value"), "prefilled from the selection");
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");
        String person = browser.find("#cite-result a").getAttribute("href").replaceAll(".*/people/", "");

        // The arrest, selected: a custody state, prefilled from the words and the date the passage states.
        String arrest = "was arrested on 20 November 2026";
        select(browser, arrest);
        assertEquals("custody", browser.script("return document.querySelector('#cite-form input[name=kind]:checked').value"));
        assertEquals("arrested", browser.find("#cite-state").getAttribute("value"));
        assertEquals("2026-11-20", browser.find("#cite-start").getAttribute("value"));
        assertEquals(person, browser.find("#cite-person").getAttribute("value"), "the person just saved");
        browser.check("letter-citing");
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");

        // The charge, selected: its stage and date from the words; the charge as the editor names it.
        select(browser, "charged with incitement on 21 November 2026");
        assertEquals("charge", browser.script("return document.querySelector('#cite-form input[name=kind]:checked').value"));
        assertEquals("charged", browser.find("#cite-stage").getAttribute("value"));
        assertEquals("2026-11-21", browser.find("#cite-charge-date").getAttribute("value"));
        browser.find("#cite-charge").clear();
        browser.find("#cite-charge").sendKeys("incitement");
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");

        // Each fact cites exactly the code points selected.
        int at = text.codePointCount(0, text.indexOf(arrest));
        java.util.List<Map<String, Object>> claims = given().queryParam("size", 100).get("/api/sources/" + source + "/claims").then()
                .statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> custody = claims.stream().filter(c -> "custody".equals(c.get("kind"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked") Map<String, Object> citation = (Map<String, Object>) custody.get("citation");
        assertEquals(at, citation.get("start"));
        assertEquals(at + arrest.length(), citation.get("end"));
        assertEquals(arrest, citation.get("quote"));
        assertEquals(java.util.List.of("charge", "custody", "name"), claims.stream().map(c -> (String) c.get("kind")).sorted().toList(),
                "three facts, each citing its passage");
        browser.get("/sources/" + source);
        assertEquals(java.util.List.of("Kem Sokha"), browser.findAll("ul.uncited a").stream().map(a -> a.getText()).toList(),
                "the new person's name is cited now");

        // The person page as of that day says so, to the editor and to anyone.
        browser.get("/people/" + person + "?asOf=2026-11-20");
        assertTrue(browser.find(".status-sentence").getText().contains("was under arrest (definite)"), browser.find(".status-sentence").getText());
        browser.driver().manage().deleteAllCookies();
        browser.get("/people/" + person + "?asOf=2026-11-20");
        assertTrue(browser.find(".status-sentence").getText().contains("was under arrest (definite)"), browser.find(".status-sentence").getText());
        assertTrue(browser.driver().findElements(By.id("cite-panel")).isEmpty(), "no panel for a visitor");
    }

    /** Selects the first occurrence of {@code phrase} in the letter's text, as a reader's mouse would. */
    static void select(Browser browser, String phrase) {
        assertEquals(Boolean.TRUE, browser.script("""
                var letter = document.querySelector('.letter-text');
                var walker = document.createTreeWalker(letter, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  var node = walker.currentNode, at = node.data.indexOf(arguments[0]);
                  if (at >= 0) {
                    var range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + arguments[0].length);
                    var selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    letter.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return true;
                  }
                }
                return false;""", phrase), "found in the letter: " + phrase);
        browser.waitUntil("document.getElementById('cite-quote').textContent === arguments[0]", phrase);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndEveryFormAndWriteNeedsItsCsrfToken() {
        Cookie session = signIn();
        assertTrue(session.isHttpOnly(), "a script cannot read it");
        assertEquals("Lax", session.getSameSite(), "a form of another site does not carry it");
        assertEquals("/", session.getPath());
        String csrf = csrfOf(given().cookie(session).get("/sources/new").then().statusCode(200).extract().asString());
        Map<String, String> letter = Map.of("title", "Posted without a token", "kind", "letter", "text", EditingTest.newLetter("Csrf Less"));

        // A form posted from elsewhere carries the cookie but not the token: refused, nothing stored.
        given().cookie(session).formParams(letter).post("/sources/new").then().statusCode(403)
                .body(containsString("Form not from Casefile"));
        given().cookie(session).formParams(letter).formParam("csrf", "a-guess").post("/sources/new").then().statusCode(403)
                .body(containsString("We learned that Csrf Less was arrested"));
        // Signed out while writing: nothing stored, nothing typed lost.
        given().formParams(letter).formParam("csrf", csrf).post("/sources/new").then().statusCode(401)
                .body(containsString("Signed out")).body(containsString("We learned that Csrf Less was arrested"));
        given().cookie(session).formParams(Map.of()).post("/sign-out").then().statusCode(403);
        String json = "{\"title\": \"Posted by a script\", \"kind\": \"letter\", \"text\": \"" + EditingTest.newLetter("Script Csrf")
                .replace("\n", "\\n") + "\"}";
        given().cookie(session).contentType("application/json").body(json).post("/api/sources").then().statusCode(403)
                .contentType("application/problem+json").body("title", org.hamcrest.Matchers.equalTo("Form not from Casefile"));
        assertEquals(0, given().queryParam("size", 200).get("/api/sources").then().extract().jsonPath()
                .getList("items.title", String.class).stream().filter(t -> t.startsWith("Posted")).count());

        // With the session's token: stored, as the account that signed in.
        given().cookie(session).header("X-CSRF-Token", csrf).contentType("application/json").body(json).post("/api/sources")
                .then().statusCode(201);
        given().cookie(session).redirects().follow(false).formParams(letter).formParam("csrf", csrf).post("/sources/new")
                .then().statusCode(303).header("Location", containsString("/sources/posted-without-a-token"));

        // A restricted letter: its page says plainly who sees it; for anyone else it does not exist.
        String restricted = given().cookie(session).redirects().follow(false).formParam("csrf", csrf)
                .formParams(Map.of("title", "A restricted letter", "kind", "letter", "text", EditingTest.newLetter("Hidden Witness"),
                        "restricted", "true"))
                .post("/sources/new").then().statusCode(303).extract().header("Location").replaceAll("^https?://[^/]+", "");
        given().cookie(session).get(restricted).then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString("Restricted: only editors and admins see this letter"));
        // What a session is answered (restricted records, its form token) is never kept by a cache; a visitor's page may be.
        given().cookie(session).get("/sources/new").then().statusCode(200).header("Cache-Control", "no-store");
        given().cookie(session).get("/people/kem-sokha").then().statusCode(200).header("Cache-Control", "no-store");
        given().get("/people/kem-sokha").then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.nullValue());
        given().get(restricted).then().statusCode(404);

        // Signed out: the cookie is cleared and no longer works, even if kept.
        given().cookie(session).redirects().follow(false).formParam("csrf", csrf).post("/sign-out").then().statusCode(303);
        given().cookie(session).redirects().follow(false).get("/sources/new").then().statusCode(303)
                .header("Location", containsString("/sign-in"));
    }

    @Test
    void theSignInFormNeedsItsOwnTokenAndGoesOnlyToThisSite() {
        given().formParams(Map.of("username", EditingTest.EDITOR, "password", EditingTest.PASSWORD)).post("/sign-in")
                .then().statusCode(403).body(containsString("expired"));
        Response form = given().get("/sign-in?next=https://elsewhere.example/");
        String csrf = csrfOf(form.asString());
        assertTrue(form.asString().contains("name=\"next\" value=\"/\""), "another site is never where signing in leads");
        given().cookie("casefile_sign_in", form.getCookie("casefile_sign_in")).redirects().follow(false)
                .formParams(Map.of("username", EditingTest.EDITOR, "password", EditingTest.PASSWORD, "csrf", csrf,
                        "next", "//elsewhere.example/"))
                .post("/sign-in").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/"));
    }

    @Test
    void anEdtfDateIsReadAsEveryWriteReadsIt() {
        given().get("/api/edtf?value=2015-11/2016-01").then().statusCode(200)
                .body("earliest", org.hamcrest.Matchers.equalTo("2015-11-01")).body("latest", org.hamcrest.Matchers.equalTo("2016-01-31"));
        given().get("/api/edtf?value=2016-13-01").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("value: "));
    }

    /** Signs the editor in through the form; answers the session cookie. */
    static Cookie signIn() {
        return signIn(EditingTest.EDITOR, EditingTest.PASSWORD);
    }

    /** Signs the account in through the form; answers the session cookie. */
    static Cookie signIn(String username, String password) {
        Response form = given().get("/sign-in");
        Response signedIn = given().cookie("casefile_sign_in", form.getCookie("casefile_sign_in")).redirects().follow(false)
                .formParams(Map.of("username", username, "password", password, "csrf", csrfOf(form.asString())))
                .post("/sign-in");
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        Cookie session = signedIn.getDetailedCookie("casefile_session");
        assertNotNull(session, "a session cookie");
        return session;
    }

    static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "a CSRF token in the page");
        return m.group(1);
    }
}
