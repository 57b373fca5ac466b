package org.casefile.api;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Answers kept in PostgreSQL as the JSON sent, each stamped with the version of the data it was made from (the public
 * person documents, the public counts). A read is one statement that answers the current version and the body kept
 * under it, if any; a caller that finds none builds the answer and keeps it under the version it read first.
 */
public final class KeptJson {

    /**
     * What a read found: the current version, and the body kept (null if none) with the version it was built at; a
     * statement that selects only the body kept at the current version leaves {@code keptVersion} equal to it.
     */
    public record Found(long version, byte[] body, long keptVersion) {

        /** Whether the body was built from the data as it is now. */
        public boolean current() {
            return body != null && keptVersion == version;
        }
    }

    private KeptJson() {
    }

    /**
     * Runs {@code sql} (selecting version, body and optionally the body's version) with the parameters; the body as the
     * UTF-8 bytes PostgreSQL sent.
     */
    public static Found find(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, parameters);
             ResultSet r = s.executeQuery()) {
            r.next();
            long version = r.getLong(1);
            return new Found(version, r.getBytes(2), r.getMetaData().getColumnCount() > 2 ? r.getLong(3) : version);
        } catch (SQLException e) {
            throw new IllegalStateException("kept answers cannot be read: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} (an upsert) with the parameters, then the JSON as text; answers the JSON. */
    public static byte[] keep(DataSource dataSource, String sql, byte[] json, Object... parameters) {
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = new String(json, StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, all)) {
            s.executeUpdate();
            return json;
        } catch (SQLException e) {
            throw new IllegalStateException("answer cannot be kept: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }
}
