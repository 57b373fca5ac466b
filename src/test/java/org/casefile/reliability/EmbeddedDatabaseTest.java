package org.casefile.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.casefile.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL that the README's run command starts keeps what it acknowledged: it runs with fsync,
 * synchronous commit and full page writes on, a write it acknowledged is there after its processes are killed
 * (SIGKILL, no shutdown), and a second start on a folder in use is refused in one line naming the holder.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void itRunsDurable() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(folder.resolve("postgres"), 0);
             Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet r = s.executeQuery("show " + setting)) {
                    r.next();
                    assertEquals("on", r.getString(1), setting);
                }
            }
        }
    }

    @Test
    void anAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path data = folder.resolve("postgres");
        EmbeddedPostgres postgres = EmbeddedDatabase.start(data, 0);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table testimony (id int primary key, said text)");
            assertEquals(1, s.executeUpdate("insert into testimony values (1, 'acknowledged')"));
        }
        // Killed at once, as a crash would: the postmaster and every backend, no checkpoint, no shutdown.
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim()))
                .orElseThrow();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        closeQuietly(postgres); // releases the library's lock on the folder; its stop finds nothing to stop

        try (EmbeddedPostgres again = EmbeddedDatabase.start(data, 0);
             Connection c = again.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select said from testimony where id = 1")) {
            assertTrue(r.next(), "the acknowledged row is there after the crash");
            assertEquals("acknowledged", r.getString(1));
        }
    }

    @Test
    void aSecondStartOnAFolderInUseIsRefusedInOneLine() throws Exception {
        Path data = folder.resolve("postgres");
        try (EmbeddedPostgres first = EmbeddedDatabase.start(data, 0)) {
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            EmbeddedDatabase.InUse refused = assertThrows(EmbeddedDatabase.InUse.class, () -> EmbeddedDatabase.start(data, 0));
            assertEquals("The data folder " + folder + " is in use by another Casefile (PostgreSQL process " + pid
                    + "): stop that one first, or set CASEFILE_DATA_DIR to another folder.", refused.getMessage());
            try (Connection c = first.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("select 1"); // the first one is untouched
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // nothing to stop: it was killed
        }
    }
}
