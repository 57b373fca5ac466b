package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.casefile.db.BackgroundBuilder;
import org.casefile.db.ChangeListener;
import org.casefile.problem.DatabaseUnavailable;
import org.casefile.problem.MergedException;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the public person documents built: at start, and whenever PostgreSQL announces a change, it works through
 * the people whose document is behind (person_document_pending, V20, filled by the writing transactions), in
 * batches, so readers find them kept. A reader never waits for it: a document it has not reached yet is built on the
 * read.
 */
@Singleton
public class PersonDocumentBuilder extends BackgroundBuilder {

    /** People whose document is behind, with the version to build, in id order from a key. */
    static final String OUTDATED = """
            select person_id, version from person_document_pending where person_id > ? order by person_id limit ?""";

    /**
     * Done with these people at these versions: a document kept, or none to keep (restricted, merged or gone). A
     * writer that moved a version meanwhile holds the row until it commits, and its newer version stays queued.
     */
    static final String DONE = """
            delete from person_document_pending q using unnest(?::text[], ?::bigint[]) d(person_id, version)
            where q.person_id = d.person_id and q.version = d.version""";

    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(PersonDocumentBuilder.class);

    private final PersonDocuments documents;
    private final AgroalDataSource dataSource;

    public PersonDocumentBuilder(PersonDocuments documents, ChangeListener changes, AgroalDataSource dataSource,
                                 @ConfigProperty(name = "casefile.person-documents.build", defaultValue = "true") boolean enabled,
                                 @ConfigProperty(name = "casefile.person-documents.builders", defaultValue = "2") int threads) {
        super("public person documents", changes, enabled, threads);
        this.documents = documents;
        this.dataSource = dataSource;
    }

    @Override
    protected int pass() throws Exception {
        return buildOutdated();
    }

    /** One pass over the people, in id order; answers how many documents it built. */
    int buildOutdated() throws Exception {
        int built = 0;
        String after = "";
        while (!stopped()) {
            List<String> ids = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(OUTDATED)) {
                s.setString(1, after);
                s.setInt(2, BATCH);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                        versions.add(r.getLong(2));
                    }
                }
            }
            if (ids.isEmpty()) {
                return built;
            }
            List<Future<Built>> pending = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                long v = versions.get(i);
                pending.add(workers.submit(() -> buildOne(id, v)));
            }
            List<String> doneIds = new ArrayList<>();
            List<Long> doneVersions = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Built result = pending.get(i).get();
                built += result == Built.KEPT ? 1 : 0;
                if (result != Built.FAILED) {
                    doneIds.add(ids.get(i));
                    doneVersions.add(versions.get(i));
                }
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DONE)) {
                s.setArray(1, c.createArrayOf("text", doneIds.toArray()));
                s.setArray(2, c.createArrayOf("bigint", doneVersions.toArray()));
                s.executeUpdate();
            }
            after = ids.get(ids.size() - 1);
        }
        return built;
    }

    /** What became of one person's entry. */
    private enum Built { KEPT, NOTHING_TO_KEEP, FAILED }

    private Built buildOne(String id, long version) {
        try {
            return inRequest(() -> {
                documents.build(id, version);
                return Built.KEPT;
            });
        } catch (MergedException e) {
            return Built.NOTHING_TO_KEEP;
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return Built.NOTHING_TO_KEEP; // restricted or gone: the public has no document of theirs
            }
            LOG.warnf("Person document for '%s' not built: %s", id, e.getMessage());
            return Built.FAILED;
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                throw e; // not this person's failure: the pass stops, and says so once
            }
            // One person's failure must not stop the others; the next pass tries again (a read builds it meanwhile).
            LOG.warnf("Person document for '%s' not built: %s", id, e.getMessage());
            return Built.FAILED;
        }
    }
}
