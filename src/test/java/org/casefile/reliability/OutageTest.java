package org.casefile.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.casefile.db.ChangeListener;
import org.casefile.support.EditingProfile;
import org.casefile.support.RestartablePostgres;
import org.casefile.support.TestDatabase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load, twice (a fast shutdown, then SIGKILL of the postmaster and its children), and
 * comes back on the same data folder and port while the service keeps running and clients keep reading and writing.
 * Every answer is a success or a 503 problem with Retry-After, none slower than the stated bound; while PostgreSQL is
 * away every answer is that 503 and readiness is down (both the JDBC and the event-loop connections); once it is
 * back the service answers again without a restart, listens for changes again, its background builders build again,
 * and every write it acknowledged, before or after, is there.
 */
@QuarkusTest
@TestProfile(OutageTest.Profile.class)
class OutageTest {

    /**
     * The README's bound on waiting for PostgreSQL while it is away (the pool's acquisition timeout, 5 s), and 3 s for
     * what a request does besides (a write checks its bcrypt password first) on a busy 2-core test machine.
     */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(8);
    /** How soon after PostgreSQL accepts connections again every kind of request succeeds again. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    static final Duration OUTAGE = Duration.ofSeconds(6);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casefile.admin.password", EditingProfile.ADMIN_PASSWORD,
                    // Every background builder runs, as in use, to see each stop and start again.
                    "casefile.person-documents.build", "true",
                    "casefile.counts.build", "true",
                    "casefile.name-index.build", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartablePostgres.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // the shared test database is not needed: this test has one of its own to stop
        }
    }

    /** One request a client made and what came of it. */
    record Answer(String kind, long startedNs, long endedNs, int status, String contentType, String retryAfter, String body) {
        Duration took() {
            return Duration.ofNanos(endedNs - startedNs);
        }

        @Override
        public String toString() {
            return kind + " " + status + " in " + took().toMillis() + " ms: " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    /** An interval during which PostgreSQL was down: from when its stop had taken effect to when its start began. */
    record Down(String how, long fromNs, long toNs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    ChangeListener changes;

    @ConfigProperty(name = RestartablePostgres.DATA_DIR)
    String dataDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Answer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());

    @Test
    void whilePostgresIsAwayEveryAnswerIsA503AndTheServiceRecoversWithoutRestart() throws Exception {
        Path data = Path.of(dataDir);
        List<String> postmaster = RestartablePostgres.commandLine(data);
        // Up and answering before the clients start: the seed loaded, the admin account made.
        assertEquals(201, write().status(), "a write before any outage");

        // A client for each kind of request, each asking again as soon as it is answered.
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(KINDS.size());
        for (String kind : KINDS) {
            clients.submit(() -> {
                while (running.get()) {
                    answers.add(request(kind));
                }
            });
        }
        List<Down> outages = new ArrayList<>();
        try {
            Thread.sleep(2_000);
            outage(outages, "fast shutdown", () -> RestartablePostgres.stopFast(postmaster, data), postmaster, data);
            Thread.sleep(2_000);
            outage(outages, "SIGKILL", () -> RestartablePostgres.kill(data), postmaster, data);
            Thread.sleep(2_000);
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(40, TimeUnit.SECONDS), "the clients finish");
        }

        List<Answer> all = List.copyOf(answers);
        Map<String, Long> byStatus = all.stream().collect(Collectors.groupingBy(a -> a.kind() + " " + a.status(), TreeMap::new, Collectors.counting()));
        System.out.println("OutageTest: " + all.size() + " answers " + byStatus + "; slowest "
                + all.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0) + " ms");

        // A streamed export already under way when PostgreSQL goes has sent its 200: the only honest answer left is to
        // cut the transfer short, which the client sees as an incomplete body (never as a complete export).
        List<Answer> wrong = all.stream().filter(a -> !Set.of(200, 201, 503).contains(a.status()) && !cutShort(a)).toList();
        assertTrue(wrong.isEmpty(), "only successes and 503s: " + wrong);
        for (Answer a : all) {
            if (a.status() == 503) {
                assertEquals("application/problem+json", a.contentType(), a.toString());
                assertEquals("5", a.retryAfter(), "Retry-After: " + a);
                JsonNode problem = JSON.readTree(a.body());
                assertEquals(503, problem.path("status").asInt(), a.toString());
                assertFalse(problem.path("detail").asText().isBlank(), "a detail: " + a);
            }
        }
        List<Answer> slow = all.stream().filter(a -> a.took().compareTo(ANSWER_BOUND) > 0).toList();
        assertTrue(slow.isEmpty(), "no answer slower than " + ANSWER_BOUND + ": " + slow);
        for (Down down : outages) {
            List<Answer> during = all.stream().filter(a -> a.startedNs() >= down.fromNs() && a.endedNs() <= down.toNs()).toList();
            List<Answer> answered = during.stream().filter(a -> a.status() != 503).toList();
            assertTrue(answered.isEmpty(), "while PostgreSQL was down (" + down.how() + ") every answer is a 503: " + answered);
            Set<String> kinds = during.stream().map(Answer::kind).collect(Collectors.toSet());
            assertEquals(Set.copyOf(KINDS), kinds, "every kind of request met the " + down.how());
        }

        // Change notifications arrive again: a write moves the data version through LISTEN.
        assertWithin(Duration.ofSeconds(10), changes::listening, "the listener listens again");
        long before = changes.heard();
        assertEquals(201, write().status(), "a write after the outages");
        assertWithin(Duration.ofSeconds(10), () -> changes.heard() > before, "a change notification after the outages");

        // The background builders build again: the person a write adds after the outages gets a kept document.
        String person = personWrittenAfterTheOutages();
        assertWithin(Duration.ofSeconds(30), () -> kept(person), "the document of a person written after the outages is kept");

        // Nothing acknowledged was lost.
        for (String id : List.copyOf(acknowledged)) {
            Answer a = get("check", "/api/sources/" + id);
            assertEquals(200, a.status(), "acknowledged source " + id + " is there: " + a);
        }
        // One before, one after each recovery (the recovery waits for a write's 201), one after: at least four.
        assertTrue(acknowledged.size() >= 4, "writes were acknowledged before, between and after the outages: " + acknowledged.size());
    }

    /**
     * Stops PostgreSQL, checks readiness goes down, keeps it down for {@link #OUTAGE}, starts it again, and waits until
     * every kind of request succeeds and readiness is up.
     */
    private void outage(List<Down> outages, String how, Step stop, List<String> postmaster, Path data) throws Exception {
        stop.run();
        long downAt = System.nanoTime();
        assertWithin(ANSWER_BOUND, () -> readiness(503), "readiness is down after the " + how);
        long readinessDown = Duration.ofNanos(System.nanoTime() - downAt).toMillis();
        JsonNode ready = readinessChecks();
        assertEquals("DOWN", ready.path("status").asText());
        for (JsonNode check : ready.path("checks")) {
            assertEquals("DOWN", check.path("status").asText(), how + ": " + check);
        }
        assertEquals(2, ready.path("checks").size(), "the JDBC and the event-loop connections: " + ready);
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - downAt).toMillis()));
        long startAt = System.nanoTime();
        outages.add(new Down(how, downAt, startAt));
        RestartablePostgres.start(postmaster, data);
        long upAt = System.nanoTime();
        assertWithin(RECOVERY_BOUND, () -> KINDS.stream().allMatch(kind -> answers.stream()
                .anyMatch(a -> a.kind().equals(kind) && a.startedNs() > upAt && a.status() / 100 == 2)), "every kind of request succeeds again after the " + how);
        long recovered = Duration.ofNanos(System.nanoTime() - upAt).toMillis();
        assertWithin(RECOVERY_BOUND, () -> readiness(200), "readiness is up again after the " + how);
        System.out.printf("OutageTest: %s: readiness down after %d ms; every kind of request answered again %d ms after "
                + "PostgreSQL was back%n", how, readinessDown, recovered);
    }

    interface Step {
        void run() throws Exception;
    }

    /** What the clients ask, one client each: reads through both stacks (the event loop, JDBC) and a write as admin. */
    static final List<String> KINDS = List.of("person", "search", "count", "sources", "timeline", "write");

    private Answer request(String kind) {
        return switch (kind) {
            case "person" -> get("person", "/api/persons/rong-chhun");
            case "search" -> get("search", "/api/persons?q=Rong%20Chhun");
            case "count" -> get("count", "/api/counts?asOf=2020-08-01");
            case "sources" -> get("sources", "/api/sources");
            case "timeline" -> get("timeline", "/api/timeline?format=csv");
            default -> write();
        };
    }

    private Answer write() {
        String tag = UUID.randomUUID().toString();
        String body = "{\"title\": \"Outage letter " + tag + "\", \"kind\": \"letter\", \"date\": \"2026-11-20\", \"text\": "
                + "\"Letter of 20 November 2026. Reference " + tag + ".\"}";
        Answer a = send("write", HttpRequest.newBuilder(uri("/api/sources")).header("Authorization", admin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (a.status() == 201) {
            try {
                acknowledged.add(JSON.readTree(a.body()).path("id").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return a;
    }

    private String personWrittenAfterTheOutages() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String source = "{\"title\": \"After the outage " + tag + "\", \"kind\": \"letter\", \"date\": \"2026-11-20\", \"text\": "
                + "\"Letter of 20 November 2026. We learned that Sok Afterward was arrested. Reference " + tag + ".\"}";
        Answer s = send("write", HttpRequest.newBuilder(uri("/api/sources")).header("Authorization", admin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(source)));
        assertEquals(201, s.status(), s.toString());
        String sourceId = JSON.readTree(s.body()).path("id").asText();
        String person = "{\"name\": \"Sok Afterward\", \"citations\": [{\"source\": \"" + sourceId + "\", \"quote\": \"Sok Afterward was arrested\"}]}";
        Answer p = send("write", HttpRequest.newBuilder(uri("/api/persons")).header("Authorization", admin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(person)));
        assertEquals(201, p.status(), p.toString());
        return JSON.readTree(p.body()).path("id").asText();
    }

    /** Whether the person's public document is kept at their current version (the builder did it; nobody read it). */
    private static boolean kept(String person) {
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from person_document_outdated where person_id = ?")) {
            s.setString(1, person);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) == 0;
            }
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private boolean readiness(int status) {
        return get("ready", "/q/health/ready").status() == status;
    }

    private JsonNode readinessChecks() throws IOException {
        return JSON.readTree(get("ready", "/q/health/ready").body());
    }

    /** A streamed export whose transfer stopped mid-body (HttpClient: the chunked encoding ended without its last chunk). */
    private static boolean cutShort(Answer a) {
        return a.kind().equals("timeline") && a.status() == -1 && a.body().contains("chunked transfer encoding");
    }

    private Answer get(String kind, String path) {
        return send(kind, HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer send(String kind, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(kind, started, System.nanoTime(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (IOException e) {
            return new Answer(kind, started, System.nanoTime(), -1, "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(kind, started, System.nanoTime(), -1, "", null, e.toString());
        }
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceFirst("/$", "") + path);
    }

    private static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + EditingProfile.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertWithin(Duration bound, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + bound.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
