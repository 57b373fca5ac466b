package org.casefile.count;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The figures of a definition's count ({@link CountService.Figures}) for every day the kept judgement covers, in one
 * pass over it in day order: each run of days is added on its first day and dropped after its last, so the work is
 * per run, not per person and day as a count statement for each day would be. It computes what the statement
 * computes from custody_judgement for a definition with no narrowing, the first page and the breakdown by status;
 * orderings by name and by source are taken from PostgreSQL (its collation), never from Java's.
 */
final class CountSweep {

    /** One run of days with one judgement: [first, next) in epoch days. */
    private record Run(String person, long nameRank, long first, long next, String state, boolean definite,
                       boolean disputed, int[] sources) {
    }

    private static final String RUNS = """
            with name_order as (
              select person_id, row_number() over (order by name, person_id) as name_rank
              from (select distinct person_id, name from custody_judgement) p
            )
            select j.person_id, n.name_rank, lower(j.days) - date '1970-01-01', upper(j.days) - date '1970-01-01',
                   j.state, j.definite, j.disputed, j.sources
            from custody_judgement j join name_order n on n.person_id = j.person_id
            order by lower(j.days)""";

    // In the order a count lists sources when they back as many people: date, then id.
    private static final String SOURCES = "select id, title, date_edtf from source order by date_lower nulls last, id";

    private final Set<String> states;
    private final int sourcesListed;
    private final int pageSize;

    CountSweep(List<String> states, int sourcesListed, int pageSize) {
        this.states = Set.copyOf(states);
        this.sourcesListed = sourcesListed;
        this.pageSize = pageSize;
    }

    /**
     * Sweeps the judgement on {@code c}, which must be in a repeatable-read transaction that has found it current,
     * handing {@code each} the figures of every day it covers, in order, while {@code each} accepts them.
     */
    void sweep(Connection c, long claimants, LocalDate latest, BiConsumer<LocalDate, CountService.Figures> each)
            throws SQLException {
        List<String> sourceId = new ArrayList<>();
        List<String> sourceTitle = new ArrayList<>();
        List<String> sourceDate = new ArrayList<>();
        Map<String, Integer> sourceRank = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SOURCES)) {
            while (r.next()) {
                sourceRank.put(r.getString(1), sourceId.size());
                sourceId.add(r.getString(1));
                sourceTitle.add(r.getString(2));
                sourceDate.add(r.getString(3));
            }
        }
        int[] people = new int[sourceId.size()];
        // Sources backing anyone counted, most people first, then in SOURCES order: the listed ones are the first.
        TreeSet<Integer> backing = new TreeSet<>(Comparator.<Integer>comparingInt(i -> -people[i]).thenComparingInt(i -> i));
        TreeSet<Run> countedByName = new TreeSet<>(Comparator.comparingLong(Run::nameRank));
        PriorityQueue<Run> active = new PriorityQueue<>(Comparator.comparingLong(Run::next));
        Map<String, long[]> byState = new HashMap<>();
        long judged = 0;
        long definite = 0;
        long disputed = 0;

        try (PreparedStatement s = c.prepareStatement(RUNS)) {
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                Run pending = next(r, sourceRank);
                long day = pending == null ? 0 : pending.first();
                while (pending != null || !active.isEmpty()) {
                    while (!active.isEmpty() && active.peek().next() <= day) {
                        Run gone = active.poll();
                        judged--;
                        if (states.contains(gone.state())) {
                            countedByName.remove(gone);
                            definite -= gone.definite() ? 1 : 0;
                            disputed -= gone.disputed() ? 1 : 0;
                            long[] g = byState.get(gone.state());
                            g[0]--;
                            g[1] -= gone.definite() ? 1 : 0;
                            for (int source : gone.sources()) {
                                backing.remove(source);
                                if (--people[source] > 0) {
                                    backing.add(source);
                                }
                            }
                        }
                    }
                    while (pending != null && pending.first() == day) {
                        active.add(pending);
                        judged++;
                        if (states.contains(pending.state())) {
                            countedByName.add(pending);
                            definite += pending.definite() ? 1 : 0;
                            disputed += pending.disputed() ? 1 : 0;
                            long[] g = byState.computeIfAbsent(pending.state(), k -> new long[2]);
                            g[0]++;
                            g[1] += pending.definite() ? 1 : 0;
                            for (int source : pending.sources()) {
                                backing.remove(source);
                                people[source]++;
                                backing.add(source);
                            }
                        }
                        pending = next(r, sourceRank);
                    }
                    if (active.isEmpty()) {
                        // A gap no claim covers: the next day anyone is judged.
                        if (pending == null) {
                            break;
                        }
                        day = pending.first();
                        continue;
                    }
                    List<CountViews.SourceUse> listed = new ArrayList<>();
                    for (int source : backing) {
                        if (listed.size() == sourcesListed) {
                            break;
                        }
                        listed.add(new CountViews.SourceUse(sourceId.get(source), sourceTitle.get(source),
                                sourceDate.get(source), people[source]));
                    }
                    List<String> page = new ArrayList<>();
                    for (Run run : countedByName) {
                        if (page.size() == pageSize) {
                            break;
                        }
                        page.add(run.person());
                    }
                    List<CountViews.Group> groups = byState.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                            .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                                    .thenComparing(Map.Entry::getKey))
                            .map(e -> new CountViews.Group(e.getKey(), null, e.getValue()[0], e.getValue()[1],
                                    e.getValue()[0] - e.getValue()[1]))
                            .toList();
                    Map<String, List<CountViews.Group>> breakdown = new LinkedHashMap<>();
                    breakdown.put("status", groups);
                    each.accept(LocalDate.ofEpochDay(day), new CountService.Figures(countedByName.size(), definite, disputed,
                            claimants - judged, latest, backing.size(), listed, page, breakdown));
                    day++;
                }
            }
        }
    }

    private static Run next(ResultSet r, Map<String, Integer> sourceRank) throws SQLException {
        if (!r.next()) {
            return null;
        }
        Array array = r.getArray(8);
        String[] ids = (String[]) array.getArray();
        int[] sources = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            sources[i] = sourceRank.get(ids[i]);
        }
        return new Run(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5), r.getBoolean(6),
                r.getBoolean(7), sources);
    }
}
