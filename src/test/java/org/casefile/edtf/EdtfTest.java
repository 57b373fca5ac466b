package org.casefile.edtf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EdtfTest {

    @Test
    void dayMonthYear() {
        assertEquals(LocalDate.of(2020, 7, 31), Edtf.parse("2020-07-31").earliest());
        assertTrue(Edtf.parse("2020-07-31").isDay());
        EdtfDate july = Edtf.parse("2015-07");
        assertEquals(LocalDate.of(2015, 7, 1), july.earliest());
        assertEquals(LocalDate.of(2015, 7, 31), july.latest());
        assertEquals(EdtfDate.Precision.month, july.precision());
        EdtfDate year = Edtf.parse("2017");
        assertEquals(LocalDate.of(2017, 12, 31), year.latest());
        assertEquals(LocalDate.of(2016, 2, 29), Edtf.parse("2016-02").latest());
    }

    @Test
    void qualifiersAndUnspecifiedDigits() {
        assertTrue(Edtf.parse("2017?").uncertain());
        assertTrue(Edtf.parse("2013~").approximate());
        EdtfDate decade = Edtf.parse("201X");
        assertEquals(LocalDate.of(2010, 1, 1), decade.earliest());
        assertEquals(LocalDate.of(2019, 12, 31), decade.latest());
    }

    @Test
    void intervalsWithOpenAndUnknownEnds() {
        EdtfDate span = Edtf.parse("2015-11/2016-01");
        assertEquals(LocalDate.of(2015, 11, 1), span.earliest());
        assertEquals(LocalDate.of(2016, 1, 31), span.latest());
        EdtfDate open = Edtf.parse("2016-01-25/..");
        assertEquals(LocalDate.of(2016, 1, 25), open.earliest());
        assertNull(open.latest());
        assertNull(Edtf.parse("/2016").earliest());
    }

    @Test
    void seasonsAndQuarters() {
        EdtfDate winter = Edtf.parse("2016-24");
        assertEquals(LocalDate.of(2016, 12, 1), winter.earliest());
        assertEquals(LocalDate.of(2017, 2, 28), winter.latest());
        assertEquals(LocalDate.of(2016, 3, 31), Edtf.parse("2016-33").latest());
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(EdtfException.class, () -> Edtf.parse("July 2015"));
        assertThrows(EdtfException.class, () -> Edtf.parse("2015-13-01"));
        assertThrows(EdtfException.class, () -> Edtf.parse("2016-02-30"));
        assertThrows(EdtfException.class, () -> Edtf.parse("2016/2015"));
        assertThrows(EdtfException.class, () -> Edtf.parse("../.."));
    }
}
