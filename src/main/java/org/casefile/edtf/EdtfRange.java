package org.casefile.edtf;

import jakarta.persistence.Embeddable;
import java.time.LocalDate;

/**
 * A date of a record as its source states it (EDTF) with the earliest and latest day it may be (null: open or
 * unknown): three columns of every dated table ({@code <name>_edtf}, {@code <name>_lower}, {@code <name>_upper}),
 * embedded with {@code @EmbeddedColumnNaming("<name>_%s")}.
 */
@Embeddable
public record EdtfRange(String edtf, LocalDate lower, LocalDate upper) {

    /** No date stated. */
    public static final EdtfRange NONE = new EdtfRange(null, null, null);

    public static EdtfRange of(EdtfDate date) {
        return date == null ? NONE : new EdtfRange(date.edtf(), date.earliest(), date.latest());
    }

    /** The range, or NONE for a record with no date (Hibernate loads an embedded value with no column set as null). */
    public static EdtfRange orNone(EdtfRange range) {
        return range == null ? NONE : range;
    }
}
