package org.casefile.timeline;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casefile.db.Row;
import org.casefile.db.Sql;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfDate;
import org.casefile.edtf.EdtfException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads timeline events with one SQL query: a UNION ALL of the event kinds, each filtered in its own branch
 * (so the per-kind indexes apply), ordered in the database, with the citations of each event's facts
 * aggregated by a lateral subquery. Rows are read through a server-side cursor (autocommit off, fetch size),
 * so an export of any size holds only one fetch of rows in memory.
 */
@ApplicationScoped
public class TimelineRepository {

    /** Rows per round trip; small enough that a fetch of long quotes stays well under a megabyte or two. */
    static final int FETCH_SIZE = 500;

    /** Which events of the filter to read: all, those with a known earliest day, or those on one known day. */
    public enum Scope {
        ALL("true"),
        KNOWN_START("e.earliest is not null"),
        KNOWN_DAY("coalesce(e.earliest = e.latest, false)");

        private final String condition;

        Scope(String condition) {
            this.condition = condition;
        }
    }

    @FunctionalInterface
    public interface EventSink {
        void accept(TimelineEvent event) throws IOException;
    }

    /** The events of one filter, read in one consistent database snapshot. */
    public interface Events {
        /** How many events match the filter but fall outside {@code scope}. */
        long countOutside(Scope scope) throws IOException;

        /** Every event of the filter within {@code scope}, in timeline order. */
        void forEach(Scope scope, EventSink sink) throws IOException;
    }

    @FunctionalInterface
    public interface Work {
        void run(Events events) throws IOException;
    }

    /** Whether an entity of a kind has the id :id: one statement per kind, its table named in the text. */
    private static final Map<String, Sql> EXISTS = Map.of(
            "person", exists("person"), "organization", exists("organization"), "incident", exists("incident"),
            "source", exists("source"));

    private static Sql exists(String table) {
        return Sql.of("select exists (select 1 from " + table + " where id = :id) as found");
    }

    private static final Sql REPEATABLE_READ_ONLY = Sql.of("set transaction isolation level repeatable read, read only");

    /** The export's statement time limit (:timeout), for its transaction only. */
    private static final Sql EXPORT_TIME_LIMIT = Sql.of("select set_config('statement_timeout', :timeout, true)");

    /** The events' columns, each with the citations of its facts; the events' union and the conditions follow. */
    private static final String EVENTS = """
            select e.id, e.type, e.title, e.edtf, e.earliest, e.latest, e.people, e.organizations, e.own_source,
                   e.fact_ids, c.sources, c.quotes, c.starts, c.ends
            from (""";

    private static final String EVENTS_CITED = """
            ) e
            left join lateral (
              select array_agg(c.source_id order by c.fact_id, c.id) as sources,
                     array_agg(c.quote order by c.fact_id, c.id) as quotes,
                     array_agg(c.start_offset order by c.fact_id, c.id) as starts,
                     array_agg(c.end_offset order by c.fact_id, c.id) as ends
              from citation c where c.fact_id = any(e.fact_ids)) c on true
            where\s""";

    private static final String TIMELINE_ORDER = "\norder by e.earliest nulls last, e.latest nulls last, e.id collate \"C\"";

    private final AgroalDataSource dataSource;
    private final String exportStatementTimeout;

    public TimelineRepository(AgroalDataSource dataSource,
                              @ConfigProperty(name = "casefile.limits.export-statement-timeout") String exportStatementTimeout) {
        this.dataSource = dataSource;
        this.exportStatementTimeout = exportStatementTimeout;
    }

    /** Whether an entity of the given kind (person, organization, incident, source) has this id. */
    public boolean exists(String kind, String id) {
        try {
            return EXISTS.get(kind).with(dataSource).bind("id", id).one(r -> r.flag("found"));
        } catch (Sql.Failure e) {
            throw new IllegalStateException("Looking up " + kind + " '" + id + "' failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Runs {@code work} in a read-only REPEATABLE READ transaction, so a count taken before the rows (the
     * iCalendar header needs one) describes exactly the rows that follow.
     */
    public void read(TimelineFilter filter, Work work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                try {
                    // JIT is off for every connection (application.properties): this plan once compiled for a second.
                    REPEATABLE_READ_ONLY.on(c).update();
                    // The first fetch of a whole export waits while PostgreSQL orders every event (about 20 s at
                    // 100,000 people): a limit of its own, for this transaction only; each later fetch is quick.
                    EXPORT_TIME_LIMIT.on(c).bind("timeout", exportStatementTimeout).execute();
                } catch (Sql.Failure e) {
                    throw failed("Reading the timeline failed", e);
                }
                work.run(new JdbcEvents(c, filter));
            } finally {
                c.rollback(); // nothing was written; this ends the snapshot and closes the cursor
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // The response has begun by now: the container can only abort it, which tells the client it is cut short.
            throw new IOException("Reading the timeline failed: " + e.getMessage(), e);
        }
    }

    /** A statement's failure, as the JDBC exception it wraps, as an IOException: the response can only be cut short. */
    private static IOException failed(String what, Sql.Failure e) {
        return new IOException(what + ": " + e.getCause().getMessage(), e.getCause());
    }

    private static final class JdbcEvents implements Events {
        private final Connection connection;
        private final TimelineFilter filter;

        JdbcEvents(Connection connection, TimelineFilter filter) {
            this.connection = connection;
            this.filter = filter;
        }

        @Override
        public long countOutside(Scope scope) throws IOException {
            Union union = union(filter);
            if (union == null) {
                return 0;
            }
            Sql sql = Sql.ofShape("select count(*) as outside from (" + union.text() + ") e where " + dateCondition(filter)
                    + " and not (" + scope.condition + ")");
            try {
                return bound(sql, connection, filter, union).one(r -> r.number("outside"));
            } catch (Sql.Failure e) {
                throw failed("Counting timeline events failed", e);
            }
        }

        @Override
        public void forEach(Scope scope, EventSink sink) throws IOException {
            Union union = union(filter);
            if (union == null) {
                return; // the filters rule out every kind of event (e.g. organization with type=custody_start)
            }
            Sql sql = Sql.ofShape(events(union, filter, scope));
            try {
                // Read through a cursor, FETCH_SIZE rows a round trip; each row goes to the sink as it is read.
                bound(sql, connection, filter, union).fetchSize(FETCH_SIZE).forEach(r -> {
                    try {
                        sink.accept(event(r));
                    } catch (IOException e) {
                        throw new SinkFailed(e);
                    }
                });
            } catch (SinkFailed e) {
                throw e.getCause(); // the sink's, as it threw it
            } catch (Sql.Failure e) {
                throw failed("Reading timeline events failed", e);
            }
        }
    }

    /** The sink's IOException, carried out of the row mapper (which may throw only SQLException). */
    /** The events of {@code union} the filter's dates and the scope keep, with their citations, in timeline order. */
    private static String events(Union union, TimelineFilter filter, Scope scope) {
        return EVENTS + union.text() + EVENTS_CITED + dateCondition(filter) + " and " + scope.condition + TIMELINE_ORDER;
    }

    /** Every event, nothing filtered: what a whole export reads (bench/pgbench/timeline.sql sends it). */
    static final String EVERY_EVENT = events(union(TimelineFilter.NONE), TimelineFilter.NONE, Scope.ALL);

    private static final class SinkFailed extends RuntimeException {
        SinkFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * {@code sql} on {@code c} with the filter's values bound: every branch of the union filters by the person,
     * organisation, incident and source when the filter gives them (a kind that could not is left out of it), the
     * date condition by the days given, and the types where {@link Union#typed}.
     */
    private static Sql.Statement bound(Sql sql, Connection c, TimelineFilter f, Union union) {
        Sql.Statement s = sql.on(c);
        if (union.typed()) {
            s.bind("types", f.types().toArray(String[]::new));
        }
        if (f.person() != null) {
            s.bind("person", f.person());
        }
        if (f.organization() != null) {
            s.bind("organization", f.organization());
        }
        if (f.incident() != null) {
            s.bind("incident", f.incident());
        }
        if (f.source() != null) {
            s.bind("source", f.source());
        }
        if (f.from() != null) {
            s.bind("from", f.from());
        }
        if (f.to() != null) {
            s.bind("to", f.to());
        }
        return s;
    }

    private static TimelineEvent event(Row r) throws SQLException {
        String edtf = r.text("edtf");
        List<String> sources = r.texts("sources");
        List<String> quotes = r.texts("quotes");
        List<Integer> starts = r.integers("starts");
        List<Integer> ends = r.integers("ends");
        List<TimelineEvent.Cite> cites = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            cites.add(new TimelineEvent.Cite(sources.get(i), quotes.get(i), starts.get(i), ends.get(i)));
        }
        return new TimelineEvent(r.text("id"), r.text("type"), r.text("title"), edtf,
                r.day("earliest"), r.day("latest"), precision(edtf),
                List.copyOf(r.texts("people")), List.copyOf(r.texts("organizations")),
                r.text("own_source"), r.numbers("fact_ids"), cites);
    }

    /** The precision of the date as stated; unknown when there is none (or, defensively, when it does not parse). */
    static EdtfDate.Precision precision(String edtf) {
        if (edtf == null || edtf.isBlank()) {
            return EdtfDate.Precision.unknown;
        }
        try {
            return Edtf.parse(edtf).precision();
        } catch (EdtfException e) {
            return EdtfDate.Precision.unknown;
        }
    }

    /**
     * [earliest, latest] overlaps [:from, :to]; an undated event overlaps nothing, an open end everything on its side.
     */
    private static String dateCondition(TimelineFilter f) {
        if (!f.datesRestricted()) {
            return "true";
        }
        String sql = "(e.earliest is not null or e.latest is not null)";
        if (f.to() != null) {
            sql += " and (e.earliest is null or e.earliest <= :to)";
        }
        if (f.from() != null) {
            sql += " and (e.latest is null or e.latest >= :from)";
        }
        return sql;
    }

    /** The union's text, and whether it filters by the types (:types). */
    record Union(String text, boolean typed) {
    }

    /**
     * The UNION ALL of the event kinds the filter can match, each branch with the same columns:
     * id, type, title, edtf, earliest, latest, fact_ids (the facts the event rests on, whose citations to
     * aggregate; ascending), own_source, people, organizations. Null when no kind can match. Deprecated facts
     * (editorially rejected claims) are left out.
     */
    static Union union(TimelineFilter f) {
        List<String> branches = new ArrayList<>();
        boolean typed = false;
        if (f.wantsAnyOf(TimelineFilter.INCIDENT_TYPES)) {
            branches.add(incidents(f));
            typed |= !f.types().isEmpty();
        }
        // Custody periods, charges and figures name no organisation; only incidents and charges name an incident.
        if (f.organization() == null && f.incident() == null) {
            if (f.wantsAnyOf(List.of(TimelineFilter.CUSTODY_START))) {
                branches.add(custody(f, true));
            }
            if (f.wantsAnyOf(List.of(TimelineFilter.CUSTODY_END))) {
                branches.add(custody(f, false));
            }
        }
        if (f.organization() == null && f.wantsAnyOf(TimelineFilter.CHARGE_TYPES)) {
            branches.add(charges(f));
            typed |= !f.types().isEmpty();
        }
        if (f.person() == null && f.organization() == null && f.incident() == null
                && f.wantsAnyOf(List.of(TimelineFilter.FIGURE))) {
            branches.add(figures(f));
        }
        if (f.incident() == null && f.wantsAnyOf(List.of(TimelineFilter.SOURCE))) {
            branches.add(sources(f));
        }
        if (branches.isEmpty()) {
            return null;
        }
        return new Union(String.join("\nunion all\n", branches), typed);
    }

    private static String incidents(TimelineFilter f) {
        String sql = """
                select 'incident:' || i.id as id, i.incident_type as type, i.title as title, i.date_edtf as edtf,
                       i.date_lower as earliest, i.date_upper as latest, array[i.fact_id] as fact_ids, null::text as own_source,
                       array(select distinct v.person_id from involvement v join fact vf on vf.id = v.fact_id
                             where v.incident_id = i.id and v.person_id is not null and vf.rank <> 'deprecated'
                             order by 1) as people,
                       array(select distinct v.organization_id from involvement v join fact vf on vf.id = v.fact_id
                             where v.incident_id = i.id and v.organization_id is not null and vf.rank <> 'deprecated'
                             order by 1) as organizations
                from incident i join fact f on f.id = i.fact_id
                where f.rank <> 'deprecated'""";
        if (!f.types().isEmpty()) {
            sql += " and i.incident_type = any(:types)";
        }
        if (f.person() != null) {
            sql += " and exists (select 1 from involvement v join fact vf on vf.id = v.fact_id"
                    + " where v.incident_id = i.id and vf.rank <> 'deprecated' and v.person_id = :person)";
        }
        if (f.organization() != null) {
            sql += " and exists (select 1 from involvement v join fact vf on vf.id = v.fact_id"
                    + " where v.incident_id = i.id and vf.rank <> 'deprecated' and v.organization_id = :organization)";
        }
        if (f.incident() != null) {
            sql += " and i.id = :incident";
        }
        return citedBy(sql, f, "i.fact_id");
    }

    /**
     * A custody period gives an event at its start and one at its end, each only where the source states it.
     * Claims of one person, state and stated date (several letters, or copies of one, stating the same arrest)
     * are one change: one event with the citations of every claim, named by the lowest fact id among them.
     */
    private static String custody(TimelineFilter f, boolean start) {
        String end = start ? "start" : "end";
        String sql = "select 'custody-" + end + ":' || min(c.fact_id) as id, '" + (start ? TimelineFilter.CUSTODY_START
                        : TimelineFilter.CUSTODY_END) + "' as type,\n"
                // Claims that name different places are all shown; the timeline does not choose between sources.
                + "       p.name || ': ' || replace(c.state, '_', ' ')"
                + " || coalesce(' at ' || string_agg(distinct c.place, ' or ' order by c.place), '') || ' (period "
                + (start ? "starts" : "ends") + ")' as title,\n"
                + "       c." + end + "_edtf as edtf, c." + end + "_lower as earliest, c." + end + "_upper as latest,"
                + " array_agg(c.fact_id order by c.fact_id) as fact_ids, null::text as own_source, array[p.id] as people,"
                + " '{}'::text[] as organizations\n"
                + "from custody_period c join fact f on f.id = c.fact_id join person p on p.id = c.person_id\n"
                + "where f.rank <> 'deprecated' and c." + end + "_edtf is not null";
        if (f.person() != null) {
            sql += " and c.person_id = :person";
        }
        // The day bounds follow from the stated date, so grouping by them splits nothing; it lets the outer date
        // filter, which reads them, reach the rows (and custody_period_*_idx) before they are grouped.
        sql += "\ngroup by p.id, c.state, c." + end + "_edtf, c." + end + "_lower, c." + end + "_upper";
        if (f.source() != null) {
            // One claim citing the source brings the whole change, with every claim's citations, as for an incident.
            sql += "\nhaving bool_or(exists (select 1 from citation cc where cc.fact_id = c.fact_id and cc.source_id = :source))";
        }
        return sql;
    }

    private static String charges(TimelineFilter f) {
        String sql = """
                select 'charge:' || ch.fact_id as id, 'charge_' || ch.stage as type,
                       coalesce(p.name || ': ', '') || ch.charge || ' (' || replace(ch.stage, '_', ' ')
                         || coalesce(', ' || ch.sentence, '') || ')' as title,
                       ch.date_edtf as edtf, ch.date_lower as earliest, ch.date_upper as latest, array[ch.fact_id] as fact_ids,
                       null::text as own_source,
                       case when ch.person_id is null then '{}'::text[] else array[ch.person_id] end as people,
                       '{}'::text[] as organizations
                from charge ch join fact f on f.id = ch.fact_id left join person p on p.id = ch.person_id
                where f.rank <> 'deprecated' and ch.date_edtf is not null""";
        if (!f.types().isEmpty()) {
            sql += " and 'charge_' || ch.stage = any(:types)";
        }
        if (f.person() != null) {
            sql += " and ch.person_id = :person";
        }
        if (f.incident() != null) {
            sql += " and ch.incident_id = :incident";
        }
        return citedBy(sql, f, "ch.fact_id");
    }

    private static String figures(TimelineFilter f) {
        String sql = """
                select 'figure:' || g.fact_id as id, 'reported_figure' as type,
                       case g.qualifier when 'at_least' then 'at least ' when 'more_than' then 'more than '
                         when 'about' then 'about ' when 'at_most' then 'at most ' else '' end || g.value || ' ' || g.counted
                         as title,
                       g.as_of_edtf as edtf, g.as_of_lower as earliest, g.as_of_upper as latest, array[g.fact_id] as fact_ids,
                       null::text as own_source, '{}'::text[] as people, '{}'::text[] as organizations
                from figure g join fact f on f.id = g.fact_id
                where f.rank <> 'deprecated'""";
        return citedBy(sql, f, "g.fact_id");
    }

    /** A source's publication; its people and organisations are its signatories. */
    private static String sources(TimelineFilter f) {
        String sql = """
                select 'source:' || s.id as id, 'source_published' as type, s.title as title, s.date_edtf as edtf,
                       s.date_lower as earliest, s.date_upper as latest, '{}'::bigint[] as fact_ids, s.id as own_source,
                       array(select distinct g.person_id from source_signatory g
                             where g.source_id = s.id and g.person_id is not null order by 1) as people,
                       array(select distinct g.organization_id from source_signatory g
                             where g.source_id = s.id and g.organization_id is not null order by 1) as organizations
                from source s
                where true""";
        if (f.person() != null) {
            sql += " and exists (select 1 from source_signatory g where g.source_id = s.id and g.person_id = :person)";
        }
        if (f.organization() != null) {
            sql += " and exists (select 1 from source_signatory g where g.source_id = s.id and g.organization_id = :organization)";
        }
        if (f.source() != null) {
            sql += " and s.id = :source";
        }
        return sql;
    }

    private static String citedBy(String sql, TimelineFilter f, String factId) {
        if (f.source() != null) {
            return sql + " and exists (select 1 from citation cc where cc.fact_id = " + factId + " and cc.source_id = :source)";
        }
        return sql;
    }
}
