package org.casefile.person;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
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
     * The person's current version and, if it is kept at that version, the document: one statement, two key lookups.
     * The version is read before any fact is: a document built after it and kept under it is outdated by any change
     * committed meanwhile.
     */
    static final String CURRENT = """
            select v.version, d.body
            from (select coalesce((select c.version from person_change c where c.person_id = ?), 0) as version) v
            left join person_document d on d.person_id = ? and d.version = v.version""";

    // A newer version only: two builders of one person never put an older document back.
    private static final String KEEP = """
            insert into person_document as d (person_id, version, body) values (?, ?, ?)
            on conflict (person_id) do update set version = excluded.version, body = excluded.body, built_at = now()
            where d.version < excluded.version""";

    private final PersonService persons;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final AgroalDataSource dataSource;

    public PersonDocuments(PersonService persons, ObjectMapper mapper, SecurityIdentity identity, AgroalDataSource dataSource) {
        this.persons = persons;
        this.mapper = mapper;
        this.identity = identity;
        this.dataSource = dataSource;
    }

    /** The person's document as JSON bytes: the kept one when current, else built (and kept, for the public). */
    public byte[] json(String id) {
        if (ReaderInterceptor.seesRestricted(identity)) {
            return write(persons.get(id));
        }
        KeptJson.Found found = KeptJson.find(dataSource, CURRENT, id, id);
        // Built in a transaction of its own, on another connection: the reading one is back in the pool meanwhile.
        return found.body() != null ? found.body() : build(id, found.version());
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
