package org.casefile.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.casefile.db.Snapshot;
import org.casefile.security.ReaderInterceptor;

/**
 * Writes the whole case file as a zip while reading it: one read-only REPEATABLE READ snapshot, as an editor sees it
 * (restricted records included), each table's rows as JSON lines in primary-key order, each stored text verbatim,
 * and the manifest last. Nothing is held in memory beyond one row or one text.
 */
@ApplicationScoped
public class ArchiveWriter {

    private static final int FETCH_ROWS = 500;
    private static final int FETCH_TEXTS = 8;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ArchiveWriter(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Writes the archive to {@code out}; account password hashes only when asked. */
    public void write(OutputStream out, boolean passwordHashes, String by) throws IOException {
        try {
            Snapshot.read(dataSource, c -> {
                try {
                    new Run(c, out, passwordHashes, by).write();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            // The answer has begun: the container can only cut it short, and a zip without its end is no archive.
            throw new IOException("Writing the archive failed: " + e.getMessage(), e);
        }
    }

    private final class Run {
        private final Connection c;
        private final ZipOutputStream zip;
        private final boolean passwordHashes;
        private final String by;
        private final Map<String, Object> tables = new LinkedHashMap<>();
        private final List<Map<String, Object>> entries = new ArrayList<>();

        Run(Connection c, OutputStream out, boolean passwordHashes, String by) {
            this.c = c;
            this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            this.passwordHashes = passwordHashes;
            this.by = by;
        }

        void write() throws IOException, SQLException {
            ReaderInterceptor.markEditor(c);
            OffsetDateTime createdAt;
            try (Statement s = c.createStatement()) {
                // Times as UTC in the lines, whatever the server's zone: the same data gives the same archive.
                s.execute("set local timezone = 'UTC'");
                try (ResultSet r = s.executeQuery("select now()")) {
                    r.next();
                    createdAt = r.getObject(1, OffsetDateTime.class);
                }
            }
            long texts = 0;
            for (String table : ArchiveTables.ARCHIVED) {
                List<String> columns = new ArrayList<>(ArchiveTables.columns(c, table));
                if (table.equals(ArchiveTables.SOURCE_TEXT)) {
                    columns.remove("text");
                }
                if (table.equals(ArchiveTables.ACCOUNT) && !passwordHashes) {
                    columns.remove("password_hash");
                }
                long rows = table(table, columns);
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("entry", ArchiveFormat.tableEntry(table));
                described.put("rows", rows);
                described.put("columns", columns);
                tables.put(table, described);
                if (table.equals(ArchiveTables.SOURCE_TEXT)) {
                    texts = texts();
                }
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", ArchiveFormat.FORMAT);
            manifest.put("formatVersion", ArchiveFormat.VERSION);
            manifest.put("schemaVersion", ArchiveTables.schemaVersion(c));
            manifest.put("createdAt", createdAt.toString());
            manifest.put("createdBy", by);
            manifest.put("passwordHashes", passwordHashes);
            manifest.put("sourceTexts", texts);
            manifest.put("tables", tables);
            manifest.put("entries", entries);
            zip.putNextEntry(new ZipEntry(ArchiveFormat.MANIFEST));
            zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            zip.finish();
            zip.flush();
        }

        /** The table's rows as JSON lines, as PostgreSQL writes them (row_to_json), in key order. */
        private long table(String table, List<String> columns) throws IOException, SQLException {
            String sql = "select row_to_json(r)::text from (select "
                    + columns.stream().map(ArchiveTables::quoted).collect(Collectors.joining(", "))
                    + " from " + ArchiveTables.quoted(table) + " order by "
                    + ArchiveTables.order(c, table).stream().map(ArchiveTables::quoted).collect(Collectors.joining(", "))
                    + ") r";
            long rows = 0;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH_ROWS);
                try (ResultSet r = s.executeQuery(); Entry entry = new Entry(ArchiveFormat.tableEntry(table))) {
                    while (r.next()) {
                        entry.out.write(r.getString(1).getBytes(StandardCharsets.UTF_8));
                        entry.out.write('\n');
                        rows++;
                    }
                }
            }
            return rows;
        }

        /** Each stored text, verbatim, checked against the SHA-256 stored with it. */
        private long texts() throws IOException, SQLException {
            long texts = 0;
            try (PreparedStatement s = c.prepareStatement("select id, text, sha256 from source_text order by id")) {
                s.setFetchSize(FETCH_TEXTS);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        byte[] bytes = r.getString(2).getBytes(StandardCharsets.UTF_8);
                        String sha256 = ArchiveFormat.hex(ArchiveFormat.sha256().digest(bytes));
                        if (!sha256.equals(r.getString(3))) {
                            throw new IOException("Source text " + id + " does not match its stored SHA-256 (" + r.getString(3)
                                    + "); the archive was not written.");
                        }
                        try (Entry entry = new Entry(ArchiveFormat.textEntry(id))) {
                            entry.out.write(bytes);
                        }
                        texts++;
                    }
                }
            }
            return texts;
        }

        /** One zip entry; closing it records its SHA-256 and size for the manifest. */
        private final class Entry implements AutoCloseable {
            private final String name;
            private final MessageDigest digest = ArchiveFormat.sha256();
            private long bytes;
            final OutputStream out;

            Entry(String name) throws IOException {
                this.name = name;
                zip.putNextEntry(new ZipEntry(name));
                out = new BufferedOutputStream(new FilterOutputStream(zip) {
                    @Override
                    public void write(int b) throws IOException {
                        zip.write(b);
                        digest.update((byte) b);
                        bytes++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        zip.write(b, off, len);
                        digest.update(b, off, len);
                        bytes += len;
                    }

                    @Override
                    public void close() {
                        // The zip stays open for the next entry.
                    }
                }, 1 << 16);
            }

            @Override
            public void close() throws IOException {
                out.flush();
                zip.closeEntry();
                Map<String, Object> listed = new LinkedHashMap<>();
                listed.put("name", name);
                listed.put("bytes", bytes);
                listed.put("sha256", ArchiveFormat.hex(digest.digest()));
                entries.add(listed);
            }
        }
    }
}
