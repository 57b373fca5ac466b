package org.casefile;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL that {@code java -jar} starts when no datasource is configured, its data kept in a folder of its
 * own. It holds case files, so it runs durable: the embedded library's test-speed defaults (fsync off, synchronous
 * commit off) are turned back on, so an acknowledged write survives a crash or a power cut.
 */
public final class EmbeddedDatabase {

    /** The settings that make an acknowledged write durable; each overrides the library's default. */
    static final java.util.Map<String, String> DURABLE = java.util.Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    /** A data folder another process is using: said in one line, with that process. */
    public static final class InUse extends RuntimeException {
        InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private EmbeddedDatabase() {
    }

    /** Starts PostgreSQL on the data folder {@code data} (made if missing), on {@code port} or any free port when 0. */
    public static EmbeddedPostgres start(Path data, int port) throws IOException {
        Files.createDirectories(data.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? freePort() : port);
        DURABLE.forEach(builder::setServerConfig);
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            // The library locks the folder (epg-lock) while a postmaster of its own uses it: another process finds
            // it locked, this one (a second start in the same JVM) overlaps its own lock.
            if (e instanceof java.nio.channels.OverlappingFileLockException || String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new InUse("The data folder " + data.getParent() + " is in use by another Casefile"
                        + holder(data) + ": stop that one first, or set CASEFILE_DATA_DIR to another folder.", e);
            }
            throw e;
        }
    }

    /** The PostgreSQL process holding the folder, from its postmaster.pid, as " (PostgreSQL process N)". */
    private static String holder(Path data) {
        try {
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            return " (PostgreSQL process " + pid + ")";
        } catch (IOException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
