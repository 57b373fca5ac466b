package org.casefile.count;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.casefile.custody.Basis;
import org.casefile.db.BackgroundBuilder;
import org.casefile.db.ChangeListener;
import org.casefile.db.Snapshot;
import org.casefile.db.Sql;
import org.casefile.http.Today;
import org.casefile.problem.DatabaseUnavailable;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps counts cheap: it keeps the public answers of each kept definition for every day the kept judgement
 * ({@link org.casefile.custody.CustodyJudgements}) covers up to today, under each basis ({@link CountAnswers}), their
 * figures from one sweep over the judgement ({@link CountSweep}). After a change it marks stale only the answers of
 * the days the change marked (count_stale, V21). One that changes to runs and claimants alone outdated is brought up
 * to date by the next reader who asks ({@link CountPatch}): the builder does not patch days nobody asks for (while
 * editors write that is most days, again and again), and keeps the changes such an answer needs for as long as it
 * waits. An answer that cannot be brought up to date is counted again: one by one when there are few, by a sweep
 * (keeping then every day with none) when there are many. An answer the sweep counted from a snapshot that missed a
 * later change of its day is not kept (the next pass keeps it).
 */
@Singleton
public class CountBuilder extends BackgroundBuilder {

    private static final Logger LOG = Logger.getLogger(CountBuilder.class);

    /**
     * A consumed change is kept at least this long, so that a sweep's answers (counted from a snapshot taken when it
     * began) can still be marked by the changes it missed: longer than any sweep takes.
     */
    static final String FORGET_AFTER = "10 minutes";

    /**
     * Marks stale the kept answers of the days that changes their snapshots missed have marked since the last pass
     * (unpatchable when a change was not to runs and claimants alone: CountPatch cannot bring them up to date), and
     * forgets the changes consumed a while ago that no answer waiting to be brought up to date still needs (those
     * older than every such answer's snapshot). An answer one of them outdates, marked stale in this statement, is
     * marked unpatchable; one kept meanwhile from an older snapshot cannot be kept (forgotten_through,
     * cf_count_keepable).
     */
    private static final Sql MARK_STALE = Sql.of("""
            with consumed as (
              update count_stale set consumed_at = now() where consumed_at is null returning days, changed_by, runs
            ), needed as (
              select min(pg_snapshot_xmin(seen)) as xmin from count_answer where stale and not unpatchable
            ), forgotten as (
              delete from count_stale
              where consumed_at < now() - cast('""" + FORGET_AFTER + """
            ' as interval)
                and changed_by < coalesce((select xmin from needed), pg_snapshot_xmax(pg_current_snapshot()))
              returning days, changed_by
            ), outdated as (
              select a.definition, a.basis, a.day, bool_or(s.unpatchable) as unpatchable
              from count_answer a
              join (select days, changed_by, not runs as unpatchable from consumed
                    union all select days, changed_by, true from forgotten) s
                on s.days @> a.day and not pg_visible_in_snapshot(s.changed_by, a.seen)
              group by a.definition, a.basis, a.day
            ), marked as (
              update count_answer a
              set stale = true, stale_at = coalesce(a.stale_at, now()), unpatchable = a.unpatchable or o.unpatchable
              from outdated o
              where a.definition = o.definition and a.basis = o.basis and a.day = o.day
                and (not a.stale or (o.unpatchable and not a.unpatchable))
              returning a.unpatchable
            )
            update count_answers_kept
            set forgotten_through = greatest(forgotten_through, coalesce((select max(changed_by) from forgotten), '0'))
            returning (select count(*) from marked) as marked, (select count(*) from marked where unpatchable) as unpatchable""");

    /** What a sweep needs besides the runs, with the snapshot its answers are counted from; in the sweep's snapshot. */
    private static final Sql CURRENT = Sql.of("""
            select cast(pg_current_snapshot() as text) as seen, (select max(latest_definite) from custody_claimant) as latest,
                   (select count(*) from custody_claimant) as claimants, now() as read_at""");

    /**
     * The days a sweep need not count: those with an answer current or one that CountPatch can bring up to date.
     * A sweep is needed when some answer cannot be, or none was ever kept for these definitions.
     */
    private static final Sql KEPT = Sql.of("""
            select basis, day from count_answer
            where definition = :definition and cf_count_answer_needs_no_count(stale, unpatchable, day, seen)""");

    /** Whether the definitions kept have changed since the answers were completed: every day is then swept. */
    private static final Sql DEFINITIONS_CHANGED = Sql.of("""
            select answers_definitions is distinct from cast(:definitions as text[]) as changed from count_answers_kept""");

    /** The days whose answers must be counted again (none current, none patchable), up to :limit. */
    private static final Sql TO_COUNT = Sql.of("""
            select basis, day from count_answer
            where definition = :definition and not cf_count_answer_needs_no_count(stale, unpatchable, day, seen)
            order by day, basis limit :limit""");

    /**
     * Up to this many days to count again are counted one by one, each from the days index of the kept judgement (about
     * half a second at 100,000 people), instead of by a sweep, which reads every judged run once (minutes at that
     * size): a sweep pays only when hundreds of days need it.
     */
    static final int COUNTED_ONE_BY_ONE = 100;

    /**
     * The answers waiting to be brought up to date (a few hundred at a time). The builder's passes bring them up to date
     * only when no change was taken in for a minute ({@link #QUIET}): while editors write, the days readers ask for are
     * brought up to date when asked, and the others would be outdated again at once. Only then are the answers complete.
     */
    private static final Sql WAITING = Sql.of("""
            select basis, day from count_answer
            where definition = :definition and stale and not unpatchable order by stale_at limit 500""");

    private static final Sql UNPATCHABLE = Sql.of("""
            update count_answer set unpatchable = true where definition = :definition and basis = :basis and day = :day and stale""");

    private static final Sql QUIET = Sql.of("""
            select not exists (select 1 from count_stale where consumed_at is null or consumed_at > now() - interval '1 minute')
                   as quiet""");

    /** Marks the answers kept in advance as complete for these definitions (what bench/run.sh waits for). */
    private static final Sql COMPLETE = Sql.of("update count_answers_kept set answers_definitions = :definitions");

    /** Whether they are complete already: every day kept for these definitions, and none stale. */
    private static final Sql COMPLETED = Sql.of("""
            select count(*) as completed from count_answers_kept k, (select cast(:definitions as text[]) as definitions) d
            where k.answers_definitions = d.definitions
              and not exists (select 1 from count_answer a where a.stale and a.definition = any(d.definitions))""");

    private final CountAnswers answers;
    private final CountService counts;
    private final AgroalDataSource dataSource;
    private final List<String> definitions;
    private final java.util.concurrent.atomic.AtomicLong sweeps = new java.util.concurrent.atomic.AtomicLong();

    public CountBuilder(CountAnswers answers, CountService counts, ChangeListener changes,
                        AgroalDataSource dataSource,
                        @ConfigProperty(name = "casefile.counts.build", defaultValue = "true") boolean enabled,
                        @ConfigProperty(name = "casefile.counts.builders", defaultValue = "2") int threads,
                        @ConfigProperty(name = "casefile.counts.kept-definitions", defaultValue = "detained") List<String> definitions) {
        super("kept counts", Scope.DATABASE, changes, enabled, threads);
        this.answers = answers;
        this.counts = counts;
        this.dataSource = dataSource;
        this.definitions = definitions;
    }

    @Override
    protected int pass() throws Exception {
        takeInChanges();
        if (COMPLETED.with(dataSource).bind("definitions", definitions()).one(r -> r.number("completed")) == 1) {
            return 0;
        }
        boolean quiet = QUIET.with(dataSource).one(r -> r.flag("quiet"));
        int kept = 0;
        for (String definition : definitions) {
            kept += keepAnswers(definition, quiet);
        }
        if (!stopped()) {
            COMPLETE.with(dataSource).bind("definitions", definitions()).update();
        }
        return kept;
    }

    /**
     * Takes in the changes committed since the last pass: marks stale the answers they outdate, and forgets the changes
     * no answer needs any more.
     */
    public void takeInChanges() {
        Marked taken = MARK_STALE.with(dataSource).one(r -> new Marked(r.integer("marked"), r.integer("unpatchable")));
        int marked = taken.marked();
        int unpatchable = taken.unpatchable();
        if (marked > 0) {
            LOG.debugf("%d kept counts marked stale by changes.", marked);
        }
        // Every answer counted again instead of brought up to date is work readers wait for: say how many, and why.
        if (unpatchable > 0) {
            LOG.infof("%d kept counts marked stale beyond patching (a change not to runs and claimants alone, or forgotten).", unpatchable);
        }
        Map<String, Long> givenUp = CountPatch.takeGivenUp();
        if (!givenUp.isEmpty()) {
            LOG.infof("Kept counts not brought up to date since the last pass, by why: %s.", givenUp);
        }
    }

    /** How many answers {@link #MARK_STALE} marked stale, and how many of them beyond patching. */
    private record Marked(int marked, int unpatchable) {
    }

    /**
     * Keeps the definition's answers, under each basis, for every day up to today that the kept judgement covers: today's
     * first; then the answers that cannot be brought up to date counted again, one by one when they are few
     * ({@link #COUNTED_ONE_BY_ONE}), else, or when the definitions kept have changed, by a sweep that keeps every day
     * with none current or patchable; answers how many it kept.
     */
    public int keepAnswers(String id) throws Exception {
        return keepAnswers(id, true);
    }

    private int keepAnswers(String id, boolean bringUpToDate) throws Exception {
        CountViews.Definition definition = inRequest(() -> counts.definition("casefile.counts.kept-definitions", id));
        if (definition.organization() != null || definition.incidentType() != null) {
            LOG.warnf("Count definition '%s' narrows the people counted; its answers are not kept in advance.", id);
            return 0;
        }
        // Today first, as GET /api/counts would keep it: the front page and most letters ask for today, and the sweep,
        // in day order, reaches it last.
        countOneByOne(Basis.VALUES.stream()
                .map(basis -> new CountService.Question(definition, Today.date(), basis, null, null, null, null)).toList());
        int patched = 0;
        for (CountService.Question q : bringUpToDate ? questions(WAITING.with(dataSource), definition) : List.<CountService.Question>of()) {
            if (stopped()) {
                return patched;
            }
            if (inRequest(() -> answers.bringUpToDate(q))) {
                patched++;
            } else {
                unpatchable(q); // counted again by the sweep below, with every other such day
            }
        }
        boolean definitionsChanged = DEFINITIONS_CHANGED.with(dataSource).bind("definitions", definitions())
                .first(r -> r.flag("changed")).orElse(true);
        if (!definitionsChanged) {
            List<CountService.Question> toCount = questions(TO_COUNT.with(dataSource).bind("limit", COUNTED_ONE_BY_ONE + 1), definition);
            if (toCount.size() <= COUNTED_ONE_BY_ONE) {
                return patched + countOneByOne(toCount);
            }
        }
        sweeps.incrementAndGet();
        CountSweep sweep = new CountSweep(definition.states(), CountService.MAX_SOURCES, CountAnswers.FIRST_PAGE.size());
        List<Future<Boolean>> done = new ArrayList<>();
        Snapshot.read(dataSource, c -> {
            Current now = CURRENT.on(c).one(r -> new Current(r.text("seen"), r.day("latest"), r.number("claimants"), r.time("read_at")));
            Set<String> kept = new HashSet<>();
            for (CountService.Question q : questions(KEPT.on(c), definition)) {
                kept.add(q.basis() + " " + q.asOf());
            }
            // Days after today are counted on the read (from the kept judgement): a presumed status runs on without end.
            sweep.sweep(c, now.claimants(), now.latest(), Today.date(), (day, basis, figures) -> {
                if (stopped()) {
                    return false;
                }
                if (!kept.contains(basis + " " + day)) {
                    CountService.Question q = new CountService.Question(definition, day, basis, null, null, null, null);
                    done.add(workers.submit(() -> keep(q, figures, now.readAt(), now.seen())));
                }
                return true;
            });
            return null;
        });
        int count = patched;
        for (Future<Boolean> f : done) {
            count += f.get() ? 1 : 0;
        }
        if (count - patched < done.size()) {
            // Those days are counted on the read meanwhile; the next pass tries again.
            throw new IllegalStateException((done.size() - count + patched) + " of the counts of '" + id + "' were not kept");
        }
        return count;
    }

    /** How many sweeps have begun since the start. */
    public long sweeps() {
        return sweeps.get();
    }

    /** Counts and keeps each answer as a reader's request would; answers how many it kept. */
    private int countOneByOne(List<CountService.Question> questions) throws Exception {
        int kept = 0;
        for (CountService.Question q : questions) {
            if (stopped()) {
                break;
            }
            try {
                inRequest(() -> answers.json(q, CountAnswers.GROUP_BY, CountAnswers.FIRST_PAGE));
                kept++;
            } catch (ProblemException e) {
                // Counting is busy (too many requests at once): a later pass or sweep counts it.
                LOG.debugf("Count of '%s' on %s (%s) not kept: %s", q.definition().id(), q.asOf(), q.basis(), e.getMessage());
            }
        }
        return kept;
    }

    private void unpatchable(CountService.Question q) {
        UNPATCHABLE.with(dataSource).bind("definition", q.definition().id()).bind("basis", q.basis()).bind("day", q.asOf()).update();
    }

    /** The definitions kept, as a statement's :definitions. */
    private String[] definitions() {
        return definitions.toArray(String[]::new);
    }

    /** What a sweep needs besides the runs ({@link #CURRENT}). */
    private record Current(String seen, LocalDate latest, long claimants, OffsetDateTime readAt) {
    }

    /** The definition's questions (basis, day) that {@code sql} selects for it (:definition). */
    private static List<CountService.Question> questions(Sql.Statement sql, CountViews.Definition definition) {
        return sql.bind("definition", definition.id())
                .list(r -> new CountService.Question(definition, r.day("day"), r.text("basis"), null, null, null, null));
    }

    private boolean keep(CountService.Question q, CountService.Figures figures, OffsetDateTime readAt, String seen) {
        try {
            return inRequest(() -> {
                answers.keep(q, counts.answer(q, figures, CountAnswers.FIRST_PAGE, readAt), seen);
                return true;
            });
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                throw e; // not this count's failure: the pass stops, and says so once
            }
            LOG.warnf("Count of '%s' on %s not kept: %s", q.definition().id(), q.asOf(), e.getMessage());
            return false;
        }
    }
}
