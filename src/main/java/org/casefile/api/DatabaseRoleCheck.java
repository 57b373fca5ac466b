package org.casefile.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Says loudly when the service logs in as a role that row-level security does not bind, and when name search will
 * not be able to use its index under row-level security.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseRoleCheck.class);

    @Transactional
    void onStart(@Observes StartupEvent event, EntityManager em) {
        Object bypasses = em.createNativeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user").getSingleResult();
        if (Boolean.TRUE.equals(bypasses)) {
            LOG.warn("Casefile logs in to PostgreSQL as a superuser (or a role with BYPASSRLS): restricted sources, persons and facts "
                    + "are NOT hidden from the public. Log in as an ordinary role (see README, 'Using an existing PostgreSQL').");
        }
        Object leakproof = em.createNativeQuery("select coalesce(bool_and(proleakproof), false) from pg_proc"
                + " where proname in ('similarity_op', 'word_similarity_op', 'word_similarity_commutator_op')").getSingleResult();
        if (!Boolean.TRUE.equals(leakproof)) {
            LOG.warn("pg_trgm's similarity operators are not declared LEAKPROOF in this database, so under row-level security name "
                    + "search reads every name instead of using its index. A superuser can declare them (see README, "
                    + "'Using an existing PostgreSQL').");
        }
    }
}
