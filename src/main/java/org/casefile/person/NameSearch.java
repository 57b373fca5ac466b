package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.ReaderInterceptor;
import org.casefile.custody.StatusService;

/**
 * The name search researchers run most (a name in plain ASCII, nothing else asked, best first, as the public)
 * answered from the name index, the page's statuses read in one statement on a plain connection: no Hibernate
 * session and no JTA transaction, whose cost per request was larger than the search's own (bench/EXPLAIN.md). The
 * statement also reads the data version; when the index was not built from it, the search is left to
 * {@link PersonService#list}, which answers from PostgreSQL. The answer is the same either way (NameIndexTest).
 */
@ApplicationScoped
public class NameSearch {

    /** The matches among names whose keys are not plain: see {@link #othersMatching}. */
    static final String OTHERS = "select n.person_id, max(" + PersonService.SCORE.replace(":key", "?") + ") from person_name n where "
            + PersonService.NOT_PLAIN_KEY + " and ? <% n.search_key group by n.person_id";

    private final NameIndex names;
    private final AgroalDataSource dataSource;
    private final SecurityIdentity identity;

    public NameSearch(NameIndex names, AgroalDataSource dataSource, SecurityIdentity identity) {
        this.names = names;
        this.dataSource = dataSource;
        this.identity = identity;
    }

    /** The page of people the search finds, or null when this path does not answer it. */
    public Page<PersonViews.Summary> find(PersonService.Search search, PageRequest page) {
        Plan plan = plan(search, ReaderInterceptor.seesRestricted(identity));
        if (plan == null) {
            return null;
        }
        try (Connection c = dataSource.getConnection()) {
            NameIndex.Found found = plan.prepared().search(false, plan.prepared().needsOthers() ? others(c, plan.key()) : Map.of());
            List<String> ids = pageIds(found, page);
            return page(found, ids, StatusService.statusesAndVersion(c, ids, search.asOf(), search.basis()), page);
        } catch (SQLException e) {
            throw new IllegalStateException("name search cannot read the database: " + e.getMessage(), e);
        }
    }

    /** The search's name key and the index's search for it. */
    record Plan(String key, NameIndex.Prepared prepared) {
    }

    /**
     * How this path answers the search, or null when it does not: a search with filters, another order, by a
     * reader who sees restricted records, or one the index cannot answer.
     */
    Plan plan(PersonService.Search search, boolean seesRestricted) {
        boolean filtered = search.states() != null || search.organizationId() != null || search.citizenship() != null
                || search.role() != null || search.concern() != null;
        if (search.q() == null || search.q().isBlank() || filtered || !search.sort().equals("relevance") || seesRestricted) {
            return null;
        }
        String key = NameKey.of(search.q());
        if (key == null) {
            return null;
        }
        if (key.isEmpty()) {
            throw PersonService.noLetters(search.q());
        }
        NameIndex.Prepared prepared = names.prepare(key);
        return prepared == null ? null : new Plan(key, prepared);
    }

    /** The ids of the people on the page, best first. */
    static List<String> pageIds(NameIndex.Found found, PageRequest page) {
        List<NameIndex.Match> matches = found.matches();
        return matches.subList(Math.min(page.offset(), matches.size()), Math.min(page.offset() + page.size(), matches.size()))
                .stream().map(NameIndex.Match::personId).toList();
    }

    /**
     * The page, with the statuses read for its people; null when they were read at another data version than the
     * index was built from (PostgreSQL then answers the search).
     */
    static Page<PersonViews.Summary> page(NameIndex.Found found, List<String> ids, StatusService.VersionedStatuses statuses,
                                          PageRequest page) {
        if (statuses.dataVersion() != found.version()) {
            return null;
        }
        List<PersonViews.Summary> items = ids.stream().map(id -> PersonViews.Summary.of(id, found.name(id),
                PersonService.without(found.names(id), found.name(id)), statuses.statuses().get(id))).toList();
        return new Page<>(items, found.matches().size(), page.page(), page.size());
    }

    /** The threshold is a setting of the transaction, so the statements share one. */
    private static Map<String, Float> others(Connection c, String key) {
        try {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("select set_config('pg_trgm.word_similarity_threshold', ?, true)")) {
                    s.setString(1, String.valueOf(NameIndex.THRESHOLD));
                    s.executeQuery().close();
                }
                Map<String, Float> out = othersMatching(c, key);
                c.commit();
                return out;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("name search cannot read the database: " + e.getMessage(), e);
        }
    }

    /**
     * The matches among names whose keys are not plain (not a-z, 0-9 and spaces: Khmer script, say), which the name
     * index leaves to PostgreSQL, person id to best score; read as the connection's reader, so row-level security
     * hides restricted names, in a transaction whose word-similarity threshold is {@link NameIndex#THRESHOLD}. Its
     * partial trigram index (V14) holds only those names.
     */
    static Map<String, Float> othersMatching(Connection c, String key) throws SQLException {
        Map<String, Float> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(OTHERS)) {
            s.setString(1, key);
            s.setString(2, key);
            s.setString(3, key);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getFloat(2));
                }
            }
        }
        return out;
    }
}
