package org.casefile.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The writers' date and text rules on every precision, without the database (the seed has few of them). */
class TimelineWritersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2020-07-31       | 2020,7,31 | ",
            "2015-07          | 2015,7,   | ",
            "2017?            | 2017,,    | ",
            "2015-21          | 2015,3,   | 2015,5,",
            "2015-24          | 2015,12,  | 2016,2,",
            "201X             | 2010,,    | 2019,,",
            "2015-11/2016-01  | 2015,11,  | 2016,1,",
            "2016-01-25/..    | 2016,1,25 | ",
            "2015/2016-03-02  | 2015,,    | 2016,3,2",
    })
    void timelineJsDatesGoNoFurtherThanThePrecisionStated(String edtf, String start, String end) {
        EdtfDate d = Edtf.parse(edtf);
        TimelineEvent e = new TimelineEvent("incident:x", "other", "X", edtf, d.earliest(), d.latest(), d.precision(),
                List.of(), List.of(), null, List.of(), List.of());
        TimelineJsWriter.Span span = TimelineJsWriter.span(e);
        assertEquals(date(start), span.start(), edtf);
        assertEquals(end == null ? null : date(end), span.end(), edtf);
    }

    private static TimelineJsWriter.Date date(String ymd) {
        String[] p = (ymd + ",,").split(",", -1);
        return new TimelineJsWriter.Date(Integer.parseInt(p[0].trim()), p[1].isBlank() ? null : Integer.valueOf(p[1].trim()),
                p[2].isBlank() ? null : Integer.valueOf(p[2].trim()));
    }

    @Test
    void icsLinesFoldAt75OctetsWithoutSplittingACharacter() throws CharacterCodingException {
        String content = "DESCRIPTION:" + "Pro Démocratie pour le Cambodge — Société Buddhiste Khmère 😀 ".repeat(6);
        String folded = IcsTimelineWriter.fold(content);
        assertTrue(folded.endsWith("\r\n"));
        String[] lines = folded.substring(0, folded.length() - 2).split("\r\n");
        assertTrue(lines.length > 1);
        StringBuilder unfolded = new StringBuilder(lines[0]);
        for (int i = 0; i < lines.length; i++) {
            byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length <= 75, "line " + i + " has " + bytes.length + " octets");
            // Each physical line is whole UTF-8 on its own: no character was cut in two.
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            if (i > 0) {
                assertTrue(lines[i].startsWith(" "));
                unfolded.append(lines[i].substring(1));
            }
        }
        assertEquals(content, unfolded.toString());
    }

    @Test
    void icsTextEscapesWhatRfc5545Requires() {
        assertEquals("a\\, b\\; c\\\\d\\ne\\nf", IcsTimelineWriter.text("a, b; c\\d\ne\r\nf"));
    }

    @Test
    void acceptNegotiation() {
        assertEquals(Optional.of(TimelineFormat.json), TimelineFormat.negotiate(null));
        assertEquals(Optional.of(TimelineFormat.csv), TimelineFormat.negotiate(List.of("text/csv")));
        assertEquals(Optional.of(TimelineFormat.ics), TimelineFormat.negotiate(List.of("text/csv;q=0.2, text/calendar;q=0.9")));
        assertEquals(Optional.empty(), TimelineFormat.negotiate(List.of("application/xml")));
        assertNull(TimelineFormat.negotiate(List.of("image/png")).orElse(null));
    }
}
