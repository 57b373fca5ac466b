package org.casefile.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casefile.db.Snapshot;
import org.casefile.problem.ProblemException;
import org.casefile.security.Actor;
import org.casefile.security.ReaderInterceptor;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.Session;

/**
 * Loads an archive into an empty instance in one transaction: all of it or, on any error, nothing.
 *
 * Rows are only inserted, never updated, so the history triggers (which fire on update and delete) add nothing and
 * the archived history is kept as it was, record times and authors included; ids are the archived ones, and the
 * identity counters are set past them. Each table is staged whole and inserted in one statement, so rows that refer
 * to rows of the same table (a merged person to the one it was merged into) load in any order. The kept projections
 * (person documents, the custody judgement, counts, the name index) are kept per changed person and per changed
 * day, which every insert marks, so none of what they kept before is served and they are built again.
 */
@ApplicationScoped
public class ArchiveLoader {

    private static final int BATCH = 1_000;

    /** What a load wrote. */
    @Schema(name = "ArchiveLoaded", description = "What the load wrote.")
    public record Loaded(
            @Schema(description = "When the archive was written (its manifest's createdAt).") String archiveCreatedAt,
            @Schema(description = "The Casefile schema version of the archive and of this instance.", examples = "17") String schemaVersion,
            @Schema(description = "Rows loaded, per table.") Map<String, Long> rows,
            @Schema(description = "Stored source texts loaded.") long sourceTexts,
            @Schema(description = "The loading admin, whose account stays as it was.", examples = "admin") String accountKept,
            @Schema(description = "The archive's accounts not loaded, because it holds no password hashes: create them again "
                    + "with POST /api/accounts.") List<String> accountsNotRestored) {
    }

    private final AgroalDataSource dataSource;
    private final EntityManager em;
    private final Actor actor;
    private final ObjectMapper mapper;

    public ArchiveLoader(AgroalDataSource dataSource, EntityManager em, Actor actor, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.em = em;
        this.actor = actor;
        this.mapper = mapper;
    }

    /**
     * Before reading the whole archive: it was written from this schema, and this instance holds no case file and no
     * account but the loader's. {@link #load} checks the second again, under the writers' lock.
     */
    void check(ArchiveFile archive, String loader) throws SQLException {
        Snapshot.read(dataSource, c -> {
            ReaderInterceptor.markEditor(c);
            String schema = ArchiveTables.schemaVersion(c);
            if (!schema.equals(archive.schemaVersion())) {
                throw ArchiveFile.refused("The archive was written by Casefile schema version " + archive.schemaVersion()
                        + "; this instance runs schema version " + schema + ". Load it into a Casefile of the release that "
                        + "wrote it (then upgrade that one).", ArchiveFormat.MANIFEST);
            }
            refuseUnlessEmpty(c, loader);
            return null;
        });
    }

    @Transactional
    @TransactionConfiguration(timeout = 3_600)
    public Loaded load(ArchiveFile archive) {
        String loader = actor.declareWriter();
        return em.unwrap(Session.class).doReturningWork(c -> {
            refuseUnlessEmpty(c, loader);
            try {
                return new Load(c, archive, loader).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void refuseUnlessEmpty(Connection c, String loader) throws SQLException {
        List<String> holding = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String table : ArchiveTables.caseTables()) {
                try (ResultSet r = s.executeQuery("select exists (select 1 from " + ArchiveTables.quoted(table) + ")")) {
                    r.next();
                    if (r.getBoolean(1)) {
                        holding.add(table);
                    }
                }
            }
        }
        if (!holding.isEmpty()) {
            throw new ProblemException(409, "Instance not empty", "This instance already holds a case file (rows in "
                    + String.join(", ", holding) + "); an archive loads only into an empty one, so nothing is mixed or "
                    + "overwritten. Start Casefile on a new database (or data folder) with CASEFILE_SEED_ENABLED=false and "
                    + "load it there. Nothing was written.", Map.of("tables", holding));
        }
        List<String> others = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select username from account where username <> ? order by 1")) {
            s.setString(1, loader);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    others.add(r.getString(1));
                }
            }
        }
        if (!others.isEmpty()) {
            throw new ProblemException(409, "Instance not empty", "This instance has accounts besides yours ("
                    + String.join(", ", others) + "); the archive's accounts load only where the loading admin's is the "
                    + "only one. Nothing was written.", Map.of("accounts", others));
        }
    }

    /** One load, on the transaction's connection. */
    private final class Load {
        private final Connection c;
        private final ArchiveFile archive;
        private final String loader;
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private long texts;

        Load(Connection c, ArchiveFile archive, String loader) {
            this.c = c;
            this.archive = archive;
            this.loader = loader;
        }

        Loaded run() throws SQLException, IOException {
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table archive_row (n bigint not null, line json not null, text text) on commit drop");
            }
            boolean accounts = archive.hasColumn(ArchiveTables.ACCOUNT, "password_hash");
            List<String> notRestored = new ArrayList<>();
            for (String table : ArchiveTables.ARCHIVED) {
                if (table.equals(ArchiveTables.ACCOUNT) && !accounts) {
                    notRestored.addAll(usernames());
                    continue;
                }
                if (table.equals(ArchiveTables.COUNT_DEFINITION)) {
                    execute(table, "delete from count_definition");
                }
                stage(table);
                insert(table);
                execute(table, "truncate archive_row");
            }
            // The rules checked at commit (every fact cited) are checked now, so a broken archive is a 422 naming them.
            execute(null, "set constraints all immediate");
            identities();
            // Every person's version moved with the load; the old documents' bodies are dropped too.
            execute("person_document", "delete from person_document");
            notRestored.remove(loader);
            return new Loaded(archive.createdAt(), archive.schemaVersion(), rows, texts, loader, notRestored);
        }

        /** The table's lines into archive_row, numbered in archive order; a stored text with its row. */
        private void stage(String table) throws SQLException, IOException {
            boolean sourceText = table.equals(ArchiveTables.SOURCE_TEXT);
            long n = 0;
            try (BufferedReader lines = archive.lines(table);
                 PreparedStatement s = c.prepareStatement("insert into archive_row (n, line, text) values (?, ?::json, ?)")) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    s.setLong(1, ++n);
                    s.setString(2, line);
                    s.setString(3, sourceText ? text(line) : null);
                    s.addBatch();
                    if (n % BATCH == 0) {
                        batch(table, s);
                    }
                }
                batch(table, s);
            }
            if (n != archive.rows(table)) {
                throw ArchiveFile.refused(ArchiveFormat.tableEntry(table) + " holds " + n + " rows; the manifest lists "
                        + archive.rows(table) + ".", ArchiveFormat.tableEntry(table));
            }
            rows.put(table, n);
        }

        private String text(String line) throws IOException {
            JsonNode row = mapper.readTree(line);
            if (!row.path("id").canConvertToLong() || !row.path("sha256").isTextual()) {
                throw ArchiveFile.refused("A line of " + ArchiveFormat.tableEntry(ArchiveTables.SOURCE_TEXT)
                        + " lacks its id or sha256.", ArchiveFormat.tableEntry(ArchiveTables.SOURCE_TEXT));
            }
            texts++;
            return archive.text(row.get("id").asLong(), row.get("sha256").asText());
        }

        /** The staged rows into the table, in one statement, with the archived ids. */
        private void insert(String table) throws SQLException {
            List<String> columns = ArchiveTables.columns(c, table);
            String names = columns.stream().map(ArchiveTables::quoted).collect(Collectors.joining(", "));
            String values = columns.stream()
                    .map(col -> table.equals(ArchiveTables.SOURCE_TEXT) && col.equals("text") ? "a.text" : "r." + ArchiveTables.quoted(col))
                    .collect(Collectors.joining(", "));
            String sql = "insert into " + ArchiveTables.quoted(table) + " (" + names + ") overriding system value select " + values
                    + " from archive_row a, json_populate_record(null::" + ArchiveTables.quoted(table) + ", a.line) r"
                    // The loading admin's account is theirs as it is now.
                    + (table.equals(ArchiveTables.ACCOUNT) ? " where r.username is distinct from ?" : "")
                    + " order by a.n";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (table.equals(ArchiveTables.ACCOUNT)) {
                    s.setString(1, loader);
                }
                s.executeUpdate();
            } catch (SQLException e) {
                throw refusedBy(table, e);
            }
        }

        /** Ids given out from now on follow the archived ones, kept in history too. */
        private void identities() throws SQLException {
            for (String table : ArchiveTables.ARCHIVED) {
                List<String> identity = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "select attname from pg_attribute where attrelid = ?::regclass and attnum > 0 and attidentity <> ''")) {
                    s.setString(1, table);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            identity.add(r.getString(1));
                        }
                    }
                }
                for (String column : identity) {
                    String history = table + "_history";
                    String max = "(select max(" + ArchiveTables.quoted(column) + ") from " + ArchiveTables.quoted(table) + ")";
                    if (ArchiveTables.ARCHIVED.contains(history)) {
                        max = "greatest(" + max + ", (select max(" + ArchiveTables.quoted(column) + ") from "
                                + ArchiveTables.quoted(history) + "))";
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "select setval(pg_get_serial_sequence(?, ?), coalesce(" + max + ", 0) + 1, false)")) {
                        s.setString(1, table);
                        s.setString(2, column);
                        s.execute();
                    }
                }
            }
        }

        private List<String> usernames() throws IOException {
            List<String> names = new ArrayList<>();
            try (BufferedReader lines = archive.lines(ArchiveTables.ACCOUNT)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isEmpty()) {
                        names.add(mapper.readTree(line).path("username").asText());
                    }
                }
            }
            return names;
        }

        private void batch(String table, PreparedStatement s) throws SQLException {
            try {
                s.executeBatch();
            } catch (SQLException e) {
                throw refusedBy(table, e);
            }
        }

        private void execute(String table, String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw refusedBy(table, e);
            }
        }
    }

    /**
     * A row the database refuses (a broken rule, a value of the wrong type, text PostgreSQL cannot store) is the
     * archive's fault: thrown as a 422 saying which table (null: found at the end) and what rule. Anything else is
     * the service's, and is answered to be thrown as it is.
     */
    private static SQLException refusedBy(String table, SQLException e) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String state = String.valueOf(cause.getSQLState());
        if (state.startsWith("22") || state.startsWith("23")) {
            throw ArchiveFile.refused((table == null ? "The archive's rows break" : "The rows of " + table + " break")
                    + " a rule of Casefile's database: " + cause.getMessage() + ".", table == null ? null : ArchiveFormat.tableEntry(table));
        }
        return e;
    }
}
