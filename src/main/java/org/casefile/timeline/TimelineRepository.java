package org.casefile.timeline;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casefile.db.SqlValues;
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

    private static final Map<String, String> ENTITY_TABLES = Map.of(
            "person", "person", "organization", "organization", "incident", "incident", "source", "source");

    private final AgroalDataSource dataSource;
    private final String exportStatementTimeout;

    public TimelineRepository(AgroalDataSource dataSource,
                              @ConfigProperty(name = "casefile.limits.export-statement-timeout") String exportStatementTimeout) {
        this.dataSource = dataSource;
        this.exportStatementTimeout = exportStatementTimeout;
    }

    /** Whether an entity of the given kind (person, organization, incident, source) has this id. */
    public boolean exists(String kind, String id) {
        String table = ENTITY_TABLES.get(kind);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select exists (select 1 from " + table + " where id = ?)")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Looking up " + kind + " '" + id + "' failed: " + e.getMessage(), e);
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
                try (Statement s = c.createStatement()) {
                    // JIT is off for every connection (application.properties): this plan once compiled for a second.
                    s.execute("set transaction isolation level repeatable read, read only");
                    // The first fetch of a whole export waits while PostgreSQL orders every event (about 20 s at
                    // 100,000 people): a limit of its own, for this transaction only; each later fetch is quick.
                    try (PreparedStatement limit = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                        limit.setString(1, exportStatementTimeout);
                        limit.execute();
                    }
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

    private static final class JdbcEvents implements Events {
        private final Connection connection;
        private final TimelineFilter filter;

        JdbcEvents(Connection connection, TimelineFilter filter) {
            this.connection = connection;
            this.filter = filter;
        }

        @Override
        public long countOutside(Scope scope) throws IOException {
            Sql union = union(filter);
            if (union == null) {
                return 0;
            }
            Sql sql = new Sql().append("select count(*) from (").append(union).append(") e where ");
            dateCondition(sql, filter);
            sql.append(" and not (").append(scope.condition).append(")");
            try (PreparedStatement s = sql.prepare(connection); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            } catch (SQLException e) {
                throw new IOException("Counting timeline events failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void forEach(Scope scope, EventSink sink) throws IOException {
            Sql union = union(filter);
            if (union == null) {
                return; // the filters rule out every kind of event (e.g. organization with type=custody_start)
            }
            Sql sql = new Sql().append("""
                    select e.id, e.type, e.title, e.edtf, e.earliest, e.latest, e.people, e.organizations, e.own_source,
                           e.fact_ids, c.sources, c.quotes, c.starts, c.ends
                    from (""").append(union).append("""
                    ) e
                    left join lateral (
                      select array_agg(c.source_id order by c.fact_id, c.id) as sources,
                             array_agg(c.quote order by c.fact_id, c.id) as quotes,
                             array_agg(c.start_offset order by c.fact_id, c.id) as starts,
                             array_agg(c.end_offset order by c.fact_id, c.id) as ends
                      from citation c where c.fact_id = any(e.fact_ids)) c on true
                    where\s""");
            dateCondition(sql, filter);
            sql.append(" and ").append(scope.condition);
            sql.append("\norder by e.earliest nulls last, e.latest nulls last, e.id collate \"C\"");
            try (PreparedStatement s = sql.prepare(connection)) {
                s.setFetchSize(FETCH_SIZE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sink.accept(event(r));
                    }
                }
            } catch (SQLException e) {
                throw new IOException("Reading timeline events failed: " + e.getMessage(), e);
            }
        }
    }

    private static TimelineEvent event(ResultSet r) throws SQLException {
        String edtf = r.getString("edtf");
        String[] sources = strings(r.getArray("sources"));
        String[] quotes = strings(r.getArray("quotes"));
        Integer[] starts = integers(r.getArray("starts"));
        Integer[] ends = integers(r.getArray("ends"));
        List<TimelineEvent.Cite> cites = new ArrayList<>(sources.length);
        for (int i = 0; i < sources.length; i++) {
            cites.add(new TimelineEvent.Cite(sources[i], quotes[i], starts[i], ends[i]));
        }
        return new TimelineEvent(r.getString("id"), r.getString("type"), r.getString("title"), edtf,
                r.getObject("earliest", LocalDate.class), r.getObject("latest", LocalDate.class), precision(edtf),
                List.of(strings(r.getArray("people"))), List.of(strings(r.getArray("organizations"))),
                r.getString("own_source"), SqlValues.longs(r.getArray("fact_ids")), cites);
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

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    private static Integer[] integers(Array a) throws SQLException {
        return a == null ? new Integer[0] : (Integer[]) a.getArray();
    }

    /** [earliest, latest] overlaps [from, to]; an undated event overlaps nothing, an open end everything on its side. */
    private static void dateCondition(Sql sql, TimelineFilter f) {
        if (!f.datesRestricted()) {
            sql.append("true");
            return;
        }
        sql.append("(e.earliest is not null or e.latest is not null)");
        if (f.to() != null) {
            sql.append(" and (e.earliest is null or e.earliest <= ").param(f.to()).append(")");
        }
        if (f.from() != null) {
            sql.append(" and (e.latest is null or e.latest >= ").param(f.from()).append(")");
        }
    }

    /**
     * The UNION ALL of the event kinds the filter can match, each branch with the same columns:
     * id, type, title, edtf, earliest, latest, fact_ids (the facts the event rests on, whose citations to
     * aggregate; ascending), own_source, people, organizations. Null when no kind can match. Deprecated facts
     * (editorially rejected claims) are left out.
     */
    static Sql union(TimelineFilter f) {
        List<Sql> branches = new ArrayList<>();
        if (f.wantsAnyOf(TimelineFilter.INCIDENT_TYPES)) {
            branches.add(incidents(f));
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
        Sql union = new Sql();
        for (int i = 0; i < branches.size(); i++) {
            union.append(i == 0 ? "" : "\nunion all\n").append(branches.get(i));
        }
        return union;
    }

    private static Sql incidents(TimelineFilter f) {
        Sql sql = new Sql().append("""
                select 'incident:' || i.id as id, i.incident_type as type, i.title as title, i.date_edtf as edtf,
                       i.date_lower as earliest, i.date_upper as latest, array[i.fact_id] as fact_ids, null::text as own_source,
                       array(select distinct v.person_id from involvement v join fact vf on vf.id = v.fact_id
                             where v.incident_id = i.id and v.person_id is not null and vf.rank <> 'deprecated'
                             order by 1) as people,
                       array(select distinct v.organization_id from involvement v join fact vf on vf.id = v.fact_id
                             where v.incident_id = i.id and v.organization_id is not null and vf.rank <> 'deprecated'
                             order by 1) as organizations
                from incident i join fact f on f.id = i.fact_id
                where f.rank <> 'deprecated'""");
        if (!f.types().isEmpty()) {
            sql.append(" and i.incident_type = any(").param(f.types().toArray(String[]::new)).append(")");
        }
        if (f.person() != null) {
            sql.append(" and exists (select 1 from involvement v join fact vf on vf.id = v.fact_id"
                    + " where v.incident_id = i.id and vf.rank <> 'deprecated' and v.person_id = ").param(f.person()).append(")");
        }
        if (f.organization() != null) {
            sql.append(" and exists (select 1 from involvement v join fact vf on vf.id = v.fact_id"
                    + " where v.incident_id = i.id and vf.rank <> 'deprecated' and v.organization_id = ").param(f.organization()).append(")");
        }
        if (f.incident() != null) {
            sql.append(" and i.id = ").param(f.incident());
        }
        return citedBy(sql, f, "i.fact_id");
    }

    /**
     * A custody period gives an event at its start and one at its end, each only where the source states it.
     * Claims of one person, state and stated date (several letters, or copies of one, stating the same arrest)
     * are one change: one event with the citations of every claim, named by the lowest fact id among them.
     */
    private static Sql custody(TimelineFilter f, boolean start) {
        String end = start ? "start" : "end";
        Sql sql = new Sql().append("select 'custody-" + end + ":' || min(c.fact_id) as id, '" + (start ? TimelineFilter.CUSTODY_START
                        : TimelineFilter.CUSTODY_END) + "' as type,\n"
                // Claims that name different places are all shown; the timeline does not choose between sources.
                + "       p.name || ': ' || replace(c.state, '_', ' ')"
                + " || coalesce(' at ' || string_agg(distinct c.place, ' or ' order by c.place), '') || ' (period "
                + (start ? "starts" : "ends") + ")' as title,\n"
                + "       c." + end + "_edtf as edtf, c." + end + "_lower as earliest, c." + end + "_upper as latest,"
                + " array_agg(c.fact_id order by c.fact_id) as fact_ids, null::text as own_source, array[p.id] as people,"
                + " '{}'::text[] as organizations\n"
                + "from custody_period c join fact f on f.id = c.fact_id join person p on p.id = c.person_id\n"
                + "where f.rank <> 'deprecated' and c." + end + "_edtf is not null");
        if (f.person() != null) {
            sql.append(" and c.person_id = ").param(f.person());
        }
        // The day bounds follow from the stated date, so grouping by them splits nothing; it lets the outer date
        // filter, which reads them, reach the rows (and custody_period_*_idx) before they are grouped.
        sql.append("\ngroup by p.id, c.state, c." + end + "_edtf, c." + end + "_lower, c." + end + "_upper");
        if (f.source() != null) {
            // One claim citing the source brings the whole change, with every claim's citations, as for an incident.
            sql.append("\nhaving bool_or(exists (select 1 from citation cc where cc.fact_id = c.fact_id and cc.source_id = ")
                    .param(f.source()).append("))");
        }
        return sql;
    }

    private static Sql charges(TimelineFilter f) {
        Sql sql = new Sql().append("""
                select 'charge:' || ch.fact_id as id, 'charge_' || ch.stage as type,
                       coalesce(p.name || ': ', '') || ch.charge || ' (' || replace(ch.stage, '_', ' ')
                         || coalesce(', ' || ch.sentence, '') || ')' as title,
                       ch.date_edtf as edtf, ch.date_lower as earliest, ch.date_upper as latest, array[ch.fact_id] as fact_ids,
                       null::text as own_source,
                       case when ch.person_id is null then '{}'::text[] else array[ch.person_id] end as people,
                       '{}'::text[] as organizations
                from charge ch join fact f on f.id = ch.fact_id left join person p on p.id = ch.person_id
                where f.rank <> 'deprecated' and ch.date_edtf is not null""");
        if (!f.types().isEmpty()) {
            sql.append(" and 'charge_' || ch.stage = any(").param(f.types().toArray(String[]::new)).append(")");
        }
        if (f.person() != null) {
            sql.append(" and ch.person_id = ").param(f.person());
        }
        if (f.incident() != null) {
            sql.append(" and ch.incident_id = ").param(f.incident());
        }
        return citedBy(sql, f, "ch.fact_id");
    }

    private static Sql figures(TimelineFilter f) {
        Sql sql = new Sql().append("""
                select 'figure:' || g.fact_id as id, 'reported_figure' as type,
                       case g.qualifier when 'at_least' then 'at least ' when 'more_than' then 'more than '
                         when 'about' then 'about ' when 'at_most' then 'at most ' else '' end || g.value || ' ' || g.counted
                         as title,
                       g.as_of_edtf as edtf, g.as_of_lower as earliest, g.as_of_upper as latest, array[g.fact_id] as fact_ids,
                       null::text as own_source, '{}'::text[] as people, '{}'::text[] as organizations
                from figure g join fact f on f.id = g.fact_id
                where f.rank <> 'deprecated'""");
        return citedBy(sql, f, "g.fact_id");
    }

    /** A source's publication; its people and organisations are its signatories. */
    private static Sql sources(TimelineFilter f) {
        Sql sql = new Sql().append("""
                select 'source:' || s.id as id, 'source_published' as type, s.title as title, s.date_edtf as edtf,
                       s.date_lower as earliest, s.date_upper as latest, '{}'::bigint[] as fact_ids, s.id as own_source,
                       array(select distinct g.person_id from source_signatory g
                             where g.source_id = s.id and g.person_id is not null order by 1) as people,
                       array(select distinct g.organization_id from source_signatory g
                             where g.source_id = s.id and g.organization_id is not null order by 1) as organizations
                from source s
                where true""");
        if (f.person() != null) {
            sql.append(" and exists (select 1 from source_signatory g where g.source_id = s.id and g.person_id = ")
                    .param(f.person()).append(")");
        }
        if (f.organization() != null) {
            sql.append(" and exists (select 1 from source_signatory g where g.source_id = s.id and g.organization_id = ")
                    .param(f.organization()).append(")");
        }
        if (f.source() != null) {
            sql.append(" and s.id = ").param(f.source());
        }
        return sql;
    }

    private static Sql citedBy(Sql sql, TimelineFilter f, String factId) {
        if (f.source() != null) {
            sql.append(" and exists (select 1 from citation cc where cc.fact_id = " + factId + " and cc.source_id = ")
                    .param(f.source()).append(")");
        }
        return sql;
    }

    /** SQL text with its positional parameters, appended in the order they appear. */
    static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Sql append(String s) {
            text.append(s);
            return this;
        }

        Sql append(Sql other) {
            text.append(other.text);
            params.addAll(other.params);
            return this;
        }

        Sql param(Object value) {
            text.append('?');
            params.add(value);
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement s = c.prepareStatement(text.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            try {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    if (p instanceof String[] array) {
                        s.setArray(i + 1, c.createArrayOf("text", array));
                    } else {
                        s.setObject(i + 1, p);
                    }
                }
                return s;
            } catch (SQLException e) {
                s.close();
                throw e;
            }
        }
    }
}
