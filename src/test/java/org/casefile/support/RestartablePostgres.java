package org.casefile.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.casefile.AppDatabase;
import org.casefile.EmbeddedDatabase;

/**
 * A PostgreSQL of a test's own that the test may stop, kill and start again on the same data folder and port, while
 * the service keeps running: the embedded database the README's run command starts (durable settings included),
 * on a fixed port. The test reaches it through its data folder (config {@code casefile.test.restartable-data-dir}):
 * {@link #stopFast}, {@link #kill} and {@link #start} work from the postmaster's own pid file and command line, so
 * they need no handle shared with this resource.
 */
public class RestartablePostgres implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_DIR = "casefile.test.restartable-data-dir";

    private Path folder;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("casefile-restartable");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            postgres = EmbeddedDatabase.start(folder.resolve("postgres"), port);
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
        String url = AppDatabase.prepare(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "casefile");
        return Map.of("quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", AppDatabase.ROLE,
                "quarkus.datasource.password", AppDatabase.PASSWORD,
                DATA_DIR, folder.resolve("postgres").toString());
    }

    @Override
    public void stop() {
        Path data = folder.resolve("postgres");
        try {
            postgres.close(); // pg_ctl stop on the folder, whichever postmaster runs there now; releases its lock
        } catch (IOException | RuntimeException e) {
            // a test that left it stopped: nothing to stop
        }
        postmaster(data).ifPresent(p -> kill(data)); // still up (the stop failed): never leave a server behind
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** The running postmaster of the data folder, from its pid file. */
    public static java.util.Optional<ProcessHandle> postmaster(Path data) {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The running postmaster's command line (its binary, data folder, port and settings), to start it again alike. */
    public static List<String> commandLine(Path data) throws IOException {
        ProcessHandle postmaster = postmaster(data).orElseThrow(() -> new IllegalStateException("no PostgreSQL runs on " + data));
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(postmaster.pid()), "cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /** A fast shutdown, as an operator stops it (pg_ctl stop -m fast): clients are disconnected, then it exits. */
    public static void stopFast(List<String> commandLine, Path data) throws IOException, InterruptedException {
        run(List.of(pgCtl(commandLine), "-D", data.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
    }

    /** A crash: SIGKILL to the postmaster, then to its children, as the kernel's OOM killer or a power cut would. */
    public static void kill(Path data) {
        ProcessHandle postmaster = postmaster(data).orElseThrow(() -> new IllegalStateException("no PostgreSQL runs on " + data));
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : concat(postmaster, children)) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL process " + p.pid() + " did not exit", e);
            }
        }
    }

    /** Starts PostgreSQL again with the command line it ran with (after a crash it recovers from its WAL first). */
    public static void start(List<String> commandLine, Path data) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(commandLine.subList(1, commandLine.size()));
        int d = options.indexOf("-D");
        if (d >= 0) {
            options.subList(d, d + 2).clear();
        }
        run(List.of(pgCtl(commandLine), "-D", data.toString(), "-l", data.resolveSibling("restarted.log").toString(),
                "-o", String.join(" ", options), "-w", "-t", "60", "start"));
        String url = "jdbc:postgresql://localhost:" + options.get(options.indexOf("-p") + 1) + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.createStatement().execute("select 1");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL did not answer after its restart: " + e.getMessage(), e);
        }
    }

    private static String pgCtl(List<String> commandLine) {
        return Path.of(commandLine.get(0)).resolveSibling("pg_ctl").toString();
    }

    private static void run(List<String> pgCtl) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; as the embedded library does, run it in a user namespace of its own.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(pgCtl);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        List<ProcessHandle> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
