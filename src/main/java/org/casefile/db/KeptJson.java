package org.casefile.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

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
     * Runs {@code sql} (selecting the stamp, the body, optionally whether it is current, else any body found is, and
     * optionally the stamp the body was kept under) with the parameters; the body as the UTF-8 bytes PostgreSQL sent.
     */
    public static Found find(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, parameters);
             ResultSet r = s.executeQuery()) {
            r.next();
            byte[] body = r.getBytes(2);
            int columns = r.getMetaData().getColumnCount();
            return new Found(r.getString(1), body, body != null && (columns < 3 || r.getBoolean(3)), columns < 4 ? null : r.getString(4));
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
