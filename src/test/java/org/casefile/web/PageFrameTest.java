package org.casefile.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.casefile.support.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every page shares: the frame, its headers, and errors shown to a browser as a page. */
@QuarkusTest
class PageFrameTest {

    @Test
    void aBrowserAskingForAMissingPageGetsAPageWithSearch() {
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/no-such-page")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe-inline'")))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<h1>Not found</h1>"))
                .body(containsString("role=\"search\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?q=Khem+Sokha", "/?asOf=not-a-day", "/people/kem-sokha", "/people/kem-sokha?asOf=2017-09-03",
            "/sources/ngo-letter-kerry-2016-01-24", "/counts", "/counts?asOf=2021-03-23", "/timeline?person=rong-chhun",
            "/people/no-such-person", "/people/kem-sokha/history", "/facts/1", "/facts/1?from=1&to=1", "/facts/999999999"})
    void everyPageCarriesItsSecurityHeaders(String path) {
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get(path)
                .then()
                .contentType("text/html;charset=UTF-8")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe-inline'")))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }

    @Test
    void apiClientsKeepProblemJson() {
        given().get("/no-such-page").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/persons/nobody").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theErrorPageInABrowser() {
        Browser browser = Browser.open().get("/no-such-page");
        assertTrue(browser.driver().getTitle().startsWith("Not found"), browser.driver().getTitle());
        assertEquals("site-q", browser.find("header.site input[type=search]").getAttribute("id"));
        browser.check("error-404");
    }
}
