package org.casefile.person;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.casefile.custody.StatusMaterial;
import org.casefile.custody.StatusService;
import org.casefile.custody.StatusView;
import org.casefile.db.KeptJson;
import org.casefile.db.ReadReplica;
import org.casefile.db.Sql;
import org.casefile.security.ReaderInterceptor;

/**
 * The public person documents, kept in PostgreSQL (person_document, V12) as the JSON sent: a person's page is read
 * far more often than anything about them changes, and building it takes a dozen queries; a kept one is a key
 * lookup. A kept document is served only while its version is the person's current one, which every change touching
 * the person moves in the writing transaction (database triggers, whoever writes), so a stale document is never
 * served. Only the public view is kept: an editor's document may hold restricted facts and is always built afresh.
 * Beside each document is kept, built with it, what the person's status on any day is answered from (V23).
 */
@ApplicationScoped
public class PersonDocuments {

    /**
     * The person's current version and, if it is kept at that version, the document as its UTF-8 bytes: one statement,
     * two key lookups. The version is read before any fact is: a document built after it and kept under it is
     * outdated by any change committed meanwhile.
     */
    static final String CURRENT = current("body");

    /** {@link #CURRENT} for the person's kept status material (StatusMaterial, V23) instead of the document. */
    static final String CURRENT_STATUS = current("status");

    private static String current(String column) {
        return "select v.version, convert_to(d." + column + ", 'UTF8')"
                + " from (select coalesce((select c.version from person_change c where c.person_id = $1), 0) as version) v"
                + " left join person_document d on d.person_id = $1 and d.version = v.version";
    }

    // A newer version only: two builders of one person never put an older document back. The document is :body (KeptJson.keep).
    private static final Sql KEEP = Sql.of("""
            insert into person_document as d (person_id, version, status, body) values (:id, :version, :status, :body)
            on conflict (person_id) do update set version = excluded.version, status = excluded.status, body = excluded.body,
                                                  built_at = now()
            where d.version < excluded.version""");

    private final PersonService persons;
    private final StatusService statuses;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;
    private final ReadReplica reads;

    public PersonDocuments(PersonService persons, StatusService statuses, ObjectMapper mapper, SecurityIdentity identity, AgroalDataSource dataSource,
                           ReadReplica reads) {
        this.persons = persons;
        this.statuses = statuses;
        this.mapper = mapper;
        this.identity = identity;
        this.dataSource = dataSource;
        this.reads = reads;
    }

    /** What the public's read found: the person's current version, and the document kept at it (null if none). */
    public record Kept(long version, byte[] body) {
    }

    /**
     * The public document as kept, read on the reactive client (of the read replica, if one serves: ReadReplica): no
     * worker thread waits for it.
     */
    public Uni<Kept> kept(String id) {
        return kept(CURRENT, id);
    }

    /** The public status material as kept (its JSON as {@link Kept#body}), read on the reactive client. */
    public Uni<Kept> keptStatus(String id) {
        return kept(CURRENT_STATUS, id);
    }

    private Uni<Kept> kept(String sql, String id) {
        return reads.publicRead(pool -> pool.preparedQuery(sql).execute(Tuple.of(id))).map(rows -> {
            Row row = rows.iterator().next();
            Buffer body = row.getBuffer(1);
            return new Kept(row.getLong(0), body == null ? null : body.getBytes());
        }).onFailure(java.io.IOException.class).transform(e ->
                // The client's socket failing under it (a reset when PostgreSQL is killed) is the connection to the
                // database lost, SQLSTATE class 08 as JDBC says it: a 503 (DatabaseUnavailable), not a 500.
                new java.sql.SQLNonTransientConnectionException("connection to PostgreSQL lost: " + e.getMessage(), "08006", e));
    }

    /**
     * The person's document as JSON bytes, on a worker thread: the kept one when current, else built (and kept, for
     * the public).
     */
    public byte[] json(String id) {
        if (ReaderInterceptor.seesRestricted(identity)) {
            return write(persons.get(id));
        }
        Kept kept = kept(id).await().indefinitely();
        return kept.body() != null ? kept.body() : build(id, kept.version());
    }

    /**
     * Builds and keeps the public document of a person whose version was {@code version} before this call: on a read
     * that found none kept, and for the background builder (which reads a batch's versions in one statement, in a
     * request context of its own with no caller, so it reads as the public does).
     */
    byte[] build(String id, long version) {
        return keep(id, version).body();
    }

    /** What {@link #build} keeps: the document's JSON and the status material. */
    record Built(byte[] body, StatusMaterial status) {
    }

    /** Builds and keeps the public document and status material of a person, as {@link #build}; answers both. */
    Built keep(String id, long version) {
        PersonService.Document document = persons.document(id);
        byte[] body = write(document.detail());
        return new Built(KeptJson.keep(KEEP.with(dataSource).bind("id", id).bind("version", version)
                .bind("status", new String(write(document.status()), StandardCharsets.UTF_8)), body), document.status());
    }

    /**
     * The public's status on {@code day} now under {@code basis}: from the kept material, read without blocking, and
     * the run covering the day chosen on the caller's thread; when none is kept at the person's version, built (and
     * kept) on a worker thread.
     */
    public Uni<StatusView> publicStatus(String id, java.time.LocalDate day, String basis) {
        return keptStatus(id).chain(kept -> kept.body() != null
                ? Uni.createFrom().item(material(kept.body()).on(id, day, basis))
                : onWorker(() -> keep(id, kept.version()).status().on(id, day, basis)));
    }

    /**
     * The status on {@code day} now under {@code basis}, on a worker thread, as GET /api/persons/{id}/status answers it:
     * the public's from the kept material, an editor's judged.
     */
    public StatusView status(String id, java.time.LocalDate day, String basis) {
        return ReaderInterceptor.seesRestricted(identity) ? statuses.status(id, day, null, basis)
                : publicStatus(id, day, basis).await().indefinitely();
    }

    /** Blocking work (a build, a judgement) moved off the event loop. */
    static <T> Uni<T> onWorker(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /** Status material as kept ({@link #keptStatus}'s body). */
    private StatusMaterial material(byte[] kept) {
        try {
            return mapper.readValue(kept, StatusMaterial.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("kept status material cannot be read: " + e.getMessage(), e);
        }
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("person document cannot be written as JSON", e);
        }
    }
}
