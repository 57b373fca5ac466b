package org.casefile.person;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.casefile.api.DataVersion;
import org.casefile.api.DatabaseUnavailable;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.ReaderInterceptor;

/**
 * Pages of people as the public sees them, kept in memory with the data version they were read at: the front page
 * and GET /api/persons?concern=true ask for the same first page over and over, and at 100,000 people its total alone
 * is a count of everyone. A kept page is served only while the data version in the database is still the one read
 * before the page was made (every change moves it), so it is never older than a change the reader could see.
 * Editors' pages may hold restricted people and are never kept.
 */
@ApplicationScoped
public class KeptLists {

    /** At most this many different questions kept (a page of 50 people is some 20 KB); beyond it, the oldest go. */
    static final int MAX_KEPT = 256;

    private record Kept(long version, long order, Page<PersonViews.Summary> page) {
    }

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final DataVersion version;
    private final SecurityIdentity identity;
    private long kepts;

    public KeptLists(DataVersion version, SecurityIdentity identity) {
        this.version = version;
        this.identity = identity;
    }

    /** The page the search finds: kept if it was made at the current data version, else made now (and kept). */
    public Page<PersonViews.Summary> page(PersonService.Search search, PageRequest page, Supplier<Page<PersonViews.Summary>> make) {
        if (ReaderInterceptor.seesRestricted(identity)) {
            return make.get();
        }
        long current;
        try {
            current = version.stored();
        } catch (SQLException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                throw new IllegalStateException("PostgreSQL is unavailable: " + e.getMessage(), e); // a 503, at once
            }
            return make.get(); // the same database answers the page itself, or says why it cannot
        }
        String key = search + " " + page;
        Kept k = kept.get(key);
        if (k != null && k.version() == current) {
            return k.page();
        }
        Page<PersonViews.Summary> fresh = make.get();
        keep(key, current, fresh);
        return fresh;
    }

    private synchronized void keep(String key, long current, Page<PersonViews.Summary> page) {
        Kept k = kept.get(key);
        if (k != null && k.version() > current) {
            return; // a page made from newer data is kept already
        }
        kept.put(key, new Kept(current, ++kepts, page));
        if (kept.size() > MAX_KEPT) {
            kept.entrySet().stream().min((a, b) -> Long.compare(a.getValue().order(), b.getValue().order()))
                    .ifPresent(oldest -> kept.remove(oldest.getKey()));
        }
    }
}
