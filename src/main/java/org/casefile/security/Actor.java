package org.casefile.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import org.casefile.db.Sql;
import org.casefile.problem.ProblemException;

/**
 * Who is writing. Every write transaction starts by telling PostgreSQL (casefile.actor), so the history the
 * triggers keep names the person behind each change.
 */
@RequestScoped
public class Actor {

    private static final Sql DECLARE = Sql.of("select set_config('casefile.actor', :actor, true)");

    private final SecurityIdentity identity;
    private final EntityManager em;

    public Actor(SecurityIdentity identity, EntityManager em) {
        this.identity = identity;
        this.em = em;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * Tells PostgreSQL, for this transaction, who writes (the history names them) and that they read as an editor;
     * answers the name. Call inside the write transaction, before the first change.
     */
    public String declareWriter() {
        String name = name();
        DECLARE.in(em).bind("actor", name).execute();
        // Writers are editors: they see, and may cite, restricted rows.
        ReaderInterceptor.markEditor(em);
        return name;
    }

    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(422, "Reason required",
                    "Every change keeps the version it replaces and says why: give a reason (what the new evidence or correction is).");
        }
        return reason.trim();
    }
}
