package org.casefile.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.casefile.problem.ProblemException;

/**
 * An uploaded archive, kept in a temporary file while it is checked and loaded: a zip with a Casefile manifest of
 * the format version this service reads, and every entry the manifest lists, with the SHA-256 it lists. Whatever is
 * wrong is a 422 naming it.
 */
final class ArchiveFile implements AutoCloseable {

    private final Path path;
    private final ZipFile zip;
    private final JsonNode manifest;

    private ArchiveFile(Path path, ZipFile zip, JsonNode manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    /** Keeps the body in a temporary file (deleted on close) and reads its manifest. */
    static ArchiveFile receive(InputStream body, ObjectMapper mapper) throws IOException {
        Path path = Files.createTempFile("casefile-archive-", ".zip");
        ZipFile zip = null;
        try {
            long size = body == null ? 0 : Files.copy(body, path, StandardCopyOption.REPLACE_EXISTING);
            if (size == 0) {
                throw refused("The request has no body. Send the archive GET /api/archive wrote, as the body: "
                        + "curl --data-binary @casefile-archive.zip -H 'Content-Type: application/zip' ...", null);
            }
            try {
                zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
            } catch (ZipException e) {
                throw refused("The body is not a zip file (" + e.getMessage() + "). Send the archive GET /api/archive wrote, "
                        + "unchanged.", null);
            }
            ArchiveFile archive = new ArchiveFile(path, zip, manifest(zip, mapper));
            archive.checkFormat();
            return archive;
        } catch (IOException | RuntimeException e) {
            if (zip != null) {
                zip.close();
            }
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static JsonNode manifest(ZipFile zip, ObjectMapper mapper) throws IOException {
        ZipEntry entry = zip.getEntry(ArchiveFormat.MANIFEST);
        if (entry == null) {
            throw refused("The zip holds no " + ArchiveFormat.MANIFEST + ": it is not a Casefile archive. Send the archive "
                    + "GET /api/archive wrote.", ArchiveFormat.MANIFEST);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            JsonNode manifest = mapper.readTree(in);
            if (manifest == null || !manifest.isObject()) {
                throw refused(ArchiveFormat.MANIFEST + " is not a JSON object.", ArchiveFormat.MANIFEST);
            }
            return manifest;
        } catch (JsonProcessingException e) {
            throw refused(ArchiveFormat.MANIFEST + " is not JSON: " + e.getOriginalMessage(), ArchiveFormat.MANIFEST);
        } catch (ZipException e) {
            throw refused(ArchiveFormat.MANIFEST + " cannot be read from the zip: " + e.getMessage(), ArchiveFormat.MANIFEST);
        }
    }

    private void checkFormat() {
        if (!ArchiveFormat.FORMAT.equals(manifest.path("format").asText(null))) {
            throw refused(ArchiveFormat.MANIFEST + " does not name the format \"" + ArchiveFormat.FORMAT
                    + "\": this is not a Casefile archive.", ArchiveFormat.MANIFEST);
        }
        JsonNode version = manifest.path("formatVersion");
        if (!version.isInt() || version.intValue() != ArchiveFormat.VERSION) {
            throw refused("The archive is in format version " + version + "; this Casefile reads version " + ArchiveFormat.VERSION
                    + ". Load it with the Casefile release that wrote it.", ArchiveFormat.MANIFEST);
        }
        if (!manifest.path("entries").isArray() || !manifest.path("tables").isObject()) {
            throw refused(ArchiveFormat.MANIFEST + " lists no entries or tables.", ArchiveFormat.MANIFEST);
        }
        for (String table : ArchiveTables.ARCHIVED) {
            JsonNode described = manifest.path("tables").path(table);
            if (!ArchiveFormat.tableEntry(table).equals(described.path("entry").asText(null)) || !described.path("rows").canConvertToLong()
                    || !described.path("columns").isArray()) {
                throw refused("The manifest does not describe the table " + table + " (its entry "
                        + ArchiveFormat.tableEntry(table) + ", rows and columns).", ArchiveFormat.MANIFEST);
            }
        }
    }

    /** The Casefile schema (the last migration's version) the archive was written from. */
    String schemaVersion() {
        return manifest.path("schemaVersion").asText("unknown");
    }

    String createdAt() {
        return manifest.path("createdAt").asText(null);
    }

    long rows(String table) {
        return manifest.path("tables").path(table).path("rows").asLong();
    }

    boolean hasColumn(String table, String column) {
        for (JsonNode c : manifest.path("tables").path(table).path("columns")) {
            if (column.equals(c.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Every entry the manifest lists is there with its SHA-256 and size, and the zip holds nothing else. */
    void verify() throws IOException {
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode e : manifest.path("entries")) {
            String name = e.path("name").asText(null);
            if (name == null || !e.path("sha256").isTextual() || !e.path("bytes").canConvertToLong()) {
                throw refused("An entry of the manifest lacks its name, sha256 or bytes: " + e, ArchiveFormat.MANIFEST);
            }
            listed.put(name, e);
        }
        Set<String> present = new HashSet<>();
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            present.add(name);
            if (!name.equals(ArchiveFormat.MANIFEST) && !listed.containsKey(name)) {
                throw refused("The zip holds " + name + ", which the manifest does not list: the archive was changed.", name);
            }
        }
        for (JsonNode e : listed.values()) {
            String name = e.get("name").asText();
            if (!present.contains(name)) {
                throw refused("The manifest lists " + name + ", which the zip does not hold: the archive is incomplete.", name);
            }
            MessageDigest digest = ArchiveFormat.sha256();
            long bytes = 0;
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    bytes += n;
                }
            } catch (ZipException e2) {
                throw refused(name + " cannot be read from the zip (" + e2.getMessage() + "): the archive is damaged.", name);
            }
            String sha256 = ArchiveFormat.hex(digest.digest());
            if (!sha256.equals(e.get("sha256").asText()) || bytes != e.get("bytes").asLong()) {
                throw refused(name + " has SHA-256 " + sha256 + " (" + bytes + " bytes); the manifest lists "
                        + e.get("sha256").asText() + " (" + e.get("bytes").asLong() + " bytes): the archive was changed or damaged "
                        + "since it was written.", name);
            }
        }
        for (String table : ArchiveTables.ARCHIVED) {
            if (!listed.containsKey(ArchiveFormat.tableEntry(table))) {
                throw refused("The manifest does not list the entry " + ArchiveFormat.tableEntry(table) + ".", ArchiveFormat.MANIFEST);
            }
        }
    }

    /** A table's rows, one JSON object a line. */
    BufferedReader lines(String table) throws IOException {
        return new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(ArchiveFormat.tableEntry(table))),
                StandardCharsets.UTF_8));
    }

    /** A stored text, exactly as archived, checked against the SHA-256 its source_text row records. */
    String text(long id, String sha256) throws IOException {
        String name = ArchiveFormat.textEntry(id);
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw refused("Source text " + id + " has no entry " + name + ".", name);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        String actual = ArchiveFormat.hex(ArchiveFormat.sha256().digest(bytes));
        if (!actual.equals(sha256)) {
            throw refused(name + " has SHA-256 " + actual + ", but its source_text row records " + sha256
                    + ": the text is not the one the sources cite.", name);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refused(name + " is not UTF-8 text.", name);
        }
    }

    static ProblemException refused(String detail, String entry) {
        Map<String, Object> extensions = entry == null ? Map.of() : Map.of("entry", entry);
        return new ProblemException(422, "Archive refused", detail + " Nothing was written.", extensions);
    }

    @Override
    public void close() throws IOException {
        try {
            zip.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
