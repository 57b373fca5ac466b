package org.casefile.db;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads the values native queries answer with, whichever Java type the driver chose for them. */
public final class SqlValues {

    private SqlValues() {
    }

    public static OffsetDateTime time(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) o).toInstant().atOffset(ZoneOffset.UTC);
    }

    public static LocalDate day(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) o).toLocalDate();
    }

    /** A bigint[] as JDBC (java.sql.Array), Hibernate or Vert.x (Long[]) hand it over; empty for null. */
    public static java.util.List<Long> longs(Object array) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (Object v : array(array)) {
            out.add(((Number) v).longValue());
        }
        return out;
    }

    /** A PostgreSQL array's elements, however the driver handed it over (java.sql.Array or a Java array); none for null. */
    public static Object[] array(Object array) {
        try {
            Object values = array instanceof java.sql.Array a ? a.getArray() : array;
            return values == null ? new Object[0] : (Object[]) values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL's array cannot be read: " + e.getMessage(), e);
        }
    }
}
