package org.casefile.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Says loudly when the service logs in as a role that row-level security does not bind. */
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
    }
}
