package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casefile.count.CountAnswers;
import org.casefile.count.CountBuilder;
import org.casefile.count.CountService;
import org.casefile.http.PageRequest;
import org.casefile.http.Today;
import org.casefile.support.EditingProfile;
import org.casefile.support.KeptJudgement;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counts read from the kept judgement, and the whole answers kept from one sweep over it, are exactly the counts
 * judged from the claims themselves (as recorded now: knownAt, which is always judged from the claims); and a
 * change, even one made in SQL, is counted by the very next request.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class KeptCountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CountBuilder builder;

    @Inject
    CountAnswers answers;

    @BeforeEach
    void editorExists() {
        EditingTest.editorExists(EditingTest.EDITOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"confirmed", "last_known"})
    void keptCountsAreTheCountsJudgedFromTheClaims(String basis) throws Exception {
        builder.keepAnswers("detained");
        builder.keepAnswers("deprived_of_liberty");
        Map<LocalDate, JsonNode> kept = keptAnswers("detained", basis);
        assertTrue(kept.size() > 500, "someone is judged on hundreds of days of the seed's letters: " + kept.size());
        assertTrue(kept.containsKey(Today.date()), "today's answer is kept");
        // Days on which something counted changes, and the day after, are where a sweep can go wrong; and every 10th;
        // and days after the last confirmation, when only presumed statuses run on.
        List<LocalDate> days = new ArrayList<>();
        JsonNode before = null;
        for (Map.Entry<LocalDate, JsonNode> e : kept.entrySet()) {
            JsonNode figures = figures(e.getValue());
            if (before == null || !figures.equals(before) || e.getKey().toEpochDay() % 10 == 0) {
                days.add(e.getKey());
                days.add(e.getKey().plusDays(1));
            }
            before = figures;
        }
        days.addAll(List.of(LocalDate.parse("2021-03-23"), LocalDate.parse("2035-06-30"), LocalDate.parse("2035-07-01")));
        assertTrue(days.size() > 40, "the seed's counts change on many days: " + days.size());
        // Narrowed, paged and broken-down counts read the kept judgement in one statement.
        Map<String, JsonNode> fromJudgement = new TreeMap<>();
        for (String definition : List.of("detained", "deprived_of_liberty", "cnrp_detained", "detained_arrest_victims")) {
            for (int i = 0; i < days.size(); i += 7) {
                String query = "definition=" + definition + "&basis=" + basis + "&asOf=" + days.get(i)
                        + "&groupBy=status,affiliation,citizenship&size=3&page=1";
                fromJudgement.put(query, count(query));
                String plain = "definition=" + definition + "&basis=" + basis + "&asOf=" + days.get(i);
                fromJudgement.put(plain, count(plain));
            }
        }
        assertEquals(List.of(), KeptJudgement.differences(List.of(LocalDate.parse("2021-03-23"))));
        Map<LocalDate, JsonNode> servedKept = new TreeMap<>();
        for (LocalDate day : days) {
            servedKept.put(day, count("definition=detained&basis=" + basis + "&asOf=" + day));
        }

        // The same questions about the records as they stand now, judged from the claims on the request.
        Thread.sleep(10);
        String now = "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC);
        for (LocalDate day : days) {
            JsonNode judgedNow = count("definition=detained&basis=" + basis + "&asOf=" + day + now);
            assertEquals(judgedNow, servedKept.get(day), "served count on " + day);
            if (kept.containsKey(day)) {
                assertEquals(judgedNow, withoutReadAt(kept.get(day)), "kept count on " + day);
            }
        }
        for (Map.Entry<String, JsonNode> e : fromJudgement.entrySet()) {
            assertEquals(count(e.getKey() + now), e.getValue(), e.getKey());
        }
    }

    @Test
    void aChangeIsCountedByTheNextRequestAndKeptAgain() throws Exception {
        String day = "2026-11-20";
        builder.keepAnswers("detained");
        long before = total(given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().asString());
        String etag = given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().header("ETag");
        assertEquals(etag, given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().header("ETag"),
                "the same answer, kept");
        given().queryParam("asOf", day).header("If-None-Match", etag).get("/api/counts").then().statusCode(304);

        String letter = EditingTest.source(EditingTest.newLetter("Lim Counted"));
        String person = EditingTest.person("Lim Counted", letter);
        long fact = EditingTest.custody(person, letter, "arrested");
        assertEquals(before + 1, total(given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().asString()));

        assertTrue(builder.keepAnswers("detained") > 0);
        assertEquals(before + 1, total(given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().asString()));
        assertEquals(before + 1, total(keptAnswers("detained", "last_known").get(LocalDate.parse(day)).toString()),
                "kept again, with the new arrest");
        assertEquals(before + 1, total(given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().asString()));

        // Restricted in SQL behind the service's back: the public count drops at once; editors still count the person.
        KeptDocumentsTest.sql("update fact set restricted = true, change_reason = 'protect the source' where id = ?", fact);
        assertEquals(before, total(given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().asString()));
        assertEquals(before + 1, total(EditingTest.editor().queryParam("asOf", day).get("/api/counts").then().statusCode(200)
                .extract().asString()));
        // Public again, so the other tests on this database count the same people as editors do.
        KeptDocumentsTest.sql("update fact set restricted = false, change_reason = 'no longer sensitive' where id = ?", fact);
        assertNotEquals(etag, given().queryParam("asOf", day).get("/api/counts").then().statusCode(200).extract().header("ETag"));
    }

    @Test
    void aChangeOutdatesTheKeptCountsOfTheDaysItChangesOnly() throws Exception {
        builder.keepAnswers("detained");
        Map<LocalDate, JsonNode> kept = keptAnswers("detained", "last_known");
        // The first day kept, and a later kept day after the last confirmation of someone with custody records: a new
        // claim of theirs starting then changes nothing before it.
        LocalDate before = kept.keySet().iterator().next();
        String person;
        LocalDate lastConfirmed;
        try (Connection c = TestDatabase.connect(); java.sql.Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select person_id, latest_definite from custody_claimant"
                     + " where latest_definite is not null order by latest_definite, person_id limit 1")) {
            assertTrue(r.next(), "the seed has someone whose custody a source confirms");
            person = r.getString(1);
            lastConfirmed = r.getObject(2, LocalDate.class);
        }
        LocalDate changed = kept.keySet().stream().filter(d -> d.isAfter(lastConfirmed) && d.isAfter(before)).findFirst()
                .orElseThrow(() -> new AssertionError("no kept day after " + lastConfirmed));

        String letter = EditingTest.source(EditingTest.newLetter("Someone Kept"));
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", person, "state", "imprisoned", "start", changed.toString(),
                        "confirmed", changed.toString(), "citations",
                        List.of(Map.of("source", letter, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                .post("/api/facts").then().statusCode(201);

        Map<LocalDate, JsonNode> still = keptAnswers("detained", "last_known");
        assertEquals(kept.get(before), still.get(before), "a day the change did not touch keeps its answer");
        assertFalse(still.containsKey(changed), "the day the new claim covers is no longer answered from before it");
        String now = "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC);
        for (LocalDate day : List.of(before, changed)) {
            assertEquals(count("definition=detained&basis=last_known&asOf=" + day + now),
                    count("definition=detained&basis=last_known&asOf=" + day), "served count on " + day);
        }
    }

    @Test
    void aChangeToPeoplesRunsAloneIsBroughtIntoTheKeptCountsExactly() throws Exception {
        // A full first page in February 2016: people named to sort first, imprisoned for the month, released after;
        // and someone named to sort after them, released in January, whose imprisonment is added once counts are kept.
        int people = PageRequest.DEFAULT_SIZE + 1;
        StringBuilder text = new StringBuilder(EditingTest.newLetter("Zz Patched"));
        for (int i = 1; i <= people; i++) {
            text.append("Aa Patched %02d was arrested.\n".formatted(i));
        }
        String letter = EditingTest.source(text.toString());
        String first = null;
        for (int i = 1; i <= people; i++) {
            String person = EditingTest.person("Aa Patched %02d".formatted(i), letter);
            first = first == null ? person : first;
            custody(person, letter, "imprisoned", "2016-02-01", "2016-02-29");
            custody(person, letter, "released", "2016-03-01", "2016-03-01");
        }
        String late = EditingTest.person("Zz Patched", letter);
        custody(late, letter, "released", "2016-01-01", "2016-01-01");
        builder.keepAnswers("detained");
        List<String> days = List.of("2016-02-10", "2016-02-25", "2016-03-05");
        for (String day : days) {
            for (String basis : List.of("confirmed", "last_known")) {
                count("definition=detained&basis=" + basis + "&asOf=" + day); // current once asked, if not before
                assertTrue(keptAnswers("detained", basis).containsKey(LocalDate.parse(day)), "kept: " + day + " " + basis);
            }
        }
        long patches = answers.patches();

        // Imprisoned from the 5th (presumed ever after), then released on the 20th: two changes to one person's runs.
        custody(late, letter, "imprisoned", "2016-02-05", "2016-02-05");
        custody(late, letter, "released", "2016-02-20", "2016-02-20");

        String now = "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC);
        for (String day : days) {
            for (String basis : List.of("confirmed", "last_known")) {
                String query = "definition=detained&basis=" + basis + "&asOf=" + day;
                assertEquals(count(query + now), count(query), "served count on " + day + " " + basis);
            }
        }
        assertEquals(PageRequest.DEFAULT_SIZE + 2L, total(given().get("/api/counts?definition=detained&asOf=2016-02-10")
                .then().statusCode(200).extract().asString()) - seedTotal("2016-02-10"), "the 21 and the one added");
        assertTrue(answers.patches() >= patches + days.size() * 2L - 1,
                "brought up to date, not counted again: " + (answers.patches() - patches));
        for (String basis : List.of("confirmed", "last_known")) {
            assertTrue(keptAnswers("detained", basis).containsKey(LocalDate.parse("2016-02-10")), "kept again: " + basis);
        }

        // A change to someone on the first page: the page is read again, the figures brought up to date, as exactly.
        patches = answers.patches();
        custody(first, letter, "imprisoned", "2016-02-09", "2016-02-09");
        String query = "definition=detained&basis=last_known&asOf=2016-02-10";
        assertEquals(count(query + "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC)), count(query));
        assertEquals(patches + 1, answers.patches(), "brought up to date with its page read again, not counted again");
    }

    @Test
    void aNewClaimantAndANewLastConfirmationAreBroughtIntoTheKeptCountsExactly() throws Exception {
        String letter = EditingTest.source(EditingTest.newLetter("Ab Claimant"));
        builder.keepAnswers("detained");
        List<String> days = List.of("2016-02-10", "2021-03-23", Today.date().toString());
        Map<String, JsonNode> before = new TreeMap<>();
        for (String day : days) {
            for (String basis : List.of("confirmed", "last_known")) {
                before.put(day + " " + basis, count("definition=detained&basis=" + basis + "&asOf=" + day));
                assertTrue(keptAnswers("detained", basis).containsKey(LocalDate.parse(day)), "kept: " + day + " " + basis);
            }
        }
        long patches = answers.patches();
        LocalDate latest;
        try (Connection c = TestDatabase.connect(); java.sql.Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select max(latest_definite) from custody_claimant")) {
            r.next();
            latest = r.getObject(1, LocalDate.class);
        }

        // Someone new with custody records, released (never counted as detained, but one more whom no source
        // confirms on the days after): every day's unconfirmed moves. Then a release confirmed after every other
        // claim: every day's latestConfirmation moves.
        String claimant = EditingTest.person("Ab Claimant", letter);
        custody(claimant, letter, "released", "2016-01-01", "2016-01-01");
        String later = latest.plusDays(1).toString();
        custody(claimant, letter, "released", later, later);

        String now = "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC);
        for (String day : days) {
            for (String basis : List.of("confirmed", "last_known")) {
                String query = "definition=detained&basis=" + basis + "&asOf=" + day;
                JsonNode served = count(query);
                assertEquals(count(query + now), served, "served count on " + day + " " + basis);
                assertEquals(later, served.path("latestConfirmation").asText(), day + " " + basis);
            }
        }
        assertEquals(before.get("2016-02-10 last_known").path("unconfirmed").asLong() + 1,
                count("definition=detained&basis=last_known&asOf=2016-02-10").path("unconfirmed").asLong(),
                "the new claimant is presumed released on 2016-02-10: one more whom no source confirms");
        assertTrue(answers.patches() >= patches + days.size() * 2L,
                "brought up to date, not counted again: " + (answers.patches() - patches));
    }

    @Test
    void aChangeIsKeptWhileAnAnswerNeedsIt() throws Exception {
        String letter = EditingTest.source(EditingTest.newLetter("Ac Awaited"));
        String person = EditingTest.person("Ac Awaited", letter);
        custody(person, letter, "released", "2017-01-01", "2017-01-01");
        builder.keepAnswers("detained");
        String query = "definition=detained&basis=last_known&asOf=2017-06-10";
        count(query); // kept, current
        builder.takeInChanges();

        // Released still in June 2017 (a source confirms it; not on the page of those detained): the builder marks the
        // day's answer stale, and no reader asks for it for an hour.
        custody(person, letter, "released", "2017-06-01", "2017-06-01");
        builder.takeInChanges();
        execute("update count_stale set consumed_at = now() - interval '1 hour' where consumed_at is not null");
        builder.takeInChanges();

        // The change it needs was not forgotten: the answer is brought up to date, not counted again.
        long patches = answers.patches();
        assertEquals(count(query + "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC)), count(query));
        assertEquals(patches + 1, answers.patches(), "brought up to date from the change an hour after it was taken in");
    }

    @Test
    void aListedSourceThatStillBacksMoreThanAnyUnlistedIsBroughtUpToDate() throws Exception {
        // On 2012-06-10 one letter backs three people and 51 more letters one each: 52 sources, the first 50 listed. All
        // are presumed imprisoned then, the 51 since May (the oldest presumption, which a patch cannot lose), the three
        // since June.
        StringBuilder text = new StringBuilder(EditingTest.newLetter("Ad Listed"));
        for (int i = 1; i <= 3; i++) {
            text.append("Ad Listed %d was arrested.\n".formatted(i));
        }
        String many = EditingTest.source(text.toString());
        List<String> three = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            three.add(EditingTest.person("Ad Listed " + i, many));
            imprisonedIn2012(three.get(i - 1), many, "2012-06-01");
        }
        for (int i = 1; i <= CountService.MAX_SOURCES + 1; i++) {
            String name = "Ae Single %02d".formatted(i);
            String letter = EditingTest.source(EditingTest.newLetter(name));
            imprisonedIn2012(EditingTest.person(name, letter), letter, "2012-05-01");
        }
        String query = "definition=detained&basis=last_known&asOf=2012-06-10";
        JsonNode before = count(query);
        assertEquals(CountService.MAX_SOURCES + 2L, before.path("sourceCount").asLong(), before.toString());
        assertEquals(3, before.path("sources").path(0).path("people").asLong(), "the letter backing three is listed first");
        assertTrue(keptAnswers("detained", "last_known").containsKey(LocalDate.parse("2012-06-10")), "kept");

        // One of the three released on the 5th: the letter backs two, still more than any letter not listed (one).
        custody(three.get(0), many, "released", "2012-06-05", "2012-06-05");
        long patches = answers.patches();
        JsonNode patched = count(query);
        assertEquals(count(query + "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC)), patched);
        assertEquals(2, patched.path("sources").path(0).path("people").asLong(), patched.toString());
        assertEquals(patches + 1, answers.patches(), "brought up to date, not counted again");

        // A second released: it backs one, as many as those not listed, one of which may now rank before it.
        custody(three.get(1), many, "released", "2012-06-05", "2012-06-05");
        patches = answers.patches();
        assertEquals(count(query + "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC)), count(query));
        assertEquals(patches, answers.patches(), "counted again");
    }

    @Test
    void aFewAnswersThatCannotBeBroughtUpToDateAreCountedOneByOne() throws Exception {
        builder.keepAnswers("detained");
        String query = "definition=detained&basis=last_known&asOf=2017-06-10";
        count(query); // kept, current
        JsonNode current = count(query + "&knownAt=" + OffsetDateTime.now(ZoneOffset.UTC));
        execute("update count_answers_kept set answers_definitions = array['detained']");
        try {
            execute("update count_answer set stale = true, unpatchable = true"
                    + " where definition = 'detained' and basis = 'last_known' and day = '2017-06-10'");
            assertFalse(keptAnswers("detained", "last_known").containsKey(LocalDate.parse("2017-06-10")), "outdated");
            long sweeps = builder.sweeps();
            assertTrue(builder.keepAnswers("detained") >= 1);
            assertEquals(sweeps, builder.sweeps(), "counted alone, not by a sweep over every run");
            assertEquals(current, withoutReadAt(keptAnswers("detained", "last_known").get(LocalDate.parse("2017-06-10"))),
                    "kept again, as judged now");
        } finally {
            execute("update count_answers_kept set answers_definitions = null");
        }
    }

    /** Imprisoned from {@code start} (presumed after), released on 2012-07-01, as the letter says. */
    private static void imprisonedIn2012(String person, String letter, String start) {
        custody(person, letter, "imprisoned", start, start);
        custody(person, letter, "released", "2012-07-01", "2012-07-01");
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Those counted on day who are not this test's people. */
    private static long seedTotal(String day) throws Exception {
        JsonNode answer = JSON.readTree(given().get("/api/counts?definition=detained&size=100&asOf=" + day)
                .then().statusCode(200).extract().asString());
        long total = 0;
        for (JsonNode person : answer.path("people").path("items")) {
            total += person.path("name").asText().contains("Patched") ? 0 : 1;
        }
        return total;
    }

    private static void custody(String person, String letter, String state, String start, String confirmed) {
        EditingTest.editor().contentType("application/json")
                .body(Map.of("type", "custody", "person", person, "state", state, "start", start, "confirmed", confirmed,
                        "citations", List.of(Map.of("source", letter, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                .post("/api/facts").then().statusCode(201);
    }

    private static JsonNode count(String query) throws Exception {
        return withoutReadAt(JSON.readTree(given().get("/api/counts?" + query).then().statusCode(200).extract().asString()));
    }

    private static long total(String json) throws Exception {
        return JSON.readTree(json).get("total").asLong();
    }

    /**
     * readAt says when the records were read (a kept answer's is earlier), knownAt the record time asked for, and
     * the last caveat says so in words. Everything else must be the same.
     */
    private static JsonNode withoutReadAt(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("readAt");
        copy.remove("knownAt");
        if (copy.get("caveats") instanceof com.fasterxml.jackson.databind.node.ArrayNode caveats
                && caveats.size() > 0 && caveats.get(caveats.size() - 1).asText().startsWith("As Casefile's records stood at ")) {
            caveats.remove(caveats.size() - 1);
        }
        return copy;
    }

    private static JsonNode figures(JsonNode answer) {
        ObjectNode copy = withoutReadAt(answer).deepCopy();
        copy.remove("asOf");
        copy.remove("caveats");
        return copy;
    }

    private static Map<LocalDate, JsonNode> keptAnswers(String definition, String basis) throws Exception {
        Map<LocalDate, JsonNode> out = new TreeMap<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("select day, body from count_answer"
                + " where definition = ? and basis = ? and cf_count_answer_current(stale, day, seen)")) {
            s.setString(1, definition);
            s.setString(2, basis);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getObject(1, LocalDate.class), JSON.readTree(r.getString(2)));
                }
            }
        }
        return out;
    }
}
