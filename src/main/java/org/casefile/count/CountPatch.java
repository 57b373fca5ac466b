package org.casefile.count;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casefile.http.Page;

/**
 * Brings a kept count answer up to date from the runs that changes since its snapshot removed and added on its day
 * (cf_count_run_changes, V22), instead of counting everyone again: a change of a few people changes the figures by
 * a few, and the claimants they gained (V25) move how many no source confirms. Every figure is adjusted exactly or
 * the patch gives up (empty) and the answer is counted again: when a change was not to runs and claimants alone
 * (cf_count_patchable), when a listed source backs fewer people while others are not listed, or when the oldest
 * presumption may have gone. When a person on the first page changed, or one joins or leaves it, the page alone is
 * read again (in name order, V28). Which runs count, under which basis,
 * and the orders by name and by source are PostgreSQL's (cf_custody_in_basis, its collation), as in the count
 * statement; the breakdown is ordered as the sweep orders it.
 */
final class CountPatch {

    /**
     * Whether the kept answer can be patched, the snapshot the patch reads, its time, the claimants gained since the
     * kept snapshot (V25) and the last day any source confirms now.
     */
    private static final String START = """
            select cf_count_patchable(cast(? as date), cast(? as pg_snapshot)), cast(pg_current_snapshot() as text), now(),
                   cf_count_claimants_gained(cast(? as pg_snapshot)), (select max(latest_definite) from custody_claimant)""";

    /**
     * The changed runs on the day, what the question makes of each, and whether each sorts before the page's last
     * (l: its name and id, null when the page is empty).
     */
    private static final String CHANGES = """
            select r.person_id, r.sign, r.state, r.certainty, r.disputed, r.last_confirmed, r.sources,
                   r.state = any(cast(? as text[])), cf_custody_in_basis(r.certainty, cast(? as text)),
                   cf_custody_in_basis(r.certainty, 'confirmed'),
                   l.name is null or (r.name, r.person_id) < (l.name, l.id)
            from cf_count_run_changes(cast(? as date), cast(? as pg_snapshot)) r
            cross join (select cast(? as text), cast(? as text)) l(name, id)""";

    /**
     * The sources listed, with the people each backs now: the listed ones as patched, the changed ones counted anew;
     * in the order a count lists them.
     */
    private static final String SOURCES = """
            with listed(id, people) as (
              select * from unnest(cast(? as text[]), cast(? as bigint[]))
            ), asked(id) as (
              select unnest(cast(? as text[]))
            ), counted(id, people) as (
              -- The changed sources' runs first, by their index (offset 0 keeps the day's index, which finds tens of
              -- thousands of runs, out of it), then those of the day.
              select s.id, count(distinct j.person_id)
              from (select person_id, days, state, certainty, sources from custody_judgement
                    where sources && (select array_agg(id) from asked) offset 0) j
              join lateral unnest(j.sources) s(id) on s.id in (select id from asked)
              where j.days @> cast(? as date)
                and j.state = any(cast(? as text[])) and cf_custody_in_basis(j.certainty, cast(? as text))
              group by s.id
            ), changed(id, people) as (
              select a.id, coalesce(c.people, 0) from asked a left join counted c on c.id = a.id
            ), merged as (
              select id, people, false as changed from listed where id not in (select id from changed)
              union all select id, people, true from changed
            )
            select m.id, s.title, s.date_edtf, m.people, m.changed
            from merged m join source s on s.id = m.id
            order by m.people desc, s.date_lower nulls last, s.id""";

    /**
     * The first page of people counted on the day, by name, in this snapshot: read again when a change alters it (from
     * custody_judgement_name_idx, V28), as the count statement orders it.
     */
    private static final String FIRST_PAGE = """
            select person_id from custody_judgement
            where days @> cast(? as date) and state = any(cast(? as text[])) and cf_custody_in_basis(certainty, cast(? as text))
            order by name, person_id limit ?""";

    /**
     * A patched answer's figures, its first page's people when none of them changed (null: read them again, after the
     * patch's snapshot is closed, from the figures' page), and the snapshot it holds for.
     */
    record Patched(CountService.Figures figures, List<CountViews.CountedPerson> unchangedPage,
                   Page<CountViews.CountedPerson> keptPage, OffsetDateTime readAt, String seen) {

        CountViews.Count answer(CountService.Question q, CountService counts) {
            List<CountViews.CountedPerson> people = unchangedPage != null ? unchangedPage : counts.members(figures.page(), q);
            return CountService.answer(q, figures, new Page<>(people, figures.total(), keptPage.page(), keptPage.size()), readAt);
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CountPatch.class);

    private CountPatch() {
    }

    /** How many patches gave up since {@link #takeGivenUp} was last asked, by why. */
    private static final Map<String, java.util.concurrent.atomic.LongAdder> GIVEN_UP = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * No patch: the answer is counted again. Why, at DEBUG, and counted for the builder to log: how often each reason
     * stops a patch is what to improve.
     */
    private static Optional<Patched> givenUp(CountService.Question q, String why) {
        LOG.debugf("Kept count %s %s %s not brought up to date: %s.", q.definition().id(), q.basis(), q.asOf(), why);
        GIVEN_UP.computeIfAbsent(why, k -> new java.util.concurrent.atomic.LongAdder()).increment();
        return Optional.empty();
    }

    /** How many patches gave up since the last call, by why (those it answers are taken off). */
    static Map<String, Long> takeGivenUp() {
        Map<String, Long> out = new java.util.TreeMap<>();
        GIVEN_UP.forEach((why, n) -> {
            long taken = n.sumThenReset();
            if (taken > 0) {
                out.put(why, taken);
            }
        });
        return out;
    }

    private static List<String> firstPage(Connection c, CountService.Question q, int size) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(FIRST_PAGE)) {
            s.setObject(1, q.asOf());
            s.setArray(2, c.createArrayOf("text", q.definition().states().toArray()));
            s.setString(3, q.basis());
            s.setInt(4, size);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    /** {@code kept}, counted from snapshot {@code keptSeen}, as the changes since make it in this transaction's snapshot. */
    static Optional<Patched> patch(Connection c, CountService.Question q, CountViews.Count kept, String keptSeen) throws SQLException {
        String seen;
        OffsetDateTime readAt;
        long claimantsGained;
        LocalDate latestConfirmation;
        try (PreparedStatement s = c.prepareStatement(START)) {
            s.setObject(1, q.asOf());
            s.setString(2, keptSeen);
            s.setString(3, keptSeen);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    return givenUp(q, "a change since was not to runs and claimants alone");
                }
                seen = r.getString(2);
                readAt = r.getObject(3, OffsetDateTime.class);
                claimantsGained = r.getLong(4);
                latestConfirmation = r.getObject(5, LocalDate.class);
            }
        }
        List<CountViews.CountedPerson> page = kept.people().items();
        boolean pageFull = page.size() == kept.people().size();
        CountViews.CountedPerson last = page.isEmpty() ? null : page.get(page.size() - 1);
        Set<String> onPage = new HashSet<>();
        page.forEach(p -> onPage.add(p.id()));

        long total = kept.total(), definite = kept.definite(), possible = kept.possible(), presumed = kept.presumed();
        long disputed = kept.disputed(), confirmed = kept.totals().confirmed(), lastKnown = kept.totals().lastKnown();
        long unconfirmed = kept.unconfirmed() + claimantsGained; // those the changed runs confirm are taken off below
        LocalDate oldestPresumed = kept.oldestPresumption();
        Map<String, long[]> byState = new LinkedHashMap<>(); // state: total, definite, presumed
        for (CountViews.Group g : kept.breakdown().getOrDefault("status", List.of())) {
            byState.put(g.key(), new long[] {g.total(), g.definite(), g.presumed()});
        }
        Map<String, Long> sourceDelta = new HashMap<>();
        boolean pageChanged = false;
        Map<LocalDate, Integer> presumedNet = new HashMap<>(); // lastConfirmed of presumed runs in the states, net
        try (PreparedStatement s = c.prepareStatement(CHANGES)) {
            s.setArray(1, c.createArrayOf("text", q.definition().states().toArray()));
            s.setString(2, q.basis());
            s.setObject(3, q.asOf());
            s.setString(4, keptSeen);
            s.setString(5, last == null ? null : last.name());
            s.setString(6, last == null ? null : last.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String person = r.getString(1);
                    int sign = r.getInt(2);
                    String state = r.getString(3);
                    String certainty = r.getString(4);
                    boolean isDisputed = r.getBoolean(5);
                    LocalDate lastConfirmed = r.getObject(6, LocalDate.class);
                    boolean inStates = r.getBoolean(8);
                    boolean counted = inStates && r.getBoolean(9);
                    boolean isConfirmed = r.getBoolean(10);
                    boolean beforeLast = r.getBoolean(11);
                    if (isConfirmed) {
                        unconfirmed -= sign;
                    }
                    if (inStates) {
                        lastKnown += sign;
                        confirmed += isConfirmed ? sign : 0;
                        if ("presumed".equals(certainty) && lastConfirmed != null) {
                            presumedNet.merge(lastConfirmed, sign, Integer::sum);
                        }
                    }
                    if (!counted) {
                        continue;
                    }
                    if (onPage.contains(person) || (sign > 0 && (!pageFull || beforeLast))) {
                        pageChanged = true; // its people are read again below
                    }
                    total += sign;
                    definite += "definite".equals(certainty) ? sign : 0;
                    possible += "possible".equals(certainty) ? sign : 0;
                    presumed += "presumed".equals(certainty) ? sign : 0;
                    disputed += isDisputed ? sign : 0;
                    long[] group = byState.computeIfAbsent(state, k -> new long[3]);
                    group[0] += sign;
                    group[1] += "definite".equals(certainty) ? sign : 0;
                    group[2] += "presumed".equals(certainty) ? sign : 0;
                    for (String source : (String[]) r.getArray(7).getArray()) {
                        sourceDelta.merge(source, (long) sign, Long::sum);
                    }
                }
            }
        }
        LocalDate keptOldest = oldestPresumed;
        for (Map.Entry<LocalDate, Integer> e : presumedNet.entrySet()) {
            if (e.getValue() < 0 && (keptOldest == null || !e.getKey().isAfter(keptOldest))) {
                return givenUp(q, "the oldest presumption may be gone"); // the next is not known
            }
            if (e.getValue() > 0 && (oldestPresumed == null || e.getKey().isBefore(oldestPresumed))) {
                oldestPresumed = e.getKey();
            }
        }
        List<CountViews.Group> breakdown = new ArrayList<>();
        byState.forEach((state, g) -> {
            if (g[0] != 0) {
                breakdown.add(new CountViews.Group(state, null, g[0], g[1], g[0] - g[1] - g[2], g[2]));
            }
        });
        breakdown.sort(CountSweep.BREAKDOWN_ORDER);

        long sourceCount = kept.sourceCount();
        List<CountViews.SourceUse> sources = kept.sources();
        sourceDelta.values().removeIf(delta -> delta == 0); // a run split or joined again backs the same people
        if (!sourceDelta.isEmpty()) {
            boolean allListed = kept.sourceCount() == kept.sources().size();
            List<CountViews.SourceUse> merged = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SOURCES)) {
                s.setArray(1, c.createArrayOf("text", kept.sources().stream().map(CountViews.SourceUse::id).toArray()));
                s.setArray(2, c.createArrayOf("bigint", kept.sources().stream().map(CountViews.SourceUse::people).toArray()));
                s.setArray(3, c.createArrayOf("text", sourceDelta.keySet().toArray()));
                s.setObject(4, q.asOf());
                s.setArray(5, c.createArrayOf("text", q.definition().states().toArray()));
                s.setString(6, q.basis());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        long now = r.getLong(4);
                        if (r.getBoolean(5)) {
                            long before = now - sourceDelta.get(id);
                            sourceCount += (now > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
                            if (now < before && !allListed && kept.sources().stream().anyMatch(u -> u.id().equals(id))) {
                                return givenUp(q, "a listed source lost people"); // one not listed may now back more
                            }
                        }
                        if (now > 0) {
                            merged.add(new CountViews.SourceUse(id, r.getString(2), r.getString(3), now));
                        }
                    }
                }
            }
            sources = merged.subList(0, Math.min(merged.size(), CountService.MAX_SOURCES));
        }

        List<String> ids = pageChanged ? firstPage(c, q, kept.people().size())
                : page.stream().map(CountViews.CountedPerson::id).toList();
        CountService.Figures figures = new CountService.Figures(total, definite, possible, presumed, disputed, confirmed,
                lastKnown, unconfirmed, latestConfirmation, oldestPresumed, sourceCount, List.copyOf(sources), ids,
                Map.of("status", List.copyOf(breakdown)));
        return Optional.of(new Patched(figures, pageChanged ? null : page, kept.people(), readAt, seen));
    }
}
