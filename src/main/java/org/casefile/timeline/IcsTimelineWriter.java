package org.casefile.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * iCalendar (RFC 5545): one all-day VEVENT per event on a single known day. Events whose day is not known are
 * not written (a calendar entry would claim a day the sources do not state); the VCALENDAR counts them in
 * X-CASEFILE-OMITTED-EVENTS. Content lines end in CRLF and are folded at 75 octets without splitting a
 * UTF-8 sequence; TEXT values escape backslash, semicolon, comma and line breaks.
 */
final class IcsTimelineWriter implements TimelineWriter {

    static final String OMITTED_PROPERTY = "X-CASEFILE-OMITTED-EVENTS";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Writer out;
    private final URI base;
    private final long omitted;
    private final String stamp;
    private final String calendarName;

    IcsTimelineWriter(OutputStream stream, URI base, long omitted, Instant now, String calendarName) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
        this.base = base;
        this.omitted = omitted;
        this.stamp = STAMP.format(now.truncatedTo(ChronoUnit.SECONDS));
        this.calendarName = calendarName;
    }

    @Override
    public void begin() throws IOException {
        line("BEGIN:VCALENDAR");
        line("VERSION:2.0");
        line("PRODID:-//Casefile//Timeline export//EN");
        line("CALSCALE:GREGORIAN");
        line("METHOD:PUBLISH");
        line("X-WR-CALNAME:" + text(calendarName));
        // Calendar properties precede the components (RFC 5545 3.4), hence the count taken before the rows.
        line(OMITTED_PROPERTY + ":" + omitted);
    }

    @Override
    public void event(TimelineEvent e) throws IOException {
        if (!e.knownDay()) {
            return; // the repository reads only known days; this guards the promise the count makes
        }
        line("BEGIN:VEVENT");
        line("UID:" + text(e.id()) + "@casefile");
        line("DTSTAMP:" + stamp);
        line("DTSTART;VALUE=DATE:" + DATE.format(e.earliest()));
        line("DTEND;VALUE=DATE:" + DATE.format(e.earliest().plusDays(1))); // DTEND is exclusive: the next day
        line("SUMMARY:" + text(e.title()));
        line("DESCRIPTION:" + text(description(e)));
        line("CATEGORIES:" + text(e.type()));
        line("END:VEVENT");
    }

    @Override
    public void end() throws IOException {
        line("END:VCALENDAR");
        out.flush();
    }

    private String description(TimelineEvent e) {
        StringBuilder b = new StringBuilder("Date as stated: ").append(e.edtf());
        if (e.ownSource() != null) {
            b.append("\nSource: ").append(e.ownSource()).append(" <").append(sourceUrl(e.ownSource())).append('>');
        }
        for (TimelineEvent.Cite c : e.citations()) {
            b.append("\n\n\u201C").append(c.quote()).append("\u201D\n\u2014 ").append(c.source())
                    .append(", code points ").append(c.start()).append('-').append(c.end())
                    .append(" <").append(sourceUrl(c.source())).append('>');
        }
        return b.toString();
    }

    private String sourceUrl(String sourceId) {
        return base.resolve("api/sources/" + sourceId).toString();
    }

    /** RFC 5545 3.3.11 TEXT escaping. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> {
                    b.append("\\n");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Writes one content line, folded (RFC 5545 3.1): CRLF plus a space before each 75-octet limit. */
    private void line(String content) throws IOException {
        out.write(fold(content));
    }

    static String fold(String content) {
        StringBuilder b = new StringBuilder(content.length() + 8);
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (octets + len > MAX_OCTETS) {
                b.append("\r\n ");
                octets = 1; // the leading space counts towards the next line's 75
            }
            b.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        return b.append("\r\n").toString();
    }
}
