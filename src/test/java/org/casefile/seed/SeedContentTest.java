package org.casefile.seed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Holds the seed extraction honest: src/test/resources/seed-mentions.yaml lists, per source, every person name as
 * the letter writes it and the letter's signatory count. (Every quote locating is proven by the import itself:
 * one unlocatable quote and the service does not start.)
 */
@QuarkusTest
class SeedContentTest {

    record Mentions(int signatories, Map<String, String> names) {
    }

    static Map<String, Mentions> mentions() throws Exception {
        try (InputStream in = SeedContentTest.class.getResourceAsStream("/seed-mentions.yaml")) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            return yaml.readValue(in, yaml.getTypeFactory().constructMapType(Map.class, String.class, Mentions.class));
        }
    }

    @Test
    void everySourceIsCoveredAndItsSignatoryCountMatchesTheLetter() throws Exception {
        Map<String, Mentions> mentions = mentions();
        List<String> sources = given().queryParam("size", 200).when().get("/api/sources").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertEquals(sources.stream().sorted().toList(), mentions.keySet().stream().sorted().toList());
        for (var e : mentions.entrySet()) {
            int signed = given().when().get("/api/sources/" + e.getKey()).then().statusCode(200)
                    .extract().jsonPath().getList("signatories").size();
            assertEquals(e.getValue().signatories(), signed, e.getKey());
        }
    }

    @Test
    void everyNameAsWrittenFindsItsPersonFirst() throws Exception {
        List<String> misses = new ArrayList<>();
        for (var source : mentions().entrySet()) {
            for (var name : source.getValue().names().entrySet()) {
                String first = given().queryParam("q", name.getKey()).when().get("/api/persons").then().statusCode(200)
                        .extract().path("items[0].id");
                if (!name.getValue().equals(first)) {
                    misses.add(source.getKey() + ": '" + name.getKey() + "' -> " + first + ", expected " + name.getValue());
                }
            }
        }
        assertTrue(misses.isEmpty(), String.join("\n", misses));
    }

    @Test
    void everyNameAsWrittenIsANameFactCitingThatSource() throws Exception {
        List<String> missing = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            for (var source : mentions().entrySet()) {
                for (var name : source.getValue().names().entrySet()) {
                    long n = count(c, "select count(*) from person_name n join citation ci on ci.fact_id = n.fact_id"
                            + " where n.person_id = '" + name.getValue() + "' and n.name = '" + name.getKey().replace("'", "''")
                            + "' and ci.source_id = '" + source.getKey() + "'");
                    if (n == 0) {
                        missing.add(source.getKey() + ": " + name.getKey());
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyPersonOfConcernHasACustodyOrIncidentRecord() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            long bare = count(c, """
                    select count(*) from person p where p.concern
                      and not exists (select 1 from custody_period x where x.person_id = p.id)
                      and not exists (select 1 from involvement v where v.person_id = p.id)""");
            assertEquals(0, bare);
            assertTrue(count(c, "select count(*) from person where concern") >= 15);
        }
    }

    @Test
    void everyCitationInTheDatabaseIsItsSourceTextBetweenItsOffsets() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            assertEquals(0, count(c, """
                    select count(*) from citation ci join source s on s.id = ci.source_id join source_text t on t.id = s.text_id
                    where cf_fold(substr(t.text, ci.start_offset + 1, ci.end_offset - ci.start_offset)) <> cf_fold(ci.quote)"""));
            assertTrue(count(c, "select count(*) from citation") > 300);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
