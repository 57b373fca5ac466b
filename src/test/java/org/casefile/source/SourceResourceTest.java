package org.casefile.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SourceResourceTest {

    static final List<String> SEED_FILES = List.of("000_b4a13132b8e4e3e0.txt", "001_1252e01f3ca48733.txt",
            "002_b9214a17ccd44dbe.txt", "003_29f6f37a03d73ce2.txt", "004_2adff2f1c72cb12f.txt");

    @Test
    void listsEverySourceOfTheFiveSeedFilesWithItsHash() {
        List<String> files = given().queryParam("size", 200).when().get("/api/sources").then()
                .statusCode(200)
                .body("total", equalTo(8))
                .body("items.id", hasItems("joint-letter-kerry-2016-01-25", "ngo-letter-kerry-2016-01-24",
                        "joint-statement-2021-03-23", "joint-statement-2021-03-23-004"))
                .body("items.find { it.id == 'joint-letter-kerry-2016-01-25' }.sha256",
                        equalTo("592006a107dcea723efcfb6005170cd6e0f5a94d3474209fbe03b7dddfbe4de5"))
                .extract().jsonPath().getList("items.originFile", String.class);
        assertEquals(SEED_FILES, files.stream().distinct().sorted().toList());
    }

    @Test
    void pagesThroughTheList() {
        given().queryParam("page", 1).queryParam("size", 3).when().get("/api/sources").then()
                .statusCode(200).body("items.size()", equalTo(3)).body("total", equalTo(8))
                .body("page", equalTo(1)).body("size", equalTo(3));
    }

    @Test
    void showsOneSourceWithItsSection() {
        given().when().get("/api/sources/letter-un-member-states").then()
                .statusCode(200)
                .body("kind", equalTo("joint_letter"))
                .body("originFile", equalTo("002_b9214a17ccd44dbe.txt"))
                .body("section.start", org.hamcrest.Matchers.greaterThan(0));
        given().when().get("/api/sources/joint-statement-2021-03-23-004").then()
                .statusCode(200)
                .body("relations.find { it.type == 'same_statement_as' }.source", equalTo("joint-statement-2021-03-23"));
    }

    @Test
    void servesTheTextExactlyAsStored() throws Exception {
        for (String id : List.of("joint-letter-kerry-2016-01-25", "letter-congress-s3081")) {
            String file = given().when().get("/api/sources/" + id).then().extract().path("originFile");
            byte[] served = given().when().get("/api/sources/" + id + "/text").then()
                    .statusCode(200)
                    .contentType(startsWith("text/plain"))
                    .header("Content-Type", containsString("charset=UTF-8"))
                    .extract().asByteArray();
            assertArrayEquals(Files.readAllBytes(Path.of("seed", file)), served, id);
        }
    }

    @Test
    void unknownSourceIsAProblem() {
        given().when().get("/api/sources/no-such-letter").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Source not found"))
                .body("detail", containsString("no-such-letter"));
        given().when().get("/api/sources/no-such-letter/text").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void locatesAQuoteAcrossLineBreaks() {
        given().contentType("application/json")
                .body("{\"quote\": \"Seventeen opposition members and supporters are currently detained\"}")
                .when().post("/api/sources/ngo-letter-kerry-2016-01-24/locate").then()
                .statusCode(200)
                .body("passage", startsWith("Seventeen opposition \n"))
                .body("quote", equalTo("Seventeen opposition members and supporters are currently detained"));
    }

    @Test
    void anUnlocatableQuoteIs422NamingQuoteAndSource() {
        given().contentType("application/json")
                .body("{\"quote\": \"Twenty opposition members\"}")
                .when().post("/api/sources/ngo-letter-kerry-2016-01-24/locate").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Twenty opposition members"))
                .body("detail", containsString("ngo-letter-kerry-2016-01-24"))
                .body("source", equalTo("ngo-letter-kerry-2016-01-24"));
    }
}
