package org.casefile.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service as it runs in use, a process of its own ({@code java -jar target/quarkus-app/quarkus-run.jar}), for the
 * integration tests: the jar exists only after the package phase, so they run in {@code mvn verify}.
 */
public final class PackagedService {

    private PackagedService() {
    }

    /** The packaged jar, which must exist. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("casefile.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the integration tests run after the package phase (mvn verify)");
        return jar;
    }

    /**
     * Starts the jar on {@code port}, its output in {@code log}, with {@code environment} and none of this process's
     * QUARKUS_ and CASEFILE_ variables; does not wait for it.
     */
    public static Process start(int port, Path log, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("CASEFILE_"));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return builder.start();
    }

    /** Waits until the service on {@code port} is ready; fails with the end of its log if it exits or takes longer than {@code bound}. */
    public static void awaitReady(Process process, int port, Path log, Duration bound) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(log.getFileName() + ": the service exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail(log.getFileName() + ": the service was not ready within " + bound.toSeconds() + " s:\n" + tail(log));
    }

    /** The last 40 lines of a log. */
    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
