package org.casefile.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.casefile.citation.CitationLocator;

/** Reads passages of source texts over the API, as a reader checking a citation would. */
public final class Passages {

    private static final Map<String, String> TEXTS = new HashMap<>();

    /** text[start:end] in code points of GET /api/sources/{source}/text. */
    public static String passage(String source, int start, int end) {
        String text = TEXTS.computeIfAbsent(source, id -> given().get("/api/sources/" + id + "/text").then().statusCode(200)
                .extract().asString());
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    /** The quote is the source text between the offsets, whitespace folded as citations store it. */
    public static void assertQuoted(Map<String, Object> citation) {
        String source = (String) citation.get("source");
        int start = ((Number) citation.get("start")).intValue();
        int end = ((Number) citation.get("end")).intValue();
        assertEquals(CitationLocator.fold((String) citation.get("quote")), CitationLocator.fold(passage(source, start, end)),
                citation.toString());
    }

    private Passages() {
    }
}
