package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import java.util.List;
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
 * Review in the browser: a fact's page with every version, who, when and why, and the differences between two; ranking
 * disagreeing claims side by side; restricting a fact, a person or a letter from its page; and a form sent after
 * someone else's change, which shows what changed since and lets the editor send the change again.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class ReviewPagesTest {

    @BeforeEach
    void editorsExist() {
        EditingTest.editorExists(EditingTest.EDITOR);
        EditingTest.editorExists(EditingTest.EDITOR_TWO);
    }

    @AfterEach
    void signedOut() {
        Browser.signOut();
    }

    @Test
    void anEditorWithAnOldVersionIsShownWhatChangedAndSendsTheChangeAgainThenRanksDisagreeingClaimsSideBySide() {
        String name = "Sam Rank " + UUID.randomUUID().toString().substring(0, 4);
        String source = EditingTest.source(EditingTest.newLetter(name));
        String person = EditingTest.person(name, source);
        long arrested = EditingTest.custody(person, source, "arrested");
        long released = EditingTest.custody(person, source, "released");

        Browser browser = Browser.open().get("/sign-in?next=/facts/" + arrested);
        browser.find("#username").sendKeys(EditingTest.EDITOR);
        browser.find("#password").sendKeys(EditingTest.PASSWORD);
        browser.find("form.sign-in button").click();
        browser.waitUntil("location.pathname === '/facts/" + arrested + "'");
        assertEquals("Fact " + arrested + ": custody", browser.find("h1").getText());
        assertTrue(browser.find("#visibility-notice").getText().startsWith("Public: anyone can read this fact"));
        browser.check("fact-review");

        // While the page is open, a second editor deprecates the fact through the API.
        String etag = given().get("/api/facts/" + arrested).then().statusCode(200).extract().header("ETag");
        EditingTest.as(EditingTest.EDITOR_TWO, EditingTest.PASSWORD).header("If-Match", etag)
                .queryParam("reason", "The letter is about his brother.").delete("/api/facts/" + arrested).then().statusCode(200);

        // The first editor, holding version 1, ranks it preferred: refused, shown what changed since, their change kept.
        browser.find("#rank-form input[value=preferred]").click();
        browser.find("#rank-reason").sendKeys("A second letter confirms the arrest.");
        browser.find("#rank-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('refusal')");
        assertTrue(browser.find("#refusal").getText().startsWith("Changed since you read it."), browser.find("#refusal").getText());
        assertEquals(List.of("rank|normal|deprecated", "rank reason|—|The letter is about his brother."),
                browser.findAll("#changed-since tbody tr").stream().map(r -> r.findElements(By.cssSelector("th, td")).stream()
                        .map(c -> c.getText()).reduce((a, b) -> a + "|" + b).orElse("")).toList());
        assertTrue(browser.find("#changed-since caption").getText().contains("version 1"));
        assertEquals("A second letter confirms the arrest.", browser.find("#rank-reason").getAttribute("value"), "nothing typed is lost");
        assertEquals("true", browser.find("#rank-form input[value=preferred]").getAttribute("checked") == null ? "false" : "true");
        browser.check("fact-changed-since");

        // Sent again, now on the current version: stored as version 3, the second editor's version kept in history.
        browser.find("#rank-form button[type=submit]").click();
        browser.waitUntil("!document.getElementById('refusal')");
        assertEquals("preferred", browser.find("p strong.rank").getText());
        assertEquals(List.of("1", "2", "3"), browser.findAll("table.versions tbody th").stream().map(c -> c.getText()).toList());
        assertEquals(List.of(EditingTest.EDITOR, EditingTest.EDITOR_TWO, EditingTest.EDITOR),
                browser.findAll("table.versions tbody tr td:nth-child(3)").stream().map(c -> c.getText()).toList());
        assertTrue(browser.find("#differences caption").getText().startsWith("From version 2 to version 3"));
        browser.get("/facts/" + arrested + "?from=1&to=3");
        assertEquals(List.of("rank", "rank reason"), browser.findAll("#differences tbody th").stream().map(c -> c.getText()).toList());
        assertEquals("preferred", given().get("/api/facts/" + arrested).then().extract().path("rank"));

        // The person page shows the disagreeing claims side by side, each with its rank; deprecating one needs a reason.
        browser.get("/people/" + person);
        assertEquals(2, browser.findAll("#conflicts .side-by-side .claim").size());
        browser.check("person-disagreement");
        browser.find("#conflicts .claim:nth-child(2) input[value=deprecated]").click();
        browser.find("#conflicts .claim:nth-child(2) textarea").sendKeys("Released the next day, per a later letter: not this one.");
        browser.find("#conflicts .claim:nth-child(2) button[type=submit]").click();
        browser.waitUntil("location.hash === '#conflicts' || document.querySelectorAll('#conflicts').length === 0");
        browser.waitUntil("document.querySelectorAll('#conflicts .claim').length === 0");
        assertEquals("deprecated", given().get("/api/facts/" + released).then().extract().path("rank"));
        assertEquals("Released the next day, per a later letter: not this one.",
                given().get("/api/facts/" + released).then().extract().path("rankReason"));
    }

    @Test
    void anEditorCitesAnIncidentWithWhoTookPartAReportedFigureAndASecondLettersPassageForAFactAlreadyRecorded() {
        String name = "Kim Protest " + UUID.randomUUID().toString().substring(0, 4);
        String first = EditingTest.source(EditingTest.newLetter(name));
        String person = EditingTest.person(name, first);
        long arrest = EditingTest.custody(person, first, "arrested");
        String second = EditingTest.source("Letter of 22 November 2026.\n\nPolice broke up a protest in Phnom Penh on 20 November 2026 and took "
                + name + " away. At least 30 people were detained that day.\nA witness confirmed that " + name
                + " was arrested on 20 November 2026.\nReference " + UUID.randomUUID() + ".\n");

        Browser browser = Browser.open().get("/sign-in?next=/sources/" + second);
        browser.find("#username").sendKeys(EditingTest.EDITOR);
        browser.find("#password").sendKeys(EditingTest.PASSWORD);
        browser.find("form.sign-in button").click();
        browser.waitUntil("location.pathname === '/sources/" + second + "'");

        // An incident, with the person the passage names as its victim.
        EditingPagesTest.select(browser, "Police broke up a protest in Phnom Penh on 20 November 2026 and took " + name + " away");
        browser.find("#cite-form input[value=incident]").click();
        assertEquals("2026-11-20", browser.find("#cite-incident-date").getAttribute("value"));
        assertEquals(person, browser.find("#participant-person-1").getAttribute("value"), "the person the passage names");
        new org.openqa.selenium.support.ui.Select(browser.find("#cite-incident-type")).selectByValue("protest");
        browser.find("#cite-title").clear();
        browser.find("#cite-title").sendKeys("Protest broken up in Phnom Penh");
        new org.openqa.selenium.support.ui.Select(browser.find("#participant-role-1")).selectByValue("victim");
        browser.find("#add-participant").click();
        assertEquals("", browser.find("#participant-person-2").getAttribute("value"), "a second row, empty");
        browser.check("letter-citing-incident");
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");

        // A reported figure: the number and how the letter qualifies it.
        EditingPagesTest.select(browser, "At least 30 people were detained that day");
        browser.find("#cite-form input[value=figure]").click();
        assertEquals("30", browser.find("#cite-value").getAttribute("value"));
        new org.openqa.selenium.support.ui.Select(browser.find("#cite-qualifier")).selectByValue("at_least");
        browser.find("#cite-counted").clear();
        browser.find("#cite-counted").sendKeys("people detained at the protest");
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");

        // The arrest, recorded from the first letter, gains this letter's passage too.
        EditingPagesTest.select(browser, name + " was arrested on 20 November 2026");
        browser.find("#cite-form input[value=passage]").click();
        browser.waitUntil("document.querySelector('#cite-fact option[value=\"" + arrest + "\"]')");
        new org.openqa.selenium.support.ui.Select(browser.find("#cite-fact")).selectByValue(String.valueOf(arrest));
        browser.find("#cite-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('cite-result').textContent.indexOf('Saved') === 0");

        List<java.util.Map<String, Object>> claims = given().queryParam("size", 100).get("/api/sources/" + second + "/claims").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertEquals(List.of("custody", "figure", "incident", "involvement"), claims.stream().map(c -> (String) c.get("kind")).sorted().toList());
        var fact = given().get("/api/facts/" + arrest).then().statusCode(200).extract().jsonPath();
        assertEquals(2, fact.getInt("version"));
        assertEquals(List.of(first, second), fact.getList("citations.source"));
        assertEquals(name + " was arrested on 20 November 2026", fact.getString("citations[1].quote"));
        var figure = claims.stream().filter(c -> "figure".equals(c.get("kind"))).findFirst().orElseThrow();
        var figureFact = given().get("/api/facts/" + figure.get("factId")).then().statusCode(200).extract().jsonPath();
        assertEquals(30, figureFact.getInt("fields.value"));
        assertEquals("at_least", figureFact.getString("fields.qualifier"));
        var involvement = claims.stream().filter(c -> "involvement".equals(c.get("kind"))).findFirst().orElseThrow();
        var involvementFact = given().get("/api/facts/" + involvement.get("factId")).then().statusCode(200).extract().jsonPath();
        assertEquals(person, involvementFact.getString("fields.person_id"));
        assertEquals("victim", involvementFact.getString("fields.role"));
    }

    @Test
    void aCorrectionFromTheFactsPageIsANewVersionAndARefusedOneKeepsWhatWasTyped() {
        Cookie session = EditingPagesTest.signIn();
        String name = "Cor Rect " + UUID.randomUUID().toString().substring(0, 4);
        String source = EditingTest.source(EditingTest.newLetter(name));
        String person = EditingTest.person(name, source);
        long fact = EditingTest.custody(person, source, "arrested");
        String page = given().cookie(session).get("/facts/" + fact).then().statusCode(200)
                .body(containsString("name=\"field.start\" value=\"2026-11-20\"")).extract().asString();
        String csrf = EditingPagesTest.csrfOf(page);
        String etag = etagOf(page, "correct-form");

        // A date that is not one: refused, with the reason and everything typed kept, nothing stored.
        given().cookie(session).formParams("csrf", csrf, "etag", etag, "version", "1", "change", "correct", "field.person", person,
                        "field.state", "arrested", "field.start", "2026-11-31", "field.confirmed", "2026-11-20", "field.place", "Phnom Penh",
                        "reason", "The letter says where")
                .post("/facts/" + fact).then().statusCode(422).body(containsString("2026-11-31"))
                .body(containsString("value=\"Phnom Penh\"")).body(containsString("The letter says where"));
        assertEquals(1, (int) given().get("/api/facts/" + fact).then().extract().path("version"));

        given().cookie(session).redirects().follow(false)
                .formParams("csrf", csrf, "etag", etag, "version", "1", "change", "correct", "field.person", person,
                        "field.state", "arrested", "field.start", "2026-11-19", "field.confirmed", "2026-11-20", "field.place", "Phnom Penh",
                        "note", "Held at the municipal police station.", "reason", "The letter says where, and the 19th")
                .post("/facts/" + fact).then().statusCode(303);
        var now = given().get("/api/facts/" + fact).then().statusCode(200).extract().jsonPath();
        assertEquals(2, now.getInt("version"));
        assertEquals("2026-11-19", now.getString("fields.start_edtf"));
        assertEquals("Phnom Penh", now.getString("fields.place"));
        assertEquals("Held at the municipal police station.", now.getString("note"));
        assertEquals("was arrested on 20 November 2026 in Phnom Penh", now.getString("citations[0].quote"), "its passage as it was");
        given().cookie(session).get("/facts/" + fact + "?from=1&to=2").then().statusCode(200)
                .body(containsString("<th scope=\"row\">start (as stated)</th><td>2026-11-20</td><td>2026-11-19</td>"))
                .body(containsString("<th scope=\"row\">place</th><td>—</td><td>Phnom Penh</td>"));
        given().get("/facts/" + fact + "?from=3").then().statusCode(400);
    }

    @Test
    void anEditorRestrictsAFactAPersonAndALetterFromTheirPagesWithTheFormsTokenAndAReason() {
        Cookie session = EditingPagesTest.signIn();
        String name = "Vis Restrict " + UUID.randomUUID().toString().substring(0, 4);
        String source = EditingTest.source(EditingTest.newLetter(name));
        String person = EditingTest.person(name, source);
        long fact = EditingTest.custody(person, source, "arrested");
        String factPage = given().cookie(session).get("/facts/" + fact).then().statusCode(200).extract().asString();
        String csrf = EditingPagesTest.csrfOf(factPage);
        String etag = etagOf(factPage, "visibility-form");

        // Without the form's token: refused, nothing changed.
        given().cookie(session).formParams("etag", etag, "change", "visibility", "restricted", "true", "reason", "Witness at risk")
                .post("/facts/" + fact).then().statusCode(403).body(containsString("Form not from Casefile"));
        // Without a reason: refused, the form shown again as sent.
        given().cookie(session).formParams("csrf", csrf, "etag", etag, "change", "visibility", "restricted", "true", "reason", " ")
                .post("/facts/" + fact).then().statusCode(422).body(containsString("Reason required"));
        assertEquals(1, (int) given().get("/api/facts/" + fact).then().statusCode(200).extract().path("version"));

        given().cookie(session).redirects().follow(false)
                .formParams("csrf", csrf, "etag", etag, "change", "visibility", "restricted", "true", "reason", "Witness at risk")
                .post("/facts/" + fact).then().statusCode(303).header("Location", containsString("/facts/" + fact));
        given().get("/facts/" + fact).then().statusCode(404);
        given().get("/api/facts/" + fact).then().statusCode(404);
        given().cookie(session).get("/facts/" + fact).then().statusCode(200)
                .body(containsString("Restricted: only editors and admins see this fact"));

        // The person, restricted from their page: gone for the public with every fact about them; published again.
        String personPage = given().cookie(session).get("/people/" + person).then().statusCode(200)
                .body(containsString("Public: anyone can read this page")).extract().asString();
        given().cookie(session).redirects().follow(false)
                .formParams("csrf", csrf, "etag", etagOf(personPage, "person-visibility-form"), "restricted", "true", "reason", "Family request")
                .post("/people/" + person).then().statusCode(303);
        given().get("/people/" + person).then().statusCode(404);
        personPage = given().cookie(session).get("/people/" + person).then().statusCode(200)
                .body(containsString("Restricted: only editors and admins see " + name)).extract().asString();
        // A form read before that change: refused as stale, nothing lost.
        given().cookie(session).formParams("csrf", csrf, "etag", etagOf(personPage, "person-visibility-form") + "x", "reason", "Published again")
                .post("/people/" + person).then().statusCode(412).body(containsString("Someone changed this person"))
                .body(containsString("Published again"));
        given().cookie(session).redirects().follow(false)
                .formParams("csrf", csrf, "etag", etagOf(personPage, "person-visibility-form"), "reason", "The family agreed to publish.")
                .post("/people/" + person).then().statusCode(303);
        given().get("/people/" + person).then().statusCode(200).body(not(containsString("person-visibility-form")));
        // The record's history: each version with who made it and why, the restriction and the publication included (for
        // an editor: the public sees neither the restricted version nor the restricted fact).
        String history = given().cookie(session).get("/people/" + person + "/history").then().statusCode(200).extract().asString();
        assertTrue(history.contains("<td>editors and admins</td>"), history);
        assertTrue(history.contains("Family request") && history.contains("The family agreed to publish."), history);
        assertTrue(history.contains("href=\"/facts/" + fact + "?from=1&amp;to=2\""), "each fact's change links to its differences");
        EditingTest.editor().get("/api/persons/" + person + "/history").then().statusCode(200)
                .body("versions.restricted", org.hamcrest.Matchers.contains(false, true, false));
        assertTrue(!given().get("/people/" + person + "/history").then().statusCode(200).extract().asString().contains("Family request"));

        // The letter, restricted from its page: gone for the public; the page says who sees it.
        String letterPage = given().cookie(session).get("/sources/" + source).then().statusCode(200)
                .body(containsString("Public: anyone can read this letter")).extract().asString();
        given().cookie(session).redirects().follow(false)
                .formParams("csrf", csrf, "etag", etagOf(letterPage, "source-visibility-form"), "restricted", "true", "reason", "Sender at risk")
                .post("/sources/" + source).then().statusCode(303);
        given().get("/sources/" + source).then().statusCode(404);
        given().cookie(session).get("/sources/" + source).then().statusCode(200)
                .body(containsString("Restricted: only editors and admins see this letter"));

        // A fact only that letter states cannot be published while the letter is restricted.
        factPage = given().cookie(session).get("/facts/" + fact).then().statusCode(200).extract().asString();
        given().cookie(session).formParams("csrf", csrf, "etag", etagOf(factPage, "visibility-form"), "change", "visibility",
                "reason", "Publish").post("/facts/" + fact).then().statusCode(409).body(containsString("publish those first"));
    }

    /** The ETag a form of the page carries, as the browser sends it. */
    private static String etagOf(String page, String form) {
        Matcher m = Pattern.compile("id=\"" + form + "\".*?name=\"etag\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "an ETag in form " + form);
        return m.group(1).replace("&quot;", "\"");
    }
}
