package org.casefile.timeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {"items": [event, ...], "total": N}: the items are written as they are read, and the total, known only
 * then, comes last, so a streaming parser sees each event as soon as it arrives.
 */
final class JsonTimelineWriter implements TimelineWriter {

    static final JsonFactory FACTORY = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JsonGenerator json;
    private long total;

    JsonTimelineWriter(OutputStream stream) throws IOException {
        this.json = FACTORY.createGenerator(stream);
    }

    @Override
    public void begin() throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("items");
    }

    @Override
    public void event(TimelineEvent e) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", e.id());
        json.writeStringField("type", e.type());
        json.writeStringField("title", e.title());
        json.writeStringField("date", e.edtf());
        json.writeStringField("earliest", e.earliest() == null ? null : e.earliest().toString());
        json.writeStringField("latest", e.latest() == null ? null : e.latest().toString());
        json.writeStringField("precision", e.precision().name());
        strings("people", e.people());
        strings("organizations", e.organizations());
        strings("sources", e.sources());
        json.writeArrayFieldStart("citations");
        for (TimelineEvent.Cite c : e.citations()) {
            json.writeStartObject();
            json.writeStringField("source", c.source());
            json.writeStringField("quote", c.quote());
            json.writeNumberField("start", c.start());
            json.writeNumberField("end", c.end());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("facts");
        for (long id : e.facts()) {
            json.writeNumber(id);
        }
        json.writeEndArray();
        json.writeEndObject();
        total++;
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeNumberField("total", total);
        json.writeEndObject();
        json.flush();
    }

    private void strings(String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
