package org.casefile.editing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.casefile.support.EditingProfile;
import org.casefile.support.KeptJudgement;
import org.junit.jupiter.api.Test;

/**
 * Many writers on one fact: every accepted write is kept in history, every other writer was told (412), and the kept
 * custody judgement, which each write keeps for the people it touches, is what the claims give when judged afresh.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
class ConcurrentWritersTest {

    static final int WRITERS = 8;
    static final int ROUNDS = 5;

    @Test
    void noUpdateIsLost() throws Exception {
        EditingTest.admin().contentType("application/json")
                .body(Map.of("username", EditingTest.EDITOR, "password", EditingTest.PASSWORD, "role", "editor")).post("/api/accounts");
        String sourceId = EditingTest.source(EditingTest.newLetter("Sam Bopha"));
        String personId = EditingTest.person("Sam Bopha", sourceId);
        long factId = EditingTest.custody(personId, sourceId, "arrested");

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Callable<int[]> task = () -> {
                int accepted = 0;
                int refused = 0;
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    String etag = given().get("/api/facts/" + factId).then().statusCode(200).extract().header("ETag");
                    int status = EditingTest.editor().contentType("application/json").header("If-Match", etag)
                            .body(Map.of("type", "custody", "person", personId, "state", "arrested", "start", "2026-11-20",
                                    "confirmed", "2026-11-20", "note", "writer " + writer + " round " + round,
                                    "reason", "writer " + writer + " round " + round,
                                    "citations", List.of(Map.of("source", sourceId, "quote", "was arrested on 20 November 2026 in Phnom Penh"))))
                            .put("/api/facts/" + factId).statusCode();
                    if (status == 200) {
                        accepted++;
                    } else if (status == 412) {
                        refused++;
                    } else {
                        throw new AssertionError("writer " + writer + ": unexpected " + status);
                    }
                }
                return new int[] {accepted, refused};
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int accepted = 0;
        int refused = 0;
        for (Future<int[]> f : results) {
            int[] r = f.get();
            accepted += r[0];
            refused += r[1];
        }
        pool.shutdown();
        assertEquals(WRITERS * ROUNDS, accepted + refused, "every writer was answered");
        assertTrue(accepted >= 1);
        List<Map<String, Object>> history = given().get("/api/facts/" + factId + "/history").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertEquals(1 + accepted, history.size(), "every accepted write is a version in history");
        List<Object> notes = history.stream().skip(1).map(v -> v.get("reason")).toList();
        assertEquals(accepted, notes.stream().distinct().count(), "no accepted write was overwritten by another");
        assertEquals(List.of(), KeptJudgement.differences(List.of(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-20"))));
    }
}
