package org.casefile.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.AppDatabase;
import org.casefile.EmbeddedDatabase;
import org.casefile.db.BackgroundBuilder;
import org.casefile.support.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged service ({@code java -jar}) on one PostgreSQL, started together as a scaled deployment
 * starts them: the migrations and the seed are applied once; a write through one instance is read through the other
 * at once, though the other had the same questions answered (and kept) before; and what the background builders keep
 * in PostgreSQL is built by one instance at a time, each piece once. Runs in {@code mvn verify}, after the package
 * phase made the jar.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoInstancesIT {

    static final String ADMIN_PASSWORD = "two-instances-admin-password";
    static final Duration START_BOUND = Duration.ofSeconds(120);
    static final Pattern BUILT_DOCUMENTS = Pattern.compile("Built (\\d+) public person documents in");

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aWriteThroughOneInstanceIsReadThroughTheOtherAtOnceAndTheirBuildersShareTheWork() throws Exception {
        postgres = EmbeddedDatabase.start(folder.resolve("postgres/data"), 0);
        String url = AppDatabase.prepare(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "casefile");

        // Started together: both migrate, both would import the seed and make the first admin.
        int a = PackagedService.freePort();
        int b = PackagedService.freePort();
        Process first = start(url, a, "a");
        Process second = start(url, b, "b");
        PackagedService.awaitReady(first, a, folder.resolve("a.log"), START_BOUND);
        PackagedService.awaitReady(second, b, folder.resolve("b.log"), START_BOUND);
        try (Connection db = superuser(); Statement s = db.createStatement()) {
            assertEquals(1, one(s, "select count(*) from account where username = 'admin'"));
            assertEquals(one(s, "select count(distinct version) from flyway_schema_history where version is not null"),
                    one(s, "select count(*) from flyway_schema_history where version is not null and success"), "each migration once");
            long files;
            try (var seed = Files.list(Path.of("seed"))) {
                files = seed.filter(f -> f.toString().endsWith(".txt")).count();
            }
            assertEquals(files, one(s, "select count(*) from source_text"), "each seed letter's text once");
            assertEquals(0, one(s, "select count(*) - count(distinct (title, section_start)) from source"), "each seed source once");
        }
        assertEquals(total(get(a, "/api/sources?size=1")), total(get(b, "/api/sources?size=1")));

        // The second instance answers, and keeps, the questions first: the people of concern, a count, a name search.
        String day = "2026-11-20";
        String name = "Two Instances " + UUID.randomUUID().toString().substring(0, 6);
        long concernBefore = total(get(b, "/api/persons?concern=true&size=1"));
        String countBefore = get(b, "/api/counts?asOf=" + day);
        assertEquals(0, total(get(b, "/api/persons?q=" + enc(name))));

        // Written through the first.
        String source = id(post(a, "/api/sources", "{\"title\": \"Letter on " + name + "\", \"kind\": \"letter\", \"date\": \"" + day
                + "\", \"text\": \"Letter of 20 November 2026. We learned that " + name + " was arrested on 20 November 2026.\"}"));
        String person = id(post(a, "/api/persons", "{\"name\": \"" + name + "\", \"concern\": true, \"citations\": [{\"source\": \""
                + source + "\", \"quote\": \"" + name + "\"}]}"));
        post(a, "/api/facts", "{\"type\": \"custody\", \"person\": \"" + person + "\", \"state\": \"arrested\", \"start\": \"" + day
                + "\", \"confirmed\": \"" + day + "\", \"citations\": [{\"source\": \"" + source + "\", \"quote\": \"was arrested on 20 November 2026\"}]}");

        // Read through the second at once.
        assertTrue(get(b, "/api/persons/" + person).contains("\"arrested\""));
        assertTrue(get(b, "/api/persons/" + person + "/status?asOf=" + day).contains("\"status\":\"arrested\""));
        assertEquals(1, total(get(b, "/api/persons?q=" + enc(name))), "the second instance's name index has the new name");
        assertEquals(concernBefore + 1, total(get(b, "/api/persons?concern=true&size=1")), "its kept list of people of concern too");
        assertEquals(confirmed(countBefore) + 1, confirmed(get(b, "/api/counts?asOf=" + day)), "its count of the day too");

        // The builders: while PostgreSQL's lock of the person documents' builder is held elsewhere, neither instance
        // builds them; once it is free, every waiting document is built once, by one instance or the other.
        String lock = BackgroundBuilder.lockName("public person documents");
        try (Connection holder = superuser(); Statement s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(hashtext('" + lock + "'))");
            for (int i = 0; i < 10; i++) {
                post(i % 2 == 0 ? a : b, "/api/persons", "{\"name\": \"" + name + " " + i + "\", \"concern\": true, \"citations\": [{\"source\": \""
                        + source + "\", \"quote\": \"" + name + "\"}]}");
            }
            Thread.sleep(3_000); // both have heard the changes, and each pass found the lock held
            long waiting = pending();
            assertTrue(waiting >= 10, "the new people's documents wait: " + waiting);
            int builtBefore = built("a") + built("b");
            s.execute("select pg_advisory_unlock(hashtext('" + lock + "'))");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertEquals(0, pending(), "built once the lock was free");
            Thread.sleep(1_000); // the log line follows the pass
            assertEquals(waiting, built("a") + built("b") - builtBefore, "each waiting document built once, not by both instances");
        }
    }

    /** The documents built by an instance's builder so far, from its log. */
    private int built(String instance) throws IOException {
        Matcher m = BUILT_DOCUMENTS.matcher(Files.readString(folder.resolve(instance + ".log")));
        int built = 0;
        while (m.find()) {
            built += Integer.parseInt(m.group(1));
        }
        return built;
    }

    private long pending() throws SQLException {
        try (Connection db = superuser(); Statement s = db.createStatement()) {
            return one(s, "select count(*) from person_document_pending");
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "casefile"), "postgres", "");
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Process start(String url, int port, String name) throws IOException {
        Process process = PackagedService.start(port, folder.resolve(name + ".log"), Map.of("QUARKUS_DATASOURCE_JDBC_URL", url,
                "QUARKUS_DATASOURCE_USERNAME", AppDatabase.ROLE, "QUARKUS_DATASOURCE_PASSWORD", AppDatabase.PASSWORD,
                "CASEFILE_ADMIN_PASSWORD", ADMIN_PASSWORD));
        started.add(process);
        return process;
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private String post(int port, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private static long total(String json) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    private static long confirmed(String count) {
        Matcher m = Pattern.compile("\"totals\"\\s*:\\s*\\{[^}]*\"confirmed\"\\s*:\\s*(\\d+)").matcher(count);
        assertTrue(m.find(), count);
        return Long.parseLong(m.group(1));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
