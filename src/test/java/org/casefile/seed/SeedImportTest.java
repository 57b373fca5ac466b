package org.casefile.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SeedImportTest {

    @Inject
    SeedImporter importer;

    static Function<String, InputStream> files(Map<String, String> contents) {
        return path -> contents.containsKey(path)
                ? new ByteArrayInputStream(contents.get(path).getBytes(StandardCharsets.UTF_8)) : null;
    }

    @Test
    void startingAgainDoesNotLoadTwice() throws SQLException {
        long before = count("select count(*) from fact");
        assertFalse(importer.importIfEmpty(SeedImporter::classpathResource));
        assertEquals(before, count("select count(*) from fact"));
    }

    @Test
    void anUnlocatableQuoteFailsTheWholeImportNamingFactSourceAndQuote() throws SQLException {
        long facts = count("select count(*) from fact");
        long people = count("select count(*) from person");
        Map<String, String> seed = Map.of(
                "sources.yaml", """
                        sources:
                          - id: broken-letter
                            file: broken.txt
                            title: A letter
                            kind: letter
                            date: "2020-01-01"
                        """,
                "entities.yaml", """
                        persons:
                          - id: someone-new
                            name: Someone New
                        """,
                "broken.txt", "Someone New was arrested on 1 January 2020.\n",
                "facts/broken.yaml", """
                        source: broken-letter
                        facts:
                          - type: name
                            person: someone-new
                            name: Someone New
                            form: primary
                            cite: "Someone New was arrested"
                          - type: custody
                            person: someone-new
                            state: arrested
                            cite: "Someone New was released"
                        """);
        SeedException e = assertThrows(SeedException.class, () -> importer.load(files(seed)));
        assertTrue(e.getMessage().contains("fact #2 (custody, person someone-new)"), e.getMessage());
        assertTrue(e.getMessage().contains("broken-letter"), e.getMessage());
        assertTrue(e.getMessage().contains("Someone New was released"), e.getMessage());
        assertEquals(facts, count("select count(*) from fact"));
        assertEquals(people, count("select count(*) from person"));
        assertEquals(0, count("select count(*) from source where id = 'broken-letter'"));
    }

    @Test
    void aFactWithoutCitationIsRefusedByTheImport() {
        Map<String, String> seed = Map.of(
                "sources.yaml", "sources:\n  - {id: other-letter, file: other.txt, title: T, kind: letter}\n",
                "entities.yaml", "persons:\n  - {id: someone-else, name: Someone Else}\n",
                "other.txt", "Someone Else.\n",
                "facts/other.yaml", "source: other-letter\nfacts:\n  - {type: citizenship, person: someone-else, country: X}\n");
        SeedException e = assertThrows(SeedException.class, () -> importer.load(files(seed)));
        assertTrue(e.getMessage().contains("no citation"), e.getMessage());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
