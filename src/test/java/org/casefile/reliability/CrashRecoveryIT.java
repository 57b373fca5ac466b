package org.casefile.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefile.support.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as it runs in use, a process of its own ({@code java -jar target/quarkus-app/quarkus-run.jar} with its
 * embedded PostgreSQL in CASEFILE_DATA_DIR): it acknowledges a write (201), then it and its PostgreSQL are killed
 * with SIGKILL at once, no shutdown, no checkpoint; started again on the same folder, it has the write.
 * The packaged jar exists only after the package phase, so this runs in {@code mvn verify} (maven-failsafe-plugin).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {

    static final String ADMIN_PASSWORD = "crash-recovery-admin-password";
    /** A start with no class-data archive (7.5 s on an idle 2-core machine), with room for a busy one. */
    static final Duration START_BOUND = Duration.ofSeconds(55);

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aWriteAcknowledgedBeforeASigkillOfTheServiceAndItsPostgresIsThereAfterTheRestart() throws Exception {
        int port = PackagedService.freePort();
        Process service = start(port, "first");
        String tag = UUID.randomUUID().toString();
        String text = "Letter of 20 November 2026. Acknowledged just before the crash. Reference " + tag + ".";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sources"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Crash letter " + tag + "\", \"kind\": \"letter\", "
                        + "\"date\": \"2026-11-20\", \"text\": \"" + text + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertTrue(id.find(), created.body());

        // The crash: the service and its PostgreSQL, at once, as a power cut or the OOM killer would.
        ProcessHandle postmaster = postmaster().orElseThrow(() -> new AssertionError("no PostgreSQL runs in " + folder));
        List<ProcessHandle> backends = postmaster.descendants().toList();
        service.destroyForcibly();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        service.onExit().get(30, TimeUnit.SECONDS);
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        for (ProcessHandle backend : backends) {
            backend.onExit().get(30, TimeUnit.SECONDS);
        }

        int again = PackagedService.freePort();
        start(again, "second");
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + again + "/api/sources/" + id.group(1) + "/text"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, found.statusCode(), "the acknowledged source is there after the crash: " + found.body());
        assertEquals(text, found.body());
    }

    /** Starts the packaged service on the test's data folder and waits until it is ready. */
    private Process start(int port, String name) throws Exception {
        Path log = folder.resolve(name + ".log");
        Process process = PackagedService.start(port, log, Map.of("CASEFILE_DATA_DIR", folder.resolve("data").toString(),
                "CASEFILE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "CASEFILE_SEED_ENABLED", "false")); // the seed's letters are not what this is about
        started.add(process);
        PackagedService.awaitReady(process, port, log, START_BOUND);
        return process;
    }

    /** Whatever still runs is stopped, killed if it will not stop, so the folder can go and nothing is left behind. */
    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : started) {
            process.destroy(); // SIGTERM: the service stops its PostgreSQL on the way out
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Optional<ProcessHandle> left = postmaster();
        if (left.isPresent()) {
            List<ProcessHandle> backends = left.get().descendants().toList();
            left.get().destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            left.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(folder.resolve("data/postgres/postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
