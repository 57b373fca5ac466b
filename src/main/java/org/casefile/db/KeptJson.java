package org.casefile.db;

import java.nio.charset.StandardCharsets;

/**
 * Answers kept in PostgreSQL as the JSON sent (the public person documents, the public counts), each stamped with what
 * it was made from. A read is one statement that answers a stamp for an answer made now and the body kept, if any,
 * with whether it is current; a caller that finds none builds the answer and keeps it under the stamp it read first.
 */
public final class KeptJson {

    /**
     * What a read found: the stamp (a PostgreSQL snapshot, as text) to keep an answer made now under, the body kept
     * (null if none) with whether it was made from the data as the reader sees it now, and the stamp it was kept under
     * (when the read selects it).
     */
    public record Found(String seen, byte[] body, boolean current, String keptSeen) {

        public Found(String seen, byte[] body, boolean current) {
            this(seen, body, current, null);
        }
    }

    private KeptJson() {
    }

    /**
     * Runs {@code read} (its parameters bound; one row selecting the stamp {@code seen}, the body {@code body}, whether
     * it is current {@code current}, and the stamp the body was kept under {@code kept_seen}); the body as the UTF-8
     * bytes PostgreSQL sent.
     */
    public static Found find(Sql.Statement read) {
        try {
            return read.one(r -> {
                byte[] body = r.bytes("body");
                return new Found(r.text("seen"), body, body != null && r.flag("current"), r.text("kept_seen"));
            });
        } catch (Sql.Failure e) {
            throw new IllegalStateException("kept answers cannot be read: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs {@code upsert} (its other parameters bound) with the JSON as text as {@code :body}; answers the JSON. */
    public static byte[] keep(Sql.Statement upsert, byte[] json) {
        try {
            upsert.bind("body", new String(json, StandardCharsets.UTF_8)).update();
            return json;
        } catch (Sql.Failure e) {
            throw new IllegalStateException("answer cannot be kept: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
