package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.casefile.api.BackgroundBuilder;
import org.casefile.api.DataVersion;
import org.casefile.api.DatabaseUnavailable;
import org.casefile.api.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the public person documents built: at start, and whenever PostgreSQL announces a change, it builds every
 * document that is missing or outdated, in batches, so readers find them kept. A reader never waits for it: a
 * document it has not reached yet is built on the read.
 */
@Singleton
public class PersonDocumentBuilder extends BackgroundBuilder {

    /** People the public can see whose document is missing or behind their version, in id order from a key. */
    static final String OUTDATED = """
            select person_id, version from person_document_outdated where person_id > ? order by person_id limit ?""";

    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(PersonDocumentBuilder.class);

    private final PersonDocuments documents;
    private final AgroalDataSource dataSource;

    public PersonDocumentBuilder(PersonDocuments documents, DataVersion version, AgroalDataSource dataSource,
                                 @ConfigProperty(name = "casefile.person-documents.build", defaultValue = "true") boolean enabled,
                                 @ConfigProperty(name = "casefile.person-documents.builders", defaultValue = "2") int threads) {
        super("public person documents", version, enabled, threads);
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
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                long v = versions.get(i);
                done.add(workers.submit(() -> buildOne(id, v)));
            }
            for (Future<Boolean> f : done) {
                built += f.get() ? 1 : 0;
            }
            after = ids.get(ids.size() - 1);
        }
        return built;
    }

    private boolean buildOne(String id, long version) {
        try {
            return inRequest(() -> {
                documents.build(id, version);
                return true;
            });
        } catch (ProblemException | PersonService.MergedException e) {
            return false; // restricted or merged since the batch was listed
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                throw e; // not this person's failure: the pass stops, and says so once
            }
            // One person's failure must not stop the others; the next pass tries again (a read builds it meanwhile).
            LOG.warnf("Person document for '%s' not built: %s", id, e.getMessage());
            return false;
        }
    }
}
