package org.casefile.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses to start as a role that row-level security does not bind (unless the operator accepts that restricted
 * records are public), and says when name search will not be able to use its index under row-level security.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseRoleCheck.class);

    @Transactional
    void onStart(@Observes StartupEvent event, EntityManager em) {
        // CasefileMain refuses in one line before starting; this holds wherever else the service is started from.
        String refusal = em.unwrap(org.hibernate.Session.class).doReturningWork(RowSecurityCheck::refusal);
        if (refusal != null) {
            if (!RowSecurityCheck.accepted(ConfigProvider.getConfig())) {
                throw new IllegalStateException(refusal);
            }
            LOG.warn("Restricted sources, persons and facts are served to the public: Casefile logs in to PostgreSQL as a role "
                    + "row-level security does not bind, and " + RowSecurityCheck.ACCEPT + "=true accepts that.");
        }
    }
}
