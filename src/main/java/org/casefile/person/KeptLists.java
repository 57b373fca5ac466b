package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.casefile.db.Sql;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.DatabaseUnavailable;
import org.casefile.security.ReaderInterceptor;

/**
 * Pages of people as the public sees them, kept in memory with the PostgreSQL snapshot taken before they were read:
 * the front page and GET /api/persons?concern=true ask for the same first page over and over, and at 100,000 people
 * its total alone is a count of everyone. A kept page is served only while the reader sees no change to any person
 * (person_change, V12: whatever alters what a list shows of someone) that its snapshot did not see (V20), so it is
 * never older than a change the reader could see, and a write elsewhere in the data leaves it kept. Editors' pages may
 * hold restricted people and are never kept.
 */
@ApplicationScoped
public class KeptLists {

    /** At most this many different questions kept (a page of 50 people is some 20 KB); beyond it, the oldest go. */
    static final int MAX_KEPT = 256;

    /** A snapshot to stamp a page made now with, and whether the page kept under {@code seen} (if any) is current. */
    private static final Sql CURRENT = Sql.of("""
            select cast(pg_current_snapshot() as text) as snapshot,
                   not cf_people_changed_since(cast(:seen as pg_snapshot)) as current""");

    /**
     * A kept page: the snapshot it was made from, when (System.nanoTime) before that snapshot was taken, and its
     * place in the order of keeping.
     */
    private record Kept(String seen, long madeAfter, long order, Page<PersonViews.Summary> page) {
    }

    /**
     * One page made at a time per question (striped): when a change outdates a page that many readers ask for, the
     * first makes it and those who checked before it began take its page instead of each making the same.
     */
    private final ReentrantLock[] making = new ReentrantLock[64];

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final AgroalDataSource dataSource;
    private final SecurityIdentity identity;
    private long kepts;

    public KeptLists(AgroalDataSource dataSource, SecurityIdentity identity) {
        this.dataSource = dataSource;
        this.identity = identity;
        for (int i = 0; i < making.length; i++) {
            making[i] = new ReentrantLock();
        }
    }

    /** The page the search finds: kept if no person changed since it was made, else made now (and kept). */
    public Page<PersonViews.Summary> page(PersonService.Search search, PageRequest page, Supplier<Page<PersonViews.Summary>> make) {
        if (ReaderInterceptor.seesRestricted(identity)) {
            return make.get();
        }
        String key = search + " " + page;
        long checkedAt = System.nanoTime();
        Kept k = kept.get(key);
        String now;
        try {
            now = snapshotUnlessCurrent(k);
        } catch (SQLException e) {
            return madeUnkept(e, make);
        }
        if (now == null) {
            return k.page();
        }
        ReentrantLock lock = making[Math.floorMod(key.hashCode(), making.length)];
        boolean waited = !lock.tryLock();
        if (waited) {
            lock.lock();
        }
        try {
            Kept latest = kept.get(key);
            if (latest != null && latest.madeAfter() - checkedAt > 0) {
                return latest.page(); // made from a snapshot taken after this reader checked: no older than it may see
            }
            long madeAfter = waited ? System.nanoTime() : checkedAt;
            String seen = waited ? snapshotUnlessCurrent(null) : now;
            Page<PersonViews.Summary> fresh = make.get();
            keep(key, seen, madeAfter, fresh);
            return fresh;
        } catch (SQLException e) {
            return madeUnkept(e, make);
        } finally {
            lock.unlock();
        }
    }

    /** When the snapshot to stamp a page with cannot be read: the page made and not kept, or a 503 in an outage. */
    private static Page<PersonViews.Summary> madeUnkept(SQLException e, Supplier<Page<PersonViews.Summary>> make) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            throw new IllegalStateException("PostgreSQL is unavailable: " + e.getMessage(), e); // a 503, at once
        }
        return make.get(); // the same database answers the page itself, or says why it cannot
    }

    /** A snapshot to stamp a page made now with, or null when {@code k} is current for this reader. */
    private String snapshotUnlessCurrent(Kept k) throws SQLException {
        try {
            return CURRENT.with(dataSource).bind("seen", k == null ? null : k.seen())
                    .one(r -> r.flag("current") ? null : r.text("snapshot"));
        } catch (Sql.Failure e) {
            throw (SQLException) e.getCause(); // the callers make the page unkept, or answer 503 in an outage
        }
    }

    private synchronized void keep(String key, String seen, long madeAfter, Page<PersonViews.Summary> page) {
        kept.put(key, new Kept(seen, madeAfter, ++kepts, page));
        if (kept.size() > MAX_KEPT) {
            kept.entrySet().stream().min((a, b) -> Long.compare(a.getValue().order(), b.getValue().order()))
                    .ifPresent(oldest -> kept.remove(oldest.getKey()));
        }
    }
}
