package org.casefile.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.casefile.api.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    public static final List<String> ROLES = List.of("editor", "admin");

    private final EntityManager em;
    private final java.util.Optional<String> adminPassword;

    public AccountService(EntityManager em,
                          @ConfigProperty(name = "casefile.admin.password") java.util.Optional<String> adminPassword) {
        this.em = em;
        this.adminPassword = adminPassword;
    }

    /** The first admin comes from CASEFILE_ADMIN_PASSWORD; without it none is made. There is no default password. */
    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (adminPassword.isEmpty() || adminPassword.get().isBlank()) {
            LOG.info("CASEFILE_ADMIN_PASSWORD is not set: no admin account is created; the API is read-only until one exists.");
            return;
        }
        if (em.find(Account.class, "admin") == null) {
            Account admin = new Account();
            admin.username = "admin";
            admin.passwordHash = Passwords.hash(adminPassword.get());
            admin.role = "admin";
            admin.createdBy = "CASEFILE_ADMIN_PASSWORD";
            em.persist(admin);
            LOG.info("Created the admin account from CASEFILE_ADMIN_PASSWORD.");
        }
    }

    public record NewAccount(String username, String password, String role) {
    }

    public record AccountView(String username, String role, java.time.OffsetDateTime createdAt, String createdBy) {
    }

    @Transactional
    public AccountView create(NewAccount request, String by) {
        if (request == null || request.username() == null || !request.username().matches("[a-z0-9][a-z0-9._-]{1,62}")) {
            throw new ProblemException(422, "Invalid username",
                    "A username is 2 to 63 characters: lower-case letters, digits, dot, underscore or hyphen, starting with a letter or digit.");
        }
        if (request.password() == null || request.password().length() < 12) {
            throw new ProblemException(422, "Password too short", "Choose a password of at least 12 characters.");
        }
        if (!ROLES.contains(request.role())) {
            throw new ProblemException(422, "Invalid role", "role must be editor or admin.", Map.of("accepted", ROLES));
        }
        if (em.find(Account.class, request.username()) != null) {
            throw new ProblemException(409, "Account exists", "An account named '" + request.username() + "' exists already.");
        }
        Account a = new Account();
        a.username = request.username();
        a.passwordHash = Passwords.hash(request.password());
        a.role = request.role();
        a.createdBy = by;
        em.persist(a);
        em.flush();
        em.refresh(a);
        return new AccountView(a.username, a.role, a.createdAt, a.createdBy);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountView> list() {
        return em.createQuery("from Account order by username", Account.class).getResultList().stream()
                .map(a -> new AccountView(a.username, a.role, a.createdAt, a.createdBy)).toList();
    }
}
