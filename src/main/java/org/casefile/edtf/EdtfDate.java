package org.casefile.edtf;

import java.time.LocalDate;

/**
 * A date as a source states it (an EDTF string) with the days it can stand for.
 * {@code earliest}/{@code latest} are null where the interval is open or the end unknown.
 */
public record EdtfDate(String edtf, LocalDate earliest, LocalDate latest, Precision precision,
                       boolean uncertain, boolean approximate) {

    public enum Precision { day, month, season, year, decade, century, interval, unknown }

    /** True when the statement names exactly one day. */
    public boolean isDay() {
        return earliest != null && earliest.equals(latest);
    }
}
