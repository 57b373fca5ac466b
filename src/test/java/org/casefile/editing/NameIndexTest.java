package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.casefile.api.DataVersion;
import org.casefile.person.NameIndex;
import org.casefile.person.PublicNameSearchRoute;
import org.casefile.support.EditingProfile;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Name search answers the same from the service's name index as from PostgreSQL's trigram index: every match, its
 * rank, the total, the page, for the public and for editors, with restricted names, restricted and merged people,
 * and names in Khmer script among them. The index is used only while it was built from the current data version.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class NameIndexTest {

    @Inject
    NameIndex names;

    @Inject
    DataVersion version;

    @Inject
    PublicNameSearchRoute eventLoop;

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    @Test
    void theIndexAnswersEverySearchAsPostgresDoes() throws Exception {
        List<String> people = List.of("Sok Sovannarith", "Chea Sovannary", "Sok Vannarith", "Sok សុខ", "Hidden Sovannarith",
                "Sok Sovanarith", "Merged Sovannarith", "Touch Sovannarith");
        StringBuilder text = new StringBuilder(EditingTest.newLetter("Sovannarith"));
        people.forEach(name -> text.append(name).append(" was arrested too.\n"));
        String letter = EditingTest.source(text.toString());
        Map<String, String> ids = new LinkedHashMap<>();
        people.forEach(name -> ids.put(name, EditingTest.person(name, letter)));
        String hiddenName = ids.get("Hidden Sovannarith");
        String restricted = ids.get("Sok Sovanarith");
        String merged = ids.get("Merged Sovannarith");
        KeptDocumentsTest.sql("update fact set restricted = true, change_reason = 'protect the name'"
                + " where id = (select fact_id from person_name where person_id = ?)", hiddenName);
        KeptDocumentsTest.sql("update person set restricted = true, change_reason = 'protect the person' where id = ?", restricted);
        KeptDocumentsTest.sql("update person set merged_into = '" + ids.get("Sok Sovannarith") + "', change_reason = 'the same man'"
                + " where id = ?", merged);

        List<String> queries = queries();
        names.rebuild();
        long built = names.builtVersion();
        assertEquals(version.stored(), built, "the index was built from the current data");
        long servedBefore = eventLoop.served();
        Map<String, String> fromIndex = answers(queries);
        assertEquals(built, version.stored(), "nothing changed while the index answered");
        // The public's searches without filters in ASCII (the index's keys) were answered on the event loop.
        long unfiltered = fromIndex.keySet().stream()
                .filter(k -> k.startsWith("public ") && !k.contains("status=") && k.matches("\\p{ASCII}*")).count();
        assertEquals(servedBefore + unfiltered, eventLoop.served(), "searches answered on the event loop");

        // Any change moves the data version; until the index is built again, PostgreSQL answers.
        KeptDocumentsTest.sql("update person set concern = concern, change_reason = 'touch' where id = ?", ids.get("Touch Sovannarith"));
        assertNotEquals(names.builtVersion(), version.stored());
        long servedBeforePostgres = eventLoop.served();
        Map<String, String> fromPostgres = answers(queries);
        assertEquals(servedBeforePostgres, eventLoop.served(), "an index behind the data is not used on the event loop either");

        assertEquals(fromPostgres.keySet(), fromIndex.keySet());
        int found = 0;
        for (String request : fromPostgres.keySet()) {
            assertEquals(fromPostgres.get(request), fromIndex.get(request), request);
            if (!fromPostgres.get(request).contains("\"total\":0")) {
                found++;
            }
        }
        assertTrue(found > queries.size(), found + " answers found someone");

        // What is hidden stays hidden, and merged people are left out, either way.
        names.rebuild();
        given().queryParam("q", "Hidden Sovannarith").get("/api/persons").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(hiddenName)));
        EditingTest.editor().queryParam("q", "Hidden Sovannarith").get("/api/persons").then().statusCode(200)
                .body("items[0].id", equalTo(hiddenName));
        given().queryParam("q", "Sok Sovanarith").get("/api/persons").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(restricted)));
        EditingTest.editor().queryParam("q", "Merged Sovannarith").get("/api/persons").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(merged)));
    }

    @Test
    void aNewNameIsFoundAtOnceAndTheRebuiltIndexFindsItToo() {
        String letter = EditingTest.source(EditingTest.newLetter("Ouk Brandnew"));
        String person = EditingTest.person("Ouk Brandnew", letter);
        given().queryParam("q", "Ouk Brandnw").get("/api/persons").then().statusCode(200).body("items[0].id", equalTo(person));
        assertNotEquals(storedVersion(), names.builtVersion(), "PostgreSQL answered: the index was built before the name was added");
        rebuild();
        assertEquals(storedVersion(), names.builtVersion());
        given().queryParam("q", "Ouk Brandnw").get("/api/persons").then().statusCode(200).body("items[0].id", equalTo(person));
    }

    private long storedVersion() {
        return unchecked(version::stored);
    }

    private void rebuild() {
        unchecked(names::rebuild);
    }

    /** Every search key in the database, and the ways people misspell and shorten them, plus names in Khmer script. */
    private static List<String> queries() throws Exception {
        Set<String> out = new LinkedHashSet<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("select set_config('casefile.reader', 'editor', false)");
            try (ResultSet r = s.executeQuery("select distinct search_key from person_name where search_key <> '' order by 1")) {
                for (int i = 0; r.next(); i++) {
                    String key = r.getString(1);
                    int at = key.length() / 2;
                    out.add(key);
                    out.add(key.substring(0, at) + key.charAt(at) + key.substring(at));
                    if (i % 4 == 0) {
                        String[] words = key.split(" ");
                        out.add(words[words.length - 1]);
                        out.add(key.substring(0, at) + key.substring(at + 1));
                        out.add(key.substring(0, Math.min(3, key.length())));
                    }
                }
            }
        }
        out.add("Sok សុខ");
        out.add("សុខ");
        out.add("Mr. SOK Sovannarith!");
        return new ArrayList<>(out);
    }

    /** The answers to each query, as the public and as an editor, whole, paged and filtered. */
    private static Map<String, String> answers(List<String> queries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            ask(out, "public", () -> given(), q, Map.of("size", "200"));
            ask(out, "editor", EditingTest::editor, q, Map.of("size", "200"));
            if (i % 5 == 0) {
                ask(out, "public", () -> given(), q, Map.of("size", "2", "page", "1"));
                ask(out, "public", () -> given(), q, Map.of("status", "detained", "asOf", "2020-09-01", "size", "200"));
                ask(out, "editor", EditingTest::editor, q, Map.of("sort", "-name", "size", "200"));
            }
        }
        return out;
    }

    private static void ask(Map<String, String> out, String who, Supplier<RequestSpecification> as, String q, Map<String, String> params) {
        String body = as.get().queryParam("q", q).queryParams(params).get("/api/persons").then().statusCode(200)
                .extract().asString();
        out.put(who + " q=" + q + " " + params, body);
    }

    private interface Checked<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Checked<T> work) {
        try {
            return work.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
