package org.casefile.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.casefile.db.Sql;

/**
 * Failed logins counted per account and per client address, in PostgreSQL so that every service instance on the
 * database counts the same failures. Once an account (known or not) or an address has had as many failures within
 * the window as {@link LoginLimits} allow, every further login for it is refused, the right password too, until
 * enough of those failures are older than the window.
 *
 * A login is checked before its password is, and a failure counted after: logins already being checked when the
 * limit is reached are still judged (as many as the service checks at once).
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * Seconds until :username and :address may log in again, from the limit-th newest failure of each within the
     * window: once it is older than the window, fewer than the limit are.
     */
    private static final Sql RETRY_AFTER = Sql.of("""
            select ceil(greatest(0,
              coalesce((select extract(epoch from f.failed_at + w.span - clock_timestamp()) from login_failure f
                        where f.username = :username and f.failed_at > clock_timestamp() - w.span
                        order by f.failed_at desc offset :accountOffset limit 1), 0),
              coalesce((select extract(epoch from f.failed_at + w.span - clock_timestamp()) from login_failure f
                        where f.address = :address and f.failed_at > clock_timestamp() - w.span
                        order by f.failed_at desc offset :addressOffset limit 1), 0))) as seconds
            from (select :windowSeconds * interval '1 second' as span) w
            """);

    private static final Sql FORGET_OLD = Sql.of(
            "delete from login_failure where failed_at < clock_timestamp() - :windowSeconds * interval '1 second'");

    private static final Sql COUNT_FAILURE = Sql.of("insert into login_failure (username, address) values (:username, :address)");

    private static final Sql FORGIVE = Sql.of("delete from login_failure where username = :username and address = :address");

    private final EntityManager em;
    private final LoginLimits limits;

    public LoginThrottle(EntityManager em, LoginLimits limits) {
        this.em = em;
        this.limits = limits;
    }

    /**
     * Seconds until the account and the address may log in again, or 0 when they may now.
     *
     * @param username the account as given, or null when it could name none
     */
    @Transactional
    public long retryAfter(String username, String address) {
        return RETRY_AFTER.in(em)
                .bind("username", username)
                .bind("address", address)
                .bind("accountOffset", limits.accountFailures() - 1)
                .bind("addressOffset", limits.addressFailures() - 1)
                .bind("windowSeconds", limits.window().toSeconds())
                .one(r -> r.number("seconds"));
    }

    /** Counts a failed login; answers {@link #retryAfter} as it stands after it. */
    @Transactional
    public long failed(String username, String address) {
        FORGET_OLD.in(em).bind("windowSeconds", limits.window().toSeconds()).update();
        COUNT_FAILURE.in(em).bind("username", username).bind("address", address).update();
        return retryAfter(username, address);
    }

    /**
     * A login succeeded: the account's own failures from this address are forgiven (a mistyped password, then the
     * right one). Failures from other addresses, and this address's failures for other accounts, still count.
     */
    @Transactional
    public void succeeded(String username, String address) {
        FORGIVE.in(em).bind("username", username).bind("address", address).update();
    }
}
