package org.casefile.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.casefile.support.TestDatabase;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The CSV export streams: 200,000 generated custody facts (each with a citation the database accepts) are
 * exported while the heap is measured, and the heap a full GC leaves must not grow with the export. The test
 * client reads the response as a stream too, since the server runs in this JVM and shares its heap.
 */
@QuarkusTest
class TimelineStreamingTest {

    static final int FACTS = 200_000;
    static final long MAX_GROWTH = 64L * 1024 * 1024;
    /** The facts are spread over this many people, as a real export's are (a person's judgement is quadratic in their claims). */
    static final int PEOPLE = 20_000;
    static final String PEOPLE_ID_PREFIX = "timeline-streaming-";
    static final String SOURCE = "timeline-streaming-test";
    static final String TEXT = "Generated for the Casefile timeline streaming test. The prisoner was detained.";
    static final String QUOTE = "The prisoner was detained.";

    private static final Logger LOG = Logger.getLogger(TimelineStreamingTest.class);

    @TestHTTPResource("/api/timeline")
    URI timeline;

    @Test
    void aLargeCsvExportStreamsInFlatMemory() throws Exception {
        try {
            generate();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = retainedHeap(memory);
            long midway = -1;
            long rows = 0;
            HttpRequest request = HttpRequest.newBuilder(URI.create(timeline + "?format=csv&source=" + SOURCE)).build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String header = in.readLine();
                assertTrue(header.startsWith("id,type,title,"), header);
                String line;
                while ((line = in.readLine()) != null) {
                    rows++;
                    if (rows == FACTS / 2) {
                        // Halfway through: had the export loaded its rows into a list, they would all be held now.
                        midway = retainedHeap(memory);
                    }
                    if (rows == 1) {
                        assertTrue(line.contains(QUOTE) && line.contains(SOURCE + ":"), line);
                    }
                }
            }
            long after = retainedHeap(memory);
            LOG.infof("Streamed %d CSV rows; retained heap before %d MB, midway %d MB, after %d MB", rows,
                    before >> 20, midway >> 20, after >> 20);
            assertEquals(FACTS + 1, rows, "an event for each fact, and the source's own (source_published)");
            assertTrue(midway - before < MAX_GROWTH, "heap grew by " + (midway - before) / 1024 / 1024 + " MB mid-export");
            assertTrue(after - before < MAX_GROWTH, "heap grew by " + (after - before) / 1024 / 1024 + " MB after the export");
        } finally {
            cleanUp();
        }
    }

    private static long retainedHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * A dedicated source text and source, PEOPLE people, and FACTS custody facts among them, each citing the text's
     * last sentence. A person's claims each start on a day of their own: claims of one person, state and start would
     * be one event, not FACTS rows.
     */
    private static void generate() throws SQLException {
        long t0 = System.nanoTime();
        int start = TEXT.indexOf(QUOTE);
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // Stored texts can never be deleted; a rerun on the same database finds this one already there.
            s.execute("insert into source_text (origin_file, text, sha256, length) select 'timeline-streaming-test', t, "
                    + "encode(sha256(convert_to(t, 'UTF8')), 'hex'), char_length(t) from (select '" + TEXT + "'::text as t) x "
                    + "on conflict (sha256) do nothing");
            s.execute("insert into source (id, text_id, section_start, section_end, title, kind) select '" + SOURCE
                    + "', id, 0, length, 'Generated source for the streaming test', 'other' from source_text "
                    + "where origin_file = 'timeline-streaming-test'");
            s.execute("insert into person (id, name) select '" + PEOPLE_ID_PREFIX + "' || g, 'Streaming Test Person ' || g"
                    + " from generate_series(1, " + PEOPLE + ") g");
            s.execute("""
                    with f as (insert into fact (kind) select 'custody' from generate_series(1, %d) returning id),
                         p as (insert into custody_period (fact_id, person_id, state, start_edtf, start_lower, start_upper)
                               select id, '%s' || (1 + n %% %d), 'imprisoned', to_char(d, 'YYYY-MM-DD'), d, d
                               from (select id, n, date '1990-01-01' + (n / %d)::int * 30 as d
                                     from (select id, row_number() over (order by id) - 1 as n from f) numbered) days
                               returning fact_id)
                    insert into citation (fact_id, source_id, quote, start_offset, end_offset)
                    select fact_id, '%s', '%s', %d, %d from p""".formatted(FACTS, PEOPLE_ID_PREFIX, PEOPLE, PEOPLE, SOURCE, QUOTE, start,
                    start + QUOTE.length()));
            // The commit checks each new fact for a citation. Planned on the statistics of the small seed tables, that
            // check would read the whole citation table 200,000 times; with fresh statistics it uses the index.
            s.execute("analyze fact, citation, custody_period");
            c.commit();
        }
        LOG.infof("Generated %d custody facts in %d ms", FACTS, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Deleting the facts cascades to their custody rows and citations (deleting citations alone is refused). */
    private static void cleanUp() throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("delete from fact where id in (select fact_id from custody_period where person_id like '" + PEOPLE_ID_PREFIX + "%')");
            s.execute("delete from person where id like '" + PEOPLE_ID_PREFIX + "%'");
            s.execute("delete from source where id = '" + SOURCE + "'");
            c.commit();
        }
        LOG.infof("Removed the generated facts in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
