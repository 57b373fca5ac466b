package org.casefile.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import org.casefile.db.Sql;

/**
 * Tells PostgreSQL, for this transaction only, that the reader is an editor (casefile.reader), so row-level
 * security shows them restricted rows. Runs inside the transaction @Transactional opened.
 */
@ReadsAsCaller
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class ReaderInterceptor {

    @Inject
    SecurityIdentity identity;

    @Inject
    EntityManager em;

    @AroundInvoke
    Object asCaller(InvocationContext context) throws Exception {
        if (seesRestricted(identity)) {
            markEditor(em);
        }
        return context.proceed();
    }

    /** Editors see restricted records; everyone else reads as the public. */
    public static boolean seesRestricted(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole("editor");
    }

    private static final Sql MARK_EDITOR = Sql.of("select set_config('casefile.reader', 'editor', true)");

    public static void markEditor(EntityManager em) {
        MARK_EDITOR.in(em).execute();
    }

    /** The same, on a connection used without the EntityManager; inside its transaction. */
    public static void markEditor(java.sql.Connection c) throws java.sql.SQLException {
        MARK_EDITOR.on(c).execute();
    }
}
