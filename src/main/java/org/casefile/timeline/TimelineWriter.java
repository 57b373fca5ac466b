package org.casefile.timeline;

import java.io.IOException;

/** Writes a timeline in one format, event by event, as the rows arrive from the database. */
interface TimelineWriter {

    void begin() throws IOException;

    void event(TimelineEvent event) throws IOException;

    /** Closes the document and flushes; the response stream itself is closed by the container. */
    void end() throws IOException;
}
