package org.casefile.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The archive's layout, shared by the writer and the loader: a zip with one JSON-lines entry per table, one entry per
 * stored source text, and manifest.json, written last because it holds every other entry's SHA-256.
 */
final class ArchiveFormat {

    static final String FORMAT = "casefile-archive";
    /** Moves when the layout changes; a loader refuses a version it does not know. */
    static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String MEDIA_TYPE = "application/zip";

    private ArchiveFormat() {
    }

    static String tableEntry(String table) {
        return "tables/" + table + ".jsonl";
    }

    static String textEntry(long textId) {
        return "sources/" + textId + ".txt";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
