package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.support.EditingProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Name search (GET /api/persons?q=, the front page's box) as researchers use it: the seed's spellings and the ways
 * people misspell and romanise names find the person meant first; restricted names and people stay hidden from the
 * public, merged people from everyone; a name written a moment ago is found at once (the index is brought up to date
 * before it answers a reader who can see the change; the background builder is off in tests).
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class NameSearchTest {

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    /** The relevance set: what a researcher types, and whom they mean. */
    static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("Khem Sokha", "kem-sokha");
        SPELLINGS.put("Kem Sokha", "kem-sokha");
        SPELLINGS.put("kem sokah", "kem-sokha");
        SPELLINGS.put("KEM  SOKHA", "kem-sokha");
        SPELLINGS.put("Mr. Rong Chhun", "rong-chhun");
        SPELLINGS.put("rong chun", "rong-chhun");
        SPELLINGS.put("Rong Chhoun", "rong-chhun");
        SPELLINGS.put("Meach Sovannara", "meach-sovannara");
        SPELLINGS.put("Meach Sovanarra", "meach-sovannara");
        SPELLINGS.put("Sovanarra", "meach-sovannara");
        SPELLINGS.put("meach sovanara", "meach-sovannara");
        SPELLINGS.put("Mech Sovannara", "meach-sovannara");
    }

    @Test
    void theSeedsSpellingsAndTheirMisspellingsFindThePersonMeantFirst() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, String> cases = new LinkedHashMap<>(SPELLINGS);
        // Every person of concern in the seed by name, and by generated slips: a letter dropped, a letter doubled, an
        // h after the first letter, the whole name in capitals behind an honorific, the words run together.
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode person : new YAMLMapper().readTree(new File("seed/entities.yaml")).get("persons")) {
            if (person.path("concern").asBoolean(false)) {
                ids.add(person.get("id").asText());
                names.add(person.get("name").asText());
            }
        }
        assertTrue(ids.size() >= 5, "the seed has people of concern: " + ids);
        for (int i = 0; i < ids.size(); i++) {
            String name = names.get(i);
            cases.putIfAbsent(name, ids.get(i));
            cases.putIfAbsent("Mr. " + name.toUpperCase(java.util.Locale.ROOT), ids.get(i));
            if (name.contains(" ")) {
                cases.putIfAbsent(name.replace(" ", ""), ids.get(i));
            }
            String longest = java.util.Arrays.stream(name.split(" ")).max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            if (longest.length() >= 5 && longest.chars().allMatch(c -> c < 128)) {
                int at = longest.length() / 2;
                cases.putIfAbsent(name.replace(longest, longest.substring(0, at) + longest.substring(at + 1)), ids.get(i));
                cases.putIfAbsent(name.replace(longest, longest.substring(0, at) + longest.charAt(at) + longest.substring(at)), ids.get(i));
                cases.putIfAbsent(name.replace(longest, longest.charAt(0) + "h" + longest.substring(1)), ids.get(i));
            }
        }
        for (Map.Entry<String, String> c : cases.entrySet()) {
            List<String> found = given().queryParam("q", c.getKey()).get("/api/persons").then().statusCode(200)
                    .extract().jsonPath().getList("items.id");
            if (found.isEmpty() || !found.get(0).equals(c.getValue())) {
                wrong.add("'" + c.getKey() + "' found " + found + ", meant " + c.getValue());
            }
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + cases.size() + " searches did not find the person meant first");
    }

    @Test
    void nothingLikeAnyNameFindsNoOne() {
        // A word far longer than any name is matched whole only (its automata would be too costly to build).
        for (String q : List.of("nobody like this", "xyzzyq", "Sokha Qwrtzx", "Sokha " + "x".repeat(1_000))) {
            given().queryParam("q", q).get("/api/persons").then().statusCode(200).body("total", equalTo(0));
        }
    }

    @Test
    void aNameWrittenAMomentAgoIsFoundAtOnceAndHiddenOnesStayHidden() throws Exception {
        List<String> people = List.of("Sok Sovannarith", "Hidden Sovannarith", "Chea Sovanarith", "Merged Sovannarith",
                "Touch Vannarith", "Sok សុខា");
        String letter = letterNaming("Sovannarith", people);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : people) {
            ids.put(name, EditingTest.person(name, letter));
            // Found by the next read, with no rebuild in between.
            given().queryParam("q", name).get("/api/persons").then().statusCode(200).body("items[0].id", equalTo(ids.get(name)));
        }
        given().queryParam("q", "Sok Sovanarith").get("/api/persons").then().statusCode(200)
                .body("items[0].id", equalTo(ids.get("Sok Sovannarith")));
        given().queryParam("q", "សុខា").get("/api/persons").then().statusCode(200)
                .body("items[0].id", equalTo(ids.get("Sok សុខា")));

        String hidden = ids.get("Hidden Sovannarith");
        String restricted = ids.get("Chea Sovanarith");
        String merged = ids.get("Merged Sovannarith");
        KeptDocumentsTest.sql("update fact set restricted = true, change_reason = 'protect the name'"
                + " where id = (select fact_id from person_name where person_id = ?)", hidden);
        KeptDocumentsTest.sql("update person set restricted = true, change_reason = 'protect the person' where id = ?", restricted);
        KeptDocumentsTest.sql("update person set merged_into = '" + ids.get("Sok Sovannarith") + "', change_reason = 'the same man'"
                + " where id = ?", merged);

        given().queryParam("q", "Hidden Sovannarith").get("/api/persons").then().statusCode(200)
                .body("items.id", not(hasItem(hidden)));
        EditingTest.editor().queryParam("q", "Hidden Sovannarith").get("/api/persons").then().statusCode(200)
                .body("items[0].id", equalTo(hidden));
        given().queryParam("q", "Chea Sovanarith").get("/api/persons").then().statusCode(200)
                .body("items.id", not(hasItem(restricted)));
        EditingTest.editor().queryParam("q", "Chea Sovanarith").get("/api/persons").then().statusCode(200)
                .body("items[0].id", equalTo(restricted));
        for (RequestAs as : List.<RequestAs>of(() -> given(), EditingTest::editor)) {
            as.get().queryParam("q", "Merged Sovannarith").get("/api/persons").then().statusCode(200)
                    .body("items.id", not(hasItem(merged)));
        }

        // A name form added to someone is found under it at once.
        String sok = ids.get("Sok Sovannarith");
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "name", "person", sok, "name", "Touch Vannarith", "form", "spelling_variant",
                        "citations", List.of(Map.of("source", letter, "quote", "Touch Vannarith"))))
                .post("/api/facts").then().statusCode(201);
        given().queryParam("q", "Touch Vannarith").get("/api/persons").then().statusCode(200)
                .body("items.id", hasItem(sok)).body("items.id", hasItem(ids.get("Touch Vannarith")));
    }

    @Test
    void matchesComeInOneOrderWhetherPagedOrFiltered() throws Exception {
        // Two pairs tie (0.95: one word exact, one by its skeleton); ties go by display name, character by character.
        List<String> people = List.of("Chan Pagedara Sok", "Chhan Pagedara", "Chan Pagedarra", "Chan Pagedara");
        String letter = letterNaming("Pagedara", people);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : people) {
            ids.put(name, EditingTest.person(name, letter));
        }
        KeptDocumentsTest.sql("update person set concern = false, change_reason = 'not of concern' where id = ?", ids.get("Chan Pagedarra"));
        List<String> expected = List.of("Chan Pagedara", "Chan Pagedarra", "Chhan Pagedara", "Chan Pagedara Sok").stream()
                .map(ids::get).toList();

        given().queryParam("q", "Chan Pagedara").get("/api/persons").then().statusCode(200)
                .body("items.id", equalTo(expected)).body("total", equalTo(4));
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            paged.addAll(given().queryParam("q", "Chan Pagedara").queryParam("size", 1).queryParam("page", page)
                    .get("/api/persons").then().statusCode(200).body("total", equalTo(4)).extract().jsonPath().getList("items.id"));
        }
        assertEquals(expected, paged);
        // Another filter is applied by PostgreSQL to the index's matches, in the index's order.
        given().queryParam("q", "Chan Pagedara").queryParam("concern", "true").get("/api/persons").then().statusCode(200)
                .body("items.id", equalTo(expected.stream().filter(id -> !id.equals(ids.get("Chan Pagedarra"))).toList()))
                .body("total", equalTo(3));
        given().queryParam("q", "Chan Pagedara").queryParam("concern", "false").get("/api/persons").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get("Chan Pagedarra"))));
    }

    /** A new letter that says each of {@code people} "was arrested too", for their names' citations. */
    private static String letterNaming(String word, List<String> people) {
        StringBuilder text = new StringBuilder(EditingTest.newLetter(word));
        people.forEach(name -> text.append(name).append(" was arrested too.\n"));
        return EditingTest.source(text.toString());
    }

    private interface RequestAs {
        io.restassured.specification.RequestSpecification get();
    }
}
