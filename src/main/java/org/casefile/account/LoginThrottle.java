package org.casefile.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
        // The limit-th newest failure within the window: once it is older than the window, fewer than the limit are.
        Number seconds = (Number) em.createNativeQuery("""
                select ceil(greatest(0,
                  coalesce((select extract(epoch from f.failed_at + w.span - clock_timestamp()) from login_failure f
                            where f.username = :username and f.failed_at > clock_timestamp() - w.span
                            order by f.failed_at desc offset :accountOffset limit 1), 0),
                  coalesce((select extract(epoch from f.failed_at + w.span - clock_timestamp()) from login_failure f
                            where f.address = :address and f.failed_at > clock_timestamp() - w.span
                            order by f.failed_at desc offset :addressOffset limit 1), 0)))
                from (select :windowSeconds * interval '1 second' as span) w
                """)
                .setParameter("username", username)
                .setParameter("address", address)
                .setParameter("accountOffset", limits.accountFailures() - 1)
                .setParameter("addressOffset", limits.addressFailures() - 1)
                .setParameter("windowSeconds", limits.window().toSeconds())
                .getSingleResult();
        return seconds.longValue();
    }

    /** Counts a failed login; answers {@link #retryAfter} as it stands after it. */
    @Transactional
    public long failed(String username, String address) {
        em.createNativeQuery("delete from login_failure where failed_at < clock_timestamp() - :windowSeconds * interval '1 second'")
                .setParameter("windowSeconds", limits.window().toSeconds())
                .executeUpdate();
        em.createNativeQuery("insert into login_failure (username, address) values (:username, :address)")
                .setParameter("username", username)
                .setParameter("address", address)
                .executeUpdate();
        return retryAfter(username, address);
    }

    /**
     * A login succeeded: the account's own failures from this address are forgiven (a mistyped password, then the
     * right one). Failures from other addresses, and this address's failures for other accounts, still count.
     */
    @Transactional
    public void succeeded(String username, String address) {
        em.createNativeQuery("delete from login_failure where username = :username and address = :address")
                .setParameter("username", username)
                .setParameter("address", address)
                .executeUpdate();
    }
}
