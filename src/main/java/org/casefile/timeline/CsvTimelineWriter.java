package org.casefile.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 CSV: UTF-8 without a byte order mark, CRLF line ends, a header row, fields quoted only when they
 * hold a comma, a double quote, CR or LF (quotes doubled inside). pandas and LibreOffice read it as UTF-8.
 */
final class CsvTimelineWriter implements TimelineWriter {

    private static final String CRLF = "\r\n";
    private static final TimelineColumn[] COLUMNS = TimelineColumn.values();

    private final Writer out;

    CsvTimelineWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
    }

    @Override
    public void begin() throws IOException {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            field(COLUMNS[i].name());
        }
        out.write(CRLF);
    }

    @Override
    public void event(TimelineEvent event) throws IOException {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            field(COLUMNS[i].cell(event));
        }
        out.write(CRLF);
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void field(String value) throws IOException {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
