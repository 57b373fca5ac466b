package org.casefile.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The current row of a statement's result, its columns read by name as the Java type they hold (null as null). */
public final class Row {

    private final ResultSet r;

    Row(ResultSet r) {
        this.r = r;
    }

    public String text(String column) throws SQLException {
        return r.getString(column);
    }

    /** A bigint or integer column that is never null. */
    public long number(String column) throws SQLException {
        return r.getLong(column);
    }

    /** An integer column that is never null. */
    public int integer(String column) throws SQLException {
        return r.getInt(column);
    }

    /** A bigint or integer column that may be null. */
    public Long nullableNumber(String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    /** A boolean column, null read as false. */
    public boolean flag(String column) throws SQLException {
        return r.getBoolean(column);
    }

    public LocalDate day(String column) throws SQLException {
        return r.getObject(column, LocalDate.class);
    }

    public OffsetDateTime time(String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class);
    }

    public byte[] bytes(String column) throws SQLException {
        return r.getBytes(column);
    }

    public boolean isNull(String column) throws SQLException {
        r.getObject(column);
        return r.wasNull();
    }

    /** A text[] column; empty for null. */
    public List<String> texts(String column) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object v : array(column)) {
            out.add((String) v);
        }
        return out;
    }

    /** A bigint[] or integer[] column; empty for null. */
    public List<Long> numbers(String column) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (Object v : array(column)) {
            out.add(((Number) v).longValue());
        }
        return out;
    }

    /** An integer[] column; empty for null. */
    public List<Integer> integers(String column) throws SQLException {
        List<Integer> out = new ArrayList<>();
        for (Object v : array(column)) {
            out.add(((Number) v).intValue());
        }
        return out;
    }

    private Object[] array(String column) throws SQLException {
        Array a = r.getArray(column);
        return a == null ? new Object[0] : (Object[]) a.getArray();
    }
}
