package org.casefile.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.casefile.problem.ProblemMappers;

/**
 * HTTP Basic credentials checked against the accounts in PostgreSQL, throttled by {@link LoginThrottle}. Every
 * refusal looks and costs the same: an unknown account's password is checked against a hash of the same cost
 * ({@link Passwords#NO_ACCOUNT_HASH}), a disabled account's against its own, so neither the answer nor its time
 * tells which accounts exist.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final EntityManager em;
    private final LoginThrottle throttle;

    public AccountIdentityProvider(EntityManager em, LoginThrottle throttle) {
        this.em = em;
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String address = ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword()), address));
    }

    @ActivateRequestContext
    SecurityIdentity check(String username, String password, String address) {
        // Failures are counted under a name that could be an account's, known or not; any other name, only by address.
        String counted = Account.possibleUsername(username) ? username : null;
        long wait = throttle.retryAfter(counted, address);
        if (wait > 0) {
            AccountLog.throttled(username, address, wait);
            throw throttled(wait);
        }
        Account account = counted == null ? null : em.find(Account.class, counted);
        boolean matches = Passwords.matches(password, account == null ? Passwords.NO_ACCOUNT_HASH : account.passwordHash);
        if (account == null || !matches || account.disabled()) {
            AccountLog.refused(username, address, account == null ? "unknown account" : !matches ? "wrong password" : "account disabled");
            long waitNow = throttle.failed(counted, address);
            if (waitNow > 0) {
                AccountLog.throttleStarted(username, address, waitNow);
            }
            throw new AuthenticationFailedException();
        }
        throttle.succeeded(account.username, address);
        AccountLog.loggedIn(account.username, address, "password");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.username))
                .addRoles(Account.rolesOf(account.role))
                .build();
    }

    private static AuthenticationFailedException throttled(long seconds) {
        return new AuthenticationFailedException("too many failed logins", Map.of(ProblemMappers.RETRY_AFTER_SECONDS, seconds));
    }
}
