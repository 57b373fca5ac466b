package org.casefile.person;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.casefile.api.KeptJson;
import org.casefile.api.ReaderInterceptor;

/**
 * The public person documents, kept in PostgreSQL (person_document, V12) as the JSON sent: a person's page is read
 * far more often than anything about them changes, and building it takes a dozen queries; a kept one is a key
 * lookup. A kept document is served only while its version is the person's current one, which every change touching
 * the person moves in the writing transaction (database triggers, whoever writes), so a stale document is never
 * served. Only the public view is kept: an editor's document may hold restricted facts and is always built afresh.
 */
@ApplicationScoped
public class PersonDocuments {

    /**
     * The person's current version and, if it is kept at that version, the document as its UTF-8 bytes: one statement,
     * two key lookups. The version is read before any fact is: a document built after it and kept under it is
     * outdated by any change committed meanwhile.
     */
    static final String CURRENT = """
            select v.version, convert_to(d.body, 'UTF8')
            from (select coalesce((select c.version from person_change c where c.person_id = $1), 0) as version) v
            left join person_document d on d.person_id = $1 and d.version = v.version""";

    // A newer version only: two builders of one person never put an older document back.
    private static final String KEEP = """
            insert into person_document as d (person_id, version, body) values (?, ?, ?)
            on conflict (person_id) do update set version = excluded.version, body = excluded.body, built_at = now()
            where d.version < excluded.version""";

    private final PersonService persons;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;
    private final Pool reactive;

    public PersonDocuments(PersonService persons, ObjectMapper mapper, SecurityIdentity identity, AgroalDataSource dataSource,
                           Pool reactive) {
        this.persons = persons;
        this.mapper = mapper;
        this.identity = identity;
        this.dataSource = dataSource;
        this.reactive = reactive;
    }

    /** What the public's read found: the person's current version, and the document kept at it (null if none). */
    public record Kept(long version, byte[] body) {
    }

    /** The public document as kept, read on the reactive client: no worker thread waits for it. */
    public Uni<Kept> kept(String id) {
        return reactive.preparedQuery(CURRENT).execute(Tuple.of(id)).map(rows -> {
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
        return KeptJson.keep(dataSource, KEEP, write(persons.get(id)), id, version);
    }

    private byte[] write(PersonViews.Detail detail) {
        try {
            return mapper.writeValueAsBytes(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("person document cannot be written as JSON", e);
        }
    }
}
