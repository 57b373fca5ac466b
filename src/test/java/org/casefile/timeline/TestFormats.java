package org.casefile.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict readers for the export formats, written from the specifications so the tests check the files, not the writers. */
final class TestFormats {

    private TestFormats() {
    }

    /** RFC 4180: records end in CRLF, fields may be quoted, quotes doubled inside; a bare CR or LF outside quotes fails. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    fail("a quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                assertTrue(i + 1 < text.length() && text.charAt(i + 1) == '\n', "CR without LF at " + i);
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\n') {
                fail("a bare LF ends a record at " + i + "; RFC 4180 wants CRLF");
            } else {
                field.append(c);
            }
        }
        assertFalse(quoted, "the file ends inside a quoted field");
        assertTrue(field.length() == 0 && row.isEmpty(), "the last record does not end in CRLF");
        return rows;
    }

    /** CSV rows as maps keyed by the header row. */
    static List<Map<String, String>> csvRecords(String text) {
        List<List<String>> rows = csv(text);
        List<String> header = rows.get(0);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), "a row with a different number of fields: " + row);
            Map<String, String> r = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                r.put(header.get(i), row.get(i));
            }
            records.add(r);
        }
        return records;
    }

    /** One unfolded iCalendar content line: name, parameters (as written) and value (still escaped). */
    record Line(String name, String params, String value) {
    }

    /**
     * RFC 5545 3.1: physical lines end in CRLF and are at most 75 octets; a line starting with a space or tab
     * continues the previous one.
     */
    static List<Line> ics(String text) {
        assertTrue(text.endsWith("\r\n"), "the calendar does not end in CRLF");
        String[] physical = text.substring(0, text.length() - 2).split("\r\n", -1);
        List<String> logical = new ArrayList<>();
        for (String p : physical) {
            assertFalse(p.contains("\r") || p.contains("\n"), "a bare CR or LF in: " + p);
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 75, "longer than 75 octets: " + p);
            if (p.startsWith(" ") || p.startsWith("\t")) {
                assertFalse(logical.isEmpty(), "a continuation line first");
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + p.substring(1));
            } else {
                logical.add(p);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String l : logical) {
            int colon = l.indexOf(':');
            assertTrue(colon > 0, "no name: " + l);
            String head = l.substring(0, colon);
            int semi = head.indexOf(';');
            lines.add(semi < 0 ? new Line(head, "", l.substring(colon + 1))
                    : new Line(head.substring(0, semi), head.substring(semi + 1), l.substring(colon + 1)));
        }
        return lines;
    }

    /** RFC 5545 3.3.11 TEXT: undo the escapes, and fail on a bare comma or semicolon. */
    static String icsText(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                char n = value.charAt(++i);
                b.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                assertFalse(c == ',' || c == ';', "an unescaped " + c + " in TEXT: " + value);
                b.append(c);
            }
        }
        return b.toString();
    }
}
