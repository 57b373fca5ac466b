package org.casefile.api;

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
}
