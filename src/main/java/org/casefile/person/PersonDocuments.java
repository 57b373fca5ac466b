package org.casefile.person;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.casefile.api.DataVersion;

/**
 * The public person documents, kept as the JSON sent: a person's page is read far more often than anything about
 * them changes, and building it takes a dozen queries. A kept document is served only while the data version it
 * was built under is still current (any committed change anywhere moves it), and only to the public: an editor's
 * document may hold restricted facts and is always built afresh.
 */
@ApplicationScoped
public class PersonDocuments {

    /** Beyond this many, start again rather than track which to drop. */
    static final int MAX_KEPT = 50_000;

    private final PersonService persons;
    private final DataVersion version;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public PersonDocuments(PersonService persons, DataVersion version, ObjectMapper mapper, SecurityIdentity identity) {
        this.persons = persons;
        this.version = version;
        this.mapper = mapper;
        this.identity = identity;
    }

    private record Kept(long version, byte[] json) {
    }

    /** The person's document as JSON bytes, kept or built. */
    public byte[] json(String id) {
        boolean keepable = version.trusted() && identity.isAnonymous();
        long before = version.current();
        if (keepable) {
            Kept k = kept.get(id);
            if (k != null && k.version() == before) {
                return k.json();
            }
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(persons.get(id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("person document cannot be written as JSON", e);
        }
        // Kept only if nothing changed while it was built: a change committed meanwhile may or may not be in it.
        if (keepable && version.current() == before && version.trusted()) {
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(id, new Kept(before, json));
        }
        return json;
    }
}
