package org.casefile.count;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import org.casefile.api.BackgroundBuilder;
import org.casefile.api.ChangeListener;
import org.casefile.api.DatabaseUnavailable;
import org.casefile.api.ProblemException;
import org.casefile.api.Snapshot;
import org.casefile.api.Today;
import org.casefile.custody.Basis;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps counts cheap: it keeps the public answers of each kept definition for every day the kept judgement
 * ({@link org.casefile.custody.CustodyJudgements}) covers up to today, under each basis ({@link CountAnswers}), their
 * figures from one sweep over the judgement ({@link CountSweep}). After a change it marks stale only the answers of
 * the days the change marked (count_stale, V21), and sweeps again to keep those; an answer the sweep counted from a
 * snapshot that missed a later change of its day is not kept (the next pass keeps it).
 */
@Singleton
public class CountBuilder extends BackgroundBuilder {

    private static final Logger LOG = Logger.getLogger(CountBuilder.class);

    /** A marked change is forgotten this long after its answers were marked stale: longer than any sweep takes. */
    static final String FORGET_AFTER = "10 minutes";

    /**
     * Marks stale the kept answers of the days that changes their snapshots missed have marked since the last pass,
     * and forgets the changes marked long ago (marking again, for an answer kept meanwhile from an older snapshot).
     */
    private static final String MARK_STALE = """
            with consumed as (
              update count_stale set consumed_at = now() where consumed_at is null returning days, changed_by
            ), forgotten as (
              delete from count_stale where consumed_at < now() - cast('%s' as interval) returning days, changed_by
            ), marked as (
              update count_answer a set stale = true
              from (select * from consumed union all select * from forgotten) s
              where not a.stale and s.days @> a.day and not pg_visible_in_snapshot(s.changed_by, a.seen)
              returning 1
            )
            update count_answers_kept
            set forgotten_through = greatest(forgotten_through, coalesce((select max(changed_by) from forgotten), '0'))
            returning (select count(*) from marked)""".formatted(FORGET_AFTER);

    /** What a sweep needs besides the runs, with the snapshot its answers are counted from; in the sweep's snapshot. */
    private static final String CURRENT = """
            select cast(pg_current_snapshot() as text), (select max(latest_definite) from custody_claimant),
                   (select count(*) from custody_claimant), now()""";

    private static final String KEPT = """
            select basis, day from count_answer where definition = ? and not stale and not cf_count_outdated(day, seen)""";

    /** Marks the answers kept in advance as complete for these definitions (what bench/run.sh waits for). */
    private static final String COMPLETE = "update count_answers_kept set answers_definitions = ?";

    /** Whether they are complete already: every day kept for these definitions, and none stale. */
    private static final String COMPLETED = """
            select count(*) from count_answers_kept
            where answers_definitions = ? and not exists (select 1 from count_answer where stale and definition = any(?))""";

    private final CountAnswers answers;
    private final CountService counts;
    private final AgroalDataSource dataSource;
    private final List<String> definitions;

    public CountBuilder(CountAnswers answers, CountService counts, ChangeListener changes,
                        AgroalDataSource dataSource,
                        @ConfigProperty(name = "casefile.counts.build", defaultValue = "true") boolean enabled,
                        @ConfigProperty(name = "casefile.counts.builders", defaultValue = "2") int threads,
                        @ConfigProperty(name = "casefile.counts.kept-definitions", defaultValue = "detained") List<String> definitions) {
        super("kept counts", changes, enabled, threads);
        this.answers = answers;
        this.counts = counts;
        this.dataSource = dataSource;
        this.definitions = definitions;
    }

    @Override
    protected int pass() throws Exception {
        int marked;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MARK_STALE);
             ResultSet r = s.executeQuery()) {
            r.next();
            marked = r.getInt(1);
        }
        if (marked > 0) {
            LOG.debugf("%d kept counts marked stale by changes.", marked);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETED)) {
            s.setArray(1, c.createArrayOf("text", definitions.toArray()));
            s.setArray(2, c.createArrayOf("text", definitions.toArray()));
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getLong(1) == 1) {
                    return 0;
                }
            }
        }
        int kept = 0;
        for (String definition : definitions) {
            kept += keepAnswers(definition);
        }
        if (!stopped()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
                s.setArray(1, c.createArrayOf("text", definitions.toArray()));
                s.executeUpdate();
            }
        }
        return kept;
    }

    /**
     * Keeps the definition's answers, under each basis, for every day up to today that the kept judgement covers and
     * that has none kept or a stale one; answers how many it kept.
     */
    public int keepAnswers(String id) throws Exception {
        CountViews.Definition definition = inRequest(() -> counts.definition("casefile.counts.kept-definitions", id));
        if (definition.organization() != null || definition.incidentType() != null) {
            LOG.warnf("Count definition '%s' narrows the people counted; its answers are not kept in advance.", id);
            return 0;
        }
        // Today first, as GET /api/counts would keep it: the front page and most letters ask for today, and the sweep,
        // in day order, reaches it last.
        for (String basis : Basis.VALUES) {
            CountService.Question today = new CountService.Question(definition, Today.date(), basis, null, null, null, null);
            try {
                inRequest(() -> answers.json(today, CountAnswers.GROUP_BY, CountAnswers.FIRST_PAGE));
            } catch (ProblemException e) {
                // Counting is busy (too many requests at once): the sweep keeps it later.
                LOG.debugf("Today's count of '%s' (%s) not kept first: %s", id, basis, e.getMessage());
            }
        }
        CountSweep sweep = new CountSweep(definition.states(), CountService.MAX_SOURCES, CountAnswers.FIRST_PAGE.size());
        List<Future<Boolean>> done = new ArrayList<>();
        Snapshot.read(dataSource, c -> {
            String seen;
            LocalDate latest;
            long claimants;
            OffsetDateTime readAt;
            try (PreparedStatement s = c.prepareStatement(CURRENT); ResultSet r = s.executeQuery()) {
                r.next();
                seen = r.getString(1);
                latest = r.getObject(2, LocalDate.class);
                claimants = r.getLong(3);
                readAt = r.getObject(4, OffsetDateTime.class);
            }
            Set<String> kept = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(KEPT)) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        kept.add(r.getString(1) + " " + r.getObject(2, LocalDate.class));
                    }
                }
            }
            // Days after today are counted on the read (from the kept judgement): a presumed status runs on without end.
            sweep.sweep(c, claimants, latest, Today.date(), (day, basis, figures) -> {
                if (stopped()) {
                    return false;
                }
                if (!kept.contains(basis + " " + day)) {
                    CountService.Question q = new CountService.Question(definition, day, basis, null, null, null, null);
                    done.add(workers.submit(() -> keep(q, figures, readAt, seen)));
                }
                return true;
            });
            return null;
        });
        int count = 0;
        for (Future<Boolean> f : done) {
            count += f.get() ? 1 : 0;
        }
        if (count < done.size()) {
            // Those days are counted on the read meanwhile; the next pass tries again.
            throw new IllegalStateException((done.size() - count) + " of the counts of '" + id + "' were not kept");
        }
        return count;
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
