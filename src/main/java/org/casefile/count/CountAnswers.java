package org.casefile.count;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.casefile.api.KeptJson;
import org.casefile.api.PageRequest;
import org.casefile.api.ReaderInterceptor;

/**
 * Whole public answers to the question most asked, a named definition on a day under a basis with nothing else (the first page,
 * the breakdown by status), kept in PostgreSQL (count_answer, V13) as the JSON sent, so asking again is a key lookup.
 * A kept answer is served only while the data is at the version it was built from (data_version, moved by every
 * change in the writing transaction), so it is never stale; its readAt is when its records were read, and they have
 * not changed since. Editors' answers may count restricted records and are never kept.
 */
@ApplicationScoped
public class CountAnswers {

    /** The data version and, if kept at that version, the answer: one statement, one key lookup. */
    static final String CURRENT = """
            select v.version, a.body
            from data_version v left join count_answer a on a.definition = ? and a.basis = ? and a.day = ? and a.version = v.version""";

    /** The data version and the answer kept for the question, whatever version it was built at, with that version. */
    static final String LATEST = """
            select v.version, a.body, a.version
            from data_version v left join count_answer a on a.definition = ? and a.basis = ? and a.day = ?""";

    // A newer version only: two builders of one answer never put an older one back.
    private static final String KEEP = """
            insert into count_answer as a (definition, basis, day, version, body) values (?, ?, ?, ?, ?)
            on conflict (definition, basis, day) do update set version = excluded.version, body = excluded.body
            where a.version < excluded.version""";

    static final List<String> GROUP_BY = List.of("status");
    static final PageRequest FIRST_PAGE = new PageRequest(0, PageRequest.DEFAULT_SIZE);

    private final CountService counts;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;

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
        KeptJson.Found found = KeptJson.find(dataSource, CURRENT, q.definition().id(), q.basis(), q.asOf());
        return found.body() != null ? found.body() : build(q, found.version());
    }

    /**
     * The first page of a count by status, for a page that must not wait for a count: the kept one, even when the data
     * has changed since it was read ({@link KeptJson.Found#current()} false: the page says so, with its readAt); counted
     * now only when none was ever kept, or for a reader whose answers are never kept.
     */
    public KeptJson.Found latest(CountService.Question q) {
        if (!kept(q, GROUP_BY, FIRST_PAGE) || ReaderInterceptor.seesRestricted(identity)) {
            return new KeptJson.Found(0, json(q, GROUP_BY, FIRST_PAGE), 0); // counted now: never kept
        }
        KeptJson.Found found = KeptJson.find(dataSource, LATEST, q.definition().id(), q.basis(), q.asOf());
        return found.body() != null ? found : new KeptJson.Found(found.version(), build(q, found.version()), found.version());
    }

    /** Whether answers to this question are kept: a definition on a day, nothing narrowed, the default page and breakdown. */
    static boolean kept(CountService.Question q, List<String> groupBy, PageRequest page) {
        return q.knownAt() == null && q.affiliation() == null && q.citizenship() == null && q.incidentType() == null
                && GROUP_BY.equals(groupBy) && FIRST_PAGE.equals(page);
    }

    /**
     * Counts and keeps the public answer, stamped with the data version read before the count read anything: if the
     * data changed meanwhile, the stamp is behind and the answer is never served again.
     */
    byte[] build(CountService.Question q, long version) {
        return keep(q, counts.count(q, GROUP_BY, FIRST_PAGE), version);
    }

    /** Keeps a public answer to the kept question q made from the data at {@code version}. */
    byte[] keep(CountService.Question q, CountViews.Count count, long version) {
        return KeptJson.keep(dataSource, KEEP, write(count), q.definition().id(), q.basis(), q.asOf(), version);
    }

    private byte[] write(CountViews.Count count) {
        try {
            return mapper.writeValueAsBytes(count);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("count cannot be written as JSON", e);
        }
    }
}
