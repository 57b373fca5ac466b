package org.casefile.count;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.casefile.custody.Basis;
import org.casefile.db.Sql;

/**
 * The figures of a definition's count ({@link CountService.Figures}), under both bases, for every day from the first
 * the kept judgement covers to a last day, in one pass over it in day order: each run of days is added on its first
 * day and dropped after its last, so the work is per run, not per person and day as a count statement for each day
 * would be. It computes what the statement computes from custody_judgement for a definition with no narrowing, the
 * first page and the breakdown by status; orderings by name and by source are taken from PostgreSQL (its collation),
 * never from Java's.
 */
final class CountSweep {

    /** What a sweep hands over for each day and basis. */
    interface Answer {
        /** Takes one day's figures under one basis; false stops the sweep (the data changed: its answers are moot). */
        boolean accept(LocalDate day, String basis, CountService.Figures figures);
    }

    /** One run of days with one judgement: [first, next) in epoch days (next Long.MAX_VALUE while it runs on). */
    private record Run(String person, long nameRank, long first, long next, String state, String certainty,
                       boolean confirmed, boolean disputed, long lastConfirmed, int[] sources) {
    }

    /** A run's lastConfirmed when no day of it is confirmed (only possibly covered before it was presumed). */
    private static final long NEVER = Long.MIN_VALUE;

    /**
     * Every run, in day order (first_day, next_day, last_confirmed in epoch days). Read through a cursor (its own JDBC
     * statement with a fetch size: Sql reads every row at once, and the runs are the whole judgement), by column name.
     */
    private static final Sql RUNS = Sql.of("""
            with name_order as (
              select person_id, row_number() over (order by name, person_id) as name_rank
              from (select distinct person_id, name from custody_judgement) p
            ), first_day as (
              -- Runs with no first day (their claim's start is undated) are swept from the first day any run begins
              -- or ends: the days before it are alike, and counted when asked.
              select coalesce(least(min(lower(days)), min(upper(days) - 1)), current_date) as day from custody_judgement
            )
            select j.person_id, n.name_rank, coalesce(lower(j.days), f.day) - date '1970-01-01' as first_day,
                   upper(j.days) - date '1970-01-01' as next_day,
                   j.state, j.certainty, cf_custody_in_basis(j.certainty, 'confirmed') as confirmed, j.disputed,
                   j.last_confirmed - date '1970-01-01' as last_confirmed, j.sources
            from custody_judgement j join name_order n on n.person_id = j.person_id cross join first_day f
            order by 3""");

    // In the order a count lists sources when they back as many people: date, then id.
    private static final Sql SOURCES = Sql.of("select id, title, date_edtf from source order by date_lower nulls last, id");

    /** A source as a count lists it; its place in {@link #SOURCES} is its rank. */
    private record Source(String id, String title, String date) {
    }

    /**
     * The breakdown by status as the count statement orders it (total descending, then the state): the state keys are
     * lower-case ASCII words joined by underscores (CustodyStates), which every collation orders as Java does.
     */
    static final Comparator<CountViews.Group> BREAKDOWN_ORDER =
            Comparator.comparingLong(CountViews.Group::total).reversed().thenComparing(CountViews.Group::key);

    private final Set<String> states;
    private final int sourcesListed;
    private final int pageSize;

    CountSweep(List<String> states, int sourcesListed, int pageSize) {
        this.states = Set.copyOf(states);
        this.sourcesListed = sourcesListed;
        this.pageSize = pageSize;
    }

    /** The people in the definition's states under one basis on the current day, with what a count reports of them. */
    private final class Tally {
        final TreeSet<Integer> backing;
        final int[] people;
        final TreeSet<Run> byName = new TreeSet<>(Comparator.comparingLong(Run::nameRank));
        final Map<String, long[]> byState = new HashMap<>();
        final TreeMap<Long, Integer> presumedConfirmations = new TreeMap<>();
        long definite;
        long possible;
        long presumed;
        long disputed;

        Tally(int sources) {
            people = new int[sources];
            // Sources backing anyone counted, most people first, then in SOURCES order: the listed ones are the first.
            backing = new TreeSet<>(Comparator.<Integer>comparingInt(i -> -people[i]).thenComparingInt(i -> i));
        }

        void add(Run run, int sign) {
            if (sign > 0) {
                byName.add(run);
            } else {
                byName.remove(run);
            }
            switch (run.certainty()) {
                case "definite" -> definite += sign;
                case "possible" -> possible += sign;
                default -> {
                    presumed += sign;
                    if (run.lastConfirmed() != NEVER) {
                        presumedConfirmations.merge(run.lastConfirmed(), sign, (a, b) -> a + b == 0 ? null : a + b);
                    }
                }
            }
            disputed += run.disputed() ? sign : 0;
            long[] g = byState.computeIfAbsent(run.state(), k -> new long[3]);
            g[0] += sign;
            g[1] += run.certainty().equals("definite") ? sign : 0;
            g[2] += run.certainty().equals("presumed") ? sign : 0;
            for (int source : run.sources()) {
                backing.remove(source);
                people[source] += sign;
                if (people[source] > 0) {
                    backing.add(source);
                }
            }
        }

        LocalDate oldestPresumed() {
            return presumedConfirmations.isEmpty() ? null : LocalDate.ofEpochDay(presumedConfirmations.firstKey());
        }
    }

    /**
     * Sweeps the judgement on {@code c}, which must be in a repeatable-read transaction that has found it current,
     * handing {@code each} the figures, under each basis, of every day up to {@code last} on which a source confirms
     * someone in the definition's states, and of {@code last}, in order, while {@code each} accepts them.
     */
    void sweep(Connection c, long claimants, LocalDate latest, LocalDate last, Answer each) throws SQLException {
        List<Source> sources = SOURCES.on(c).list(r -> new Source(r.text("id"), r.text("title"), r.text("date_edtf")));
        Map<String, Integer> sourceRank = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            sourceRank.put(sources.get(i).id(), i);
        }
        Tally confirmed = new Tally(sources.size());
        Tally lastKnown = new Tally(sources.size());
        PriorityQueue<Run> active = new PriorityQueue<>(Comparator.comparingLong(Run::next));
        long judgedConfirmed = 0;
        long end = last.toEpochDay();

        try (PreparedStatement s = c.prepareStatement(RUNS.text())) { // RUNS has no parameters: its text is JDBC's
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                Run pending = next(r, sourceRank);
                long day = pending == null ? 0 : pending.first();
                while ((pending != null || !active.isEmpty()) && day <= end) {
                    while (!active.isEmpty() && active.peek().next() <= day) {
                        Run gone = active.poll();
                        judgedConfirmed -= gone.confirmed() ? 1 : 0;
                        if (states.contains(gone.state())) {
                            lastKnown.add(gone, -1);
                            if (gone.confirmed()) {
                                confirmed.add(gone, -1);
                            }
                        }
                    }
                    while (pending != null && pending.first() == day) {
                        active.add(pending);
                        judgedConfirmed += pending.confirmed() ? 1 : 0;
                        if (states.contains(pending.state())) {
                            lastKnown.add(pending, 1);
                            if (pending.confirmed()) {
                                confirmed.add(pending, 1);
                            }
                        }
                        pending = next(r, sourceRank);
                    }
                    if (active.isEmpty()) {
                        // A gap no run covers: the next day anyone is judged.
                        if (pending == null) {
                            break;
                        }
                        day = pending.first();
                        continue;
                    }
                    // Days on which no one in the states is confirmed (only presumed statuses, or deaths, run on) are
                    // many and alike: those are counted when asked.
                    for (Tally t : !confirmed.byName.isEmpty() || day == end ? List.of(confirmed, lastKnown) : List.<Tally>of()) {
                        if (!each.accept(LocalDate.ofEpochDay(day), t == confirmed ? Basis.CONFIRMED : Basis.LAST_KNOWN,
                                figures(t, confirmed.byName.size(), lastKnown, claimants - judgedConfirmed, latest, sources))) {
                            return;
                        }
                    }
                    day++;
                }
            }
        }
    }

    private CountService.Figures figures(Tally t, long confirmedTotal, Tally lastKnown, long unconfirmed, LocalDate latest,
                                         List<Source> sources) {
        List<CountViews.SourceUse> listed = new ArrayList<>();
        for (int source : t.backing) {
            if (listed.size() == sourcesListed) {
                break;
            }
            Source s = sources.get(source);
            listed.add(new CountViews.SourceUse(s.id(), s.title(), s.date(), t.people[source]));
        }
        List<String> page = new ArrayList<>();
        for (Run run : t.byName) {
            if (page.size() == pageSize) {
                break;
            }
            page.add(run.person());
        }
        List<CountViews.Group> groups = t.byState.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> new CountViews.Group(e.getKey(), null, e.getValue()[0], e.getValue()[1],
                        e.getValue()[0] - e.getValue()[1] - e.getValue()[2], e.getValue()[2]))
                .sorted(BREAKDOWN_ORDER).toList();
        Map<String, List<CountViews.Group>> breakdown = new LinkedHashMap<>();
        breakdown.put("status", groups);
        return new CountService.Figures(t.byName.size(), t.definite, t.possible, t.presumed, t.disputed, confirmedTotal,
                lastKnown.byName.size(), unconfirmed, latest, lastKnown.oldestPresumed(), t.backing.size(), listed, page, breakdown);
    }

    private static Run next(ResultSet r, Map<String, Integer> sourceRank) throws SQLException {
        if (!r.next()) {
            return null;
        }
        Array array = r.getArray("sources");
        String[] ids = (String[]) array.getArray();
        int[] sources = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            sources[i] = sourceRank.get(ids[i]);
        }
        long next = r.getLong("next_day");
        boolean runsOn = r.wasNull();
        long lastConfirmed = r.getLong("last_confirmed");
        boolean neverConfirmed = r.wasNull();
        return new Run(r.getString("person_id"), r.getLong("name_rank"), r.getLong("first_day"), runsOn ? Long.MAX_VALUE : next,
                r.getString("state"), r.getString("certainty"), r.getBoolean("confirmed"), r.getBoolean("disputed"),
                neverConfirmed ? NEVER : lastConfirmed, sources);
    }
}
