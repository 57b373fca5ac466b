package org.casefile.count;

import java.sql.Connection;
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
import org.casefile.db.Sql;
import org.casefile.http.Page;

/**
 * Brings a kept count answer up to date from the runs that changes since its snapshot removed and added on its day
 * (cf_count_run_changes, V22), instead of counting everyone again: a change of a few people changes the figures by
 * a few, and the claimants they gained (V25) move how many no source confirms. Every figure is adjusted exactly or
 * the patch gives up (empty) and the answer is counted again: when a change was not to runs and claimants alone
 * (cf_count_patchable), when a listed source now backs no more people than the last one listed while others are
 * not listed (one of those may now rank before it), or when the oldest presumption may have gone. When a person on
 * the first page changed, or one joins or leaves it, the page alone is read again (in name order, V28). Which runs
 * count, under which basis, and the orders by name and by source are PostgreSQL's (cf_custody_in_basis, its
 * collation), as in the count statement; the breakdown is ordered as the sweep orders it.
 */
final class CountPatch {

    /**
     * Whether the kept answer can be patched, the snapshot the patch reads, its time, the claimants gained since the
     * kept snapshot (V25) and the last day any source confirms now.
     */
    private static final Sql START = Sql.of("""
            select cf_count_patchable(cast(:day as date), cast(:kept_seen as pg_snapshot)) as patchable,
                   cast(pg_current_snapshot() as text) as seen, now() as read_at,
                   cf_count_claimants_gained(cast(:kept_seen as pg_snapshot)) as claimants_gained,
                   (select max(latest_definite) from custody_claimant) as latest_confirmation""");

    /**
     * The changed runs on the day, what the question makes of each, and whether each sorts before the page's last
     * (l: its name and id, null when the page is empty).
     */
    private static final Sql CHANGES = Sql.of("""
            select r.person_id, r.sign, r.state, r.certainty, r.disputed, r.last_confirmed, r.sources,
                   r.state = any(cast(:states as text[])) as in_states,
                   cf_custody_in_basis(r.certainty, cast(:basis as text)) as in_basis,
                   cf_custody_in_basis(r.certainty, 'confirmed') as confirmed,
                   l.name is null or (r.name, r.person_id) < (l.name, l.id) as before_last
            from cf_count_run_changes(cast(:day as date), cast(:kept_seen as pg_snapshot)) r
            cross join (select cast(:last_name as text), cast(:last_id as text)) l(name, id)""");

    /**
     * The sources listed, with the people each backs now: the listed ones as patched, the changed ones counted anew;
     * in the order a count lists them.
     */
    private static final Sql SOURCES = Sql.of("""
            with listed(id, people) as (
              select * from unnest(cast(:listed as text[]), cast(:listed_people as bigint[]))
            ), asked(id) as (
              select unnest(cast(:changed as text[]))
            ), counted(id, people) as (
              -- The changed sources' runs first, by their index (offset 0 keeps the day's index, which finds tens of
              -- thousands of runs, out of it), then those of the day.
              select s.id, count(distinct j.person_id)
              from (select person_id, days, state, certainty, sources from custody_judgement
                    where sources && (select array_agg(id) from asked) offset 0) j
              join lateral unnest(j.sources) s(id) on s.id in (select id from asked)
              where j.days @> cast(:day as date)
                and j.state = any(cast(:states as text[])) and cf_custody_in_basis(j.certainty, cast(:basis as text))
              group by s.id
            ), changed(id, people) as (
              select a.id, coalesce(c.people, 0) from asked a left join counted c on c.id = a.id
            ), merged as (
              select id, people, false as changed from listed where id not in (select id from changed)
              union all select id, people, true from changed
            )
            select m.id, s.title, s.date_edtf, m.people, m.changed
            from merged m join source s on s.id = m.id
            order by m.people desc, s.date_lower nulls last, s.id""");

    /**
     * The first page of people counted on the day, by name, in this snapshot: read again when a change alters it (from
     * custody_judgement_name_idx, V28), as the count statement orders it.
     */
    private static final Sql FIRST_PAGE = Sql.of("""
            select person_id from custody_judgement
            where days @> cast(:day as date) and state = any(cast(:states as text[]))
              and cf_custody_in_basis(certainty, cast(:basis as text))
            order by name, person_id limit :size""");

    /** A row of {@link #START}. */
    private record Start(boolean patchable, String seen, OffsetDateTime readAt, long claimantsGained, LocalDate latestConfirmation) {
    }

    /** A row of {@link #CHANGES}: a run removed (sign -1) or added (+1) on the day, and what the question makes of it. */
    private record Change(String person, int sign, String state, String certainty, boolean disputed, LocalDate lastConfirmed,
                          List<String> sources, boolean inStates, boolean inBasis, boolean confirmed, boolean beforeLast) {
    }

    /** A row of {@link #SOURCES}: a source listed, the people it backs now, and whether the changes touched it. */
    private record SourceNow(String id, String title, String date, long people, boolean changed) {
    }

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

    private static List<String> firstPage(Connection c, CountService.Question q, int size) {
        return FIRST_PAGE.on(c).bind("day", q.asOf()).bind("states", states(q)).bind("basis", q.basis()).bind("size", size)
                .list(r -> r.text("person_id"));
    }

    /** The question's states, as a statement's :states. */
    private static String[] states(CountService.Question q) {
        return q.definition().states().toArray(String[]::new);
    }

    /** {@code kept}, counted from snapshot {@code keptSeen}, as the changes since make it in this transaction's snapshot. */
    static Optional<Patched> patch(Connection c, CountService.Question q, CountViews.Count kept, String keptSeen) {
        Start start = START.on(c).bind("day", q.asOf()).bind("kept_seen", keptSeen).one(r -> new Start(r.flag("patchable"),
                r.text("seen"), r.time("read_at"), r.number("claimants_gained"), r.day("latest_confirmation")));
        if (!start.patchable()) {
            return givenUp(q, "a change since was not to runs and claimants alone");
        }
        List<CountViews.CountedPerson> page = kept.people().items();
        boolean pageFull = page.size() == kept.people().size();
        CountViews.CountedPerson last = page.isEmpty() ? null : page.get(page.size() - 1);
        Set<String> onPage = new HashSet<>();
        page.forEach(p -> onPage.add(p.id()));

        long total = kept.total(), definite = kept.definite(), possible = kept.possible(), presumed = kept.presumed();
        long disputed = kept.disputed(), confirmed = kept.totals().confirmed(), lastKnown = kept.totals().lastKnown();
        long unconfirmed = kept.unconfirmed() + start.claimantsGained(); // those the changed runs confirm are taken off below
        LocalDate oldestPresumed = kept.oldestPresumption();
        Map<String, long[]> byState = new LinkedHashMap<>(); // state: total, definite, presumed
        for (CountViews.Group g : kept.breakdown().getOrDefault("status", List.of())) {
            byState.put(g.key(), new long[] {g.total(), g.definite(), g.presumed()});
        }
        Map<String, Long> sourceDelta = new HashMap<>();
        boolean pageChanged = false;
        Map<LocalDate, Integer> presumedNet = new HashMap<>(); // lastConfirmed of presumed runs in the states, net
        List<Change> changes = CHANGES.on(c).bind("states", states(q)).bind("basis", q.basis()).bind("day", q.asOf())
                .bind("kept_seen", keptSeen).bind("last_name", last == null ? null : last.name())
                .bind("last_id", last == null ? null : last.id())
                .list(r -> new Change(r.text("person_id"), r.integer("sign"), r.text("state"), r.text("certainty"),
                        r.flag("disputed"), r.day("last_confirmed"), r.texts("sources"), r.flag("in_states"), r.flag("in_basis"),
                        r.flag("confirmed"), r.flag("before_last")));
        for (Change change : changes) {
            int sign = change.sign();
            String certainty = change.certainty();
            boolean counted = change.inStates() && change.inBasis();
            if (change.confirmed()) {
                unconfirmed -= sign;
            }
            if (change.inStates()) {
                lastKnown += sign;
                confirmed += change.confirmed() ? sign : 0;
                if ("presumed".equals(certainty) && change.lastConfirmed() != null) {
                    presumedNet.merge(change.lastConfirmed(), sign, Integer::sum);
                }
            }
            if (!counted) {
                continue;
            }
            if (onPage.contains(change.person()) || (sign > 0 && (!pageFull || change.beforeLast()))) {
                pageChanged = true; // its people are read again below
            }
            total += sign;
            definite += "definite".equals(certainty) ? sign : 0;
            possible += "possible".equals(certainty) ? sign : 0;
            presumed += "presumed".equals(certainty) ? sign : 0;
            disputed += change.disputed() ? sign : 0;
            long[] group = byState.computeIfAbsent(change.state(), k -> new long[3]);
            group[0] += sign;
            group[1] += "definite".equals(certainty) ? sign : 0;
            group[2] += "presumed".equals(certainty) ? sign : 0;
            for (String source : change.sources()) {
                sourceDelta.merge(source, (long) sign, Long::sum);
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
            // A source not listed backed at most as many people as the last one listed, and still does unless it changed
            // (the changed ones are counted anew below).
            long unlistedAtMost = kept.sources().isEmpty() ? 0 : kept.sources().get(kept.sources().size() - 1).people();
            List<CountViews.SourceUse> merged = new ArrayList<>();
            List<SourceNow> now = SOURCES.on(c).bind("listed", kept.sources().stream().map(CountViews.SourceUse::id).toArray(String[]::new))
                    .bind("listed_people", kept.sources().stream().map(CountViews.SourceUse::people).toArray(Long[]::new))
                    .bind("changed", sourceDelta.keySet().toArray(String[]::new)).bind("day", q.asOf()).bind("states", states(q))
                    .bind("basis", q.basis())
                    .list(r -> new SourceNow(r.text("id"), r.text("title"), r.text("date_edtf"), r.number("people"), r.flag("changed")));
            for (SourceNow source : now) {
                if (source.changed()) {
                    long before = source.people() - sourceDelta.get(source.id());
                    sourceCount += (source.people() > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
                    if (source.people() < before && source.people() <= unlistedAtMost && !allListed
                            && kept.sources().stream().anyMatch(u -> u.id().equals(source.id()))) {
                        return givenUp(q, "a listed source lost people"); // one not listed may now rank before it
                    }
                }
                if (source.people() > 0) {
                    merged.add(new CountViews.SourceUse(source.id(), source.title(), source.date(), source.people()));
                }
            }
            sources = merged.subList(0, Math.min(merged.size(), CountService.MAX_SOURCES));
        }

        List<String> ids = pageChanged ? firstPage(c, q, kept.people().size())
                : page.stream().map(CountViews.CountedPerson::id).toList();
        CountService.Figures figures = new CountService.Figures(total, definite, possible, presumed, disputed, confirmed,
                lastKnown, unconfirmed, start.latestConfirmation(), oldestPresumed, sourceCount, List.copyOf(sources), ids,
                Map.of("status", List.copyOf(breakdown)));
        return Optional.of(new Patched(figures, pageChanged ? null : page, kept.people(), start.readAt(), start.seen()));
    }
}
