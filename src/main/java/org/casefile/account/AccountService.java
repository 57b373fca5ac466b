package org.casefile.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.casefile.db.Sql;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    public static final List<String> ROLES = List.of("editor", "admin");
    private static final Sql CHANGE_LOCK = Sql.of("select pg_advisory_xact_lock(hashtext('casefile.account.change')) as locked");

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
        // Instances started together on one database: one makes the admin, the others find it made.
        CHANGE_LOCK.in(em).execute();
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

    public record AccountView(String username, String role, OffsetDateTime createdAt, String createdBy,
                              @Schema(description = "A disabled account cannot log in, and its tokens do not work.") boolean disabled,
                              OffsetDateTime disabledAt, String disabledBy) {

        static AccountView of(Account a) {
            return new AccountView(a.username, a.role, a.createdAt, a.createdBy, a.disabled(), a.disabledAt, a.disabledBy);
        }
    }

    @Schema(name = "AccountChange", description = "What to change about an account.")
    public record AccountChange(
            @Schema(description = "true disables the account (it cannot log in, its tokens stop working); false enables it again.",
                    required = true) Boolean disabled) {
    }

    @Transactional
    public AccountView create(NewAccount request, String by, String address) {
        if (request == null || !Account.possibleUsername(request.username())) {
            throw new ProblemException(422, "Invalid username",
                    "A username is 2 to 63 characters: lower-case letters, digits, dot, underscore or hyphen, starting with a letter or digit.");
        }
        if (request.username().equals(Account.ME)) {
            throw new ProblemException(422, "Reserved username",
                    "'" + Account.ME + "' stands for the caller's own account in paths (/api/accounts/me/tokens); choose another username.");
        }
        if (request.password() == null || request.password().codePointCount(0, request.password().length()) < Passwords.MIN_LENGTH) {
            throw new ProblemException(422, "Password too short", "Choose a password of at least " + Passwords.MIN_LENGTH + " characters.");
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
        AccountLog.account("created (" + a.role + ")", a.username, by, address);
        return AccountView.of(a);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountView> list() {
        return em.createQuery("from Account order by username", Account.class).getResultList().stream()
                .map(AccountView::of).toList();
    }

    /**
     * Disables or enables an account. The last enabled admin cannot be disabled: someone must be able to manage
     * accounts. Changes of this kind queue behind each other, so two admins disabling each other cannot both succeed.
     */
    @Transactional
    public AccountView change(String username, AccountChange change, String by, String address) {
        if (change == null || change.disabled() == null) {
            throw new ProblemException(422, "Nothing to change", "Send {\"disabled\": true} to disable the account or {\"disabled\": false} to enable it.");
        }
        CHANGE_LOCK.in(em).execute();
        Account a = Account.possibleUsername(username) ? em.find(Account.class, username) : null;
        if (a == null) {
            throw new ProblemException(404, "Account not found", "No account is named '" + username + "'. GET /api/accounts lists them.",
                    Map.of("username", String.valueOf(username)));
        }
        if (change.disabled() && !a.disabled()) {
            if (a.role.equals("admin") && em.createQuery("select count(a) from Account a where a.role = 'admin' and a.disabledAt is null",
                    Long.class).getSingleResult() <= 1) {
                throw new ProblemException(409, "Last admin",
                        "'" + username + "' is the only enabled admin; make or enable another admin before disabling it.");
            }
            a.disabledAt = OffsetDateTime.now();
            a.disabledBy = by;
            AccountLog.account("disabled", a.username, by, address);
        } else if (!change.disabled() && a.disabled()) {
            a.disabledAt = null;
            a.disabledBy = null;
            AccountLog.account("enabled", a.username, by, address);
        }
        return AccountView.of(a);
    }
}
