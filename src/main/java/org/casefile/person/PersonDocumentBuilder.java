package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.casefile.db.BackgroundBuilder;
import org.casefile.db.ChangeListener;
import org.casefile.db.Sql;
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
    static final Sql OUTDATED = Sql.of("""
            select person_id, version from person_document_pending where person_id > :after order by person_id limit :batch""");

    /**
     * Done with these people at these versions: a document kept, or none to keep (restricted, merged or gone). A
     * writer that moved a version meanwhile holds the row until it commits, and its newer version stays queued.
     */
    static final Sql DONE = Sql.of("""
            delete from person_document_pending q using unnest(:ids::text[], :versions::bigint[]) d(person_id, version)
            where q.person_id = d.person_id and q.version = d.version""");

    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(PersonDocumentBuilder.class);

    private final PersonDocuments documents;
    private final AgroalDataSource dataSource;

    public PersonDocumentBuilder(PersonDocuments documents, ChangeListener changes, AgroalDataSource dataSource,
                                 @ConfigProperty(name = "casefile.person-documents.build", defaultValue = "true") boolean enabled,
                                 @ConfigProperty(name = "casefile.person-documents.builders", defaultValue = "2") int threads) {
        super("public person documents", Scope.DATABASE, changes, enabled, threads);
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
            List<Outdated> outdated = OUTDATED.with(dataSource).bind("after", after).bind("batch", BATCH)
                    .list(r -> new Outdated(r.text("person_id"), r.number("version")));
            if (outdated.isEmpty()) {
                return built;
            }
            List<Future<Built>> pending = new ArrayList<>();
            for (Outdated o : outdated) {
                pending.add(workers.submit(() -> buildOne(o.id(), o.version())));
            }
            List<String> doneIds = new ArrayList<>();
            List<Long> doneVersions = new ArrayList<>();
            for (int i = 0; i < outdated.size(); i++) {
                Built result = pending.get(i).get();
                built += result == Built.KEPT ? 1 : 0;
                if (result != Built.FAILED) {
                    doneIds.add(outdated.get(i).id());
                    doneVersions.add(outdated.get(i).version());
                }
            }
            DONE.with(dataSource).bind("ids", doneIds.toArray(String[]::new)).bind("versions", doneVersions.toArray(Long[]::new))
                    .update();
            after = outdated.get(outdated.size() - 1).id();
        }
        return built;
    }

    /** A person whose document is behind, and the version to build. */
    private record Outdated(String id, long version) {
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
