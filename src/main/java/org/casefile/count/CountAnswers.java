package org.casefile.count;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.casefile.db.KeptJson;
import org.casefile.db.Snapshot;
import org.casefile.db.Sql;
import org.casefile.http.PageRequest;
import org.casefile.security.ReaderInterceptor;

/**
 * Whole public answers to the question most asked, a named definition on a day under a basis with nothing else (the first page,
 * the breakdown by status), kept in PostgreSQL (count_answer) as the JSON sent, so asking again is a key lookup.
 * A kept answer carries the snapshot it was counted from, and is served only while no change that snapshot did not
 * see has marked its day (count_stale, V21: written by the change's own transaction), so it is never stale, and a
 * change leaves the days it did not touch kept. An answer outdated by changes to people's runs and claimants alone
 * is brought up to date from them ({@link CountPatch}) and kept again, rather than counted again. Its readAt is when
 * its records were read. Editors' answers may count restricted records and are never kept.
 */
@ApplicationScoped
public class CountAnswers {

    /**
     * A stamp for an answer counted now, and the answer kept for the question however old, whether it is current,
     * and the snapshot it holds for: one statement, one key lookup.
     */
    static final Sql FIND = Sql.of("""
            select cast(pg_current_snapshot() as text) as seen, a.body, cf_count_answer_current(a.stale, a.day, a.seen) as current,
                   cast(a.seen as text) as kept_seen
            from (select) one left join count_answer a on a.definition = :definition and a.basis = :basis and a.day = :day""");

    // Kept only if nothing its snapshot missed outdates the day (V21), and never over a current answer made later.
    private static final Sql KEEP = Sql.of("""
            insert into count_answer as a (definition, basis, day, seen, body)
            select v.definition, v.basis, v.day, v.seen, v.body
            from (values (:definition, :basis, cast(:day as date), cast(:seen as pg_snapshot), :body)) v(definition, basis, day, seen, body)
            where cf_count_keepable(v.day, v.seen)
            on conflict (definition, basis, day) do update
              set seen = excluded.seen, body = excluded.body, stale = false, stale_at = null, unpatchable = false
            where a.stale or pg_snapshot_xmax(a.seen) <= pg_snapshot_xmax(excluded.seen)""");

    public static final List<String> GROUP_BY = List.of("status");
    public static final PageRequest FIRST_PAGE = new PageRequest(0, PageRequest.DEFAULT_SIZE);

    private final CountService counts;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;
    private final java.util.concurrent.atomic.AtomicLong patches = new java.util.concurrent.atomic.AtomicLong();

    public CountAnswers(CountService counts, ObjectMapper mapper, SecurityIdentity identity, AgroalDataSource dataSource) {
        this.counts = counts;
        this.mapper = mapper;
        this.identity = identity;
        this.dataSource = dataSource;
    }

    /** The count as JSON: kept when it is the kept kind of question and this reader is the public. */
    public byte[] json(CountService.Question q, List<String> groupBy, PageRequest page) {
        if (!kept(q, groupBy, page) || ReaderInterceptor.seesRestricted(identity)) {
            return write(counts.count(q, groupBy, page));
        }
        KeptJson.Found found = find(q);
        if (found.current()) {
            return found.body();
        }
        return (found.body() == null ? Optional.<byte[]>empty() : patched(q, found)).orElseGet(() -> build(q, found.seen()));
    }

    /**
     * The first page of a count by status, for a page that must not wait for a count: the kept one brought up to date
     * when it can be, else the kept one even though the data has changed since it was read ({@link KeptJson.Found#current()}
     * false: the page says so, with its readAt); counted now only when none was ever kept, or for a reader whose
     * answers are never kept.
     */
    public KeptJson.Found latest(CountService.Question q) {
        if (!kept(q, GROUP_BY, FIRST_PAGE) || ReaderInterceptor.seesRestricted(identity)) {
            return new KeptJson.Found(null, json(q, GROUP_BY, FIRST_PAGE), true); // counted now: never kept
        }
        KeptJson.Found found = find(q);
        if (found.body() == null) {
            return new KeptJson.Found(found.seen(), build(q, found.seen()), true);
        }
        if (found.current()) {
            return new KeptJson.Found(found.seen(), found.body(), true);
        }
        return patched(q, found).map(body -> new KeptJson.Found(found.seen(), body, true))
                .orElseGet(() -> new KeptJson.Found(found.seen(), found.body(), false));
    }

    /**
     * Brings the kept public answer to q up to date if it can be without counting again ({@link CountPatch});
     * answers whether it is current now. For the builder, when editors pause.
     */
    public boolean bringUpToDate(CountService.Question q) {
        KeptJson.Found found = find(q);
        return found.current() || (found.body() != null && patched(q, found).isPresent());
    }

    private KeptJson.Found find(CountService.Question q) {
        return KeptJson.find(FIND.with(dataSource).bind("definition", q.definition().id()).bind("basis", q.basis()).bind("day", q.asOf()));
    }

    /**
     * The kept answer brought up to date from the runs changed since ({@link CountPatch}), and kept so; empty when the
     * changes since are not all to runs and claimants, or change what cannot be patched.
     */
    Optional<byte[]> patched(CountService.Question q, KeptJson.Found found) {
        CountViews.Count kept;
        try {
            kept = mapper.readValue(found.body(), CountViews.Count.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a kept count cannot be read: " + e.getMessage(), e);
        }
        Optional<CountPatch.Patched> patched;
        try {
            patched = Snapshot.readInRequest(dataSource, c -> CountPatch.patch(c, q, kept, found.keptSeen()));
        } catch (SQLException e) {
            throw new IllegalStateException("a kept count cannot be brought up to date: " + e.getMessage(), e);
        } catch (Sql.Failure e) {
            throw new IllegalStateException("a kept count cannot be brought up to date: " + e.getCause().getMessage(), e.getCause());
        }
        patched.ifPresent(p -> patches.incrementAndGet());
        return patched.map(p -> keep(q, p.answer(q, counts), p.seen()));
    }

    /** How many kept answers were brought up to date from changed runs instead of counted again, since the start. */
    public long patches() {
        return patches.get();
    }

    /** Whether answers to this question are kept: a definition on a day, nothing narrowed, the default page and breakdown. */
    static boolean kept(CountService.Question q, List<String> groupBy, PageRequest page) {
        return q.knownAt() == null && q.affiliation() == null && q.citizenship() == null && q.incidentType() == null
                && GROUP_BY.equals(groupBy) && FIRST_PAGE.equals(page);
    }

    /**
     * Counts and keeps the public answer, stamped with the snapshot taken before the count read anything: a change
     * the count may have missed is one the stamp did not see, so it outdates the answer.
     */
    byte[] build(CountService.Question q, String seen) {
        return keep(q, counts.count(q, GROUP_BY, FIRST_PAGE), seen);
    }

    /** Keeps a public answer to the kept question q counted from snapshot {@code seen}, unless a later change outdates it. */
    byte[] keep(CountService.Question q, CountViews.Count count, String seen) {
        return KeptJson.keep(KEEP.with(dataSource).bind("definition", q.definition().id()).bind("basis", q.basis())
                .bind("day", q.asOf()).bind("seen", seen), write(count));
    }

    private byte[] write(CountViews.Count count) {
        try {
            return mapper.writeValueAsBytes(count);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("count cannot be written as JSON", e);
        }
    }
}
