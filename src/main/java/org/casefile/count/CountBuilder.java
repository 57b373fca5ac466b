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
import org.casefile.api.DataVersion;
import org.casefile.api.DatabaseUnavailable;
import org.casefile.api.ProblemException;
import org.casefile.api.Snapshot;
import org.casefile.api.Today;
import org.casefile.custody.Basis;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps counts cheap: after start and after every change, it keeps the public answers of each kept definition for
 * every day the kept judgement ({@link org.casefile.custody.CustodyJudgements}) covers up to today, under each basis
 * ({@link CountAnswers}), their figures from one sweep over the judgement ({@link CountSweep}). A sweep stops as soon
 * as the data changes; the next pass starts over from the new data.
 */
@Singleton
public class CountBuilder extends BackgroundBuilder {

    private static final Logger LOG = Logger.getLogger(CountBuilder.class);

    /** The data version, with what a sweep needs besides the runs; in the sweep's snapshot. */
    private static final String CURRENT = """
            select version, (select max(latest_definite) from custody_claimant), (select count(*) from custody_claimant), now()
            from data_version""";

    private static final String KEPT = "select basis, day from count_answer where definition = ? and version = ?";

    /** Marks the answers kept in advance as complete for this data version (what bench/run.sh waits for). */
    private static final String COMPLETE = """
            update custody_judgement_built set answers_kept_for = ?, answers_definitions = ?
            where (select version from data_version) = ?""";

    /** Whether they are complete already, for this version and these definitions: then a pass has nothing to do. */
    private static final String COMPLETED = """
            select count(*) from custody_judgement_built where answers_kept_for = ? and answers_definitions = ?""";

    private final CountAnswers answers;
    private final CountService counts;
    private final AgroalDataSource dataSource;
    private final List<String> definitions;

    public CountBuilder(CountAnswers answers, CountService counts, DataVersion version,
                        AgroalDataSource dataSource,
                        @ConfigProperty(name = "casefile.counts.build", defaultValue = "true") boolean enabled,
                        @ConfigProperty(name = "casefile.counts.builders", defaultValue = "2") int threads,
                        @ConfigProperty(name = "casefile.counts.kept-definitions", defaultValue = "detained") List<String> definitions) {
        super("kept counts", version, enabled, threads);
        this.answers = answers;
        this.counts = counts;
        this.dataSource = dataSource;
        this.definitions = definitions;
    }

    @Override
    protected int pass() throws Exception {
        long seen = version.current();
        long built = version.stored();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETED)) {
            s.setLong(1, built);
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
        if (version.current() == seen && !stopped()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
                s.setLong(1, built);
                s.setArray(2, c.createArrayOf("text", definitions.toArray()));
                s.setLong(3, built);
                s.executeUpdate();
            }
        }
        return kept;
    }

    /**
     * Keeps the definition's answers, under each basis, for every day up to today that the kept judgement covers and
     * that has none kept at the current data version; answers how many it kept.
     */
    public int keepAnswers(String id) throws Exception {
        long seen = version.current();
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
            long built;
            LocalDate latest;
            long claimants;
            OffsetDateTime readAt;
            try (PreparedStatement s = c.prepareStatement(CURRENT); ResultSet r = s.executeQuery()) {
                r.next();
                built = r.getLong(1);
                latest = r.getObject(2, LocalDate.class);
                claimants = r.getLong(3);
                readAt = r.getObject(4, OffsetDateTime.class);
            }
            Set<String> kept = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(KEPT)) {
                s.setString(1, id);
                s.setLong(2, built);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        kept.add(r.getString(1) + " " + r.getObject(2, LocalDate.class));
                    }
                }
            }
            // Days after today are counted on the read (from the kept judgement): a presumed status runs on without end.
            sweep.sweep(c, claimants, latest, Today.date(), (day, basis, figures) -> {
                if (version.current() != seen || stopped()) {
                    return false; // the next pass starts over from the new data
                }
                if (!kept.contains(basis + " " + day)) {
                    CountService.Question q = new CountService.Question(definition, day, basis, null, null, null, null);
                    done.add(workers.submit(() -> keep(q, figures, readAt, built)));
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

    private boolean keep(CountService.Question q, CountService.Figures figures, OffsetDateTime readAt, long built) {
        try {
            return inRequest(() -> {
                answers.keep(q, counts.answer(q, figures, CountAnswers.FIRST_PAGE, readAt), built);
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
