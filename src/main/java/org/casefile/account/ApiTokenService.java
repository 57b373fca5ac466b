package org.casefile.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * API tokens: 256 random bits, written {@code cf_} and url-safe base64, shown once when made; only their SHA-256 is
 * kept (a fast hash is enough for a secret no one can guess, so a request with a token costs no bcrypt check).
 */
@ApplicationScoped
public class ApiTokenService {

    /** The identity attribute that says a request was authenticated by a token (its id), not by a password. */
    public static final String TOKEN_ID = "casefile.api-token-id";

    static final String PREFIX = "cf_";
    private static final Pattern FORMAT = Pattern.compile("cf_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token with its owner's account, read together. */
    record Found(ApiToken token, Account owner) {
    }

    private final EntityManager em;

    public ApiTokenService(EntityManager em) {
        this.em = em;
    }

    @Schema(name = "NewApiToken", description = "A token to make for your own account.")
    public record NewToken(
            @Schema(description = "What the token is for, 1 to 100 characters.", examples = "nightly import", required = true) String name,
            @Schema(description = "editor (default) or admin; never above your own role.", examples = "editor",
                    enumeration = {"editor", "admin"}) String role,
            @Schema(description = "When the token stops working (ISO 8601 with offset); by default it works until revoked.",
                    examples = "2027-01-01T00:00:00Z") OffsetDateTime expiresAt) {
    }

    @Schema(name = "ApiToken", description = "A token as listed: never the token itself.")
    public record TokenView(long id, String owner, String name, String role, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                            @Schema(description = "Last request made with it, to the minute.") OffsetDateTime lastUsedAt,
                            OffsetDateTime revokedAt, String revokedBy,
                            @Schema(description = "Whether it works now: not revoked, not expired.") boolean active) {
    }

    @Schema(name = "CreatedApiToken", description = "A token just made. `token` is shown this once and never again: keep it.")
    public record CreatedToken(long id, String owner, String name, String role, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                               @Schema(description = "Send it as Authorization: Bearer <token>.",
                                       examples = "cf_q3Yb0v8m1k2JxZkq8gGx1xV0m3Q9b7Yx2cQ4k1n0PzA") String token) {
    }

    /** A token for the owner, made with the owner's password (the resource checks that). */
    @Transactional
    public CreatedToken create(String owner, NewToken request, String address) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ProblemException(422, "Name required", "Give the token a name (1 to 100 characters) that says what it is for.");
        }
        String name = request.name().strip();
        if (name.codePointCount(0, name.length()) > 100) {
            throw new ProblemException(422, "Name too long", "A token's name is at most 100 characters.");
        }
        String role = request.role() == null ? "editor" : request.role();
        if (!AccountService.ROLES.contains(role)) {
            throw new ProblemException(422, "Invalid role", "role must be editor or admin.", Map.of("accepted", AccountService.ROLES));
        }
        Account account = em.find(Account.class, owner);
        if (!Account.rolesOf(account.role).contains(role)) {
            throw new ProblemException(403, "Role above yours",
                    "A token acts with at most its owner's role; your account is " + account.role + ". Ask for role editor.");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now())) {
            throw new ProblemException(422, "Expiry in the past", "expiresAt must be in the future, or left out for a token that works until revoked.");
        }
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        ApiToken t = new ApiToken();
        t.username = owner;
        t.name = name;
        t.role = role;
        t.tokenSha256 = sha256(token);
        t.expiresAt = request.expiresAt();
        em.persist(t);
        em.flush();
        em.refresh(t);
        AccountLog.token("created (" + role + ")", t.id, owner, owner, address);
        return new CreatedToken(t.id, owner, t.name, t.role, t.createdAt, t.expiresAt, token);
    }

    @Transactional
    public Page<TokenView> list(String owner, PageRequest page) {
        requireAccount(owner);
        long total = em.createQuery("select count(t) from ApiToken t where t.username = :owner", Long.class)
                .setParameter("owner", owner).getSingleResult();
        List<TokenView> items = em.createQuery("from ApiToken t where t.username = :owner order by t.id", ApiToken.class)
                .setParameter("owner", owner)
                .setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultList().stream().map(ApiTokenService::view).toList();
        return new Page<>(items, total, page.page(), page.size());
    }

    @Transactional
    public TokenView get(String owner, String id) {
        return view(find(owner, id));
    }

    /** Revokes the token; revoking it again changes nothing. */
    @Transactional
    public void revoke(String owner, String id, String by, String address) {
        ApiToken t = find(owner, id);
        if (t.revokedAt == null) {
            t.revokedAt = OffsetDateTime.now();
            t.revokedBy = by;
            AccountLog.token("revoked", t.id, owner, by, address);
        }
    }

    /** Revokes the token with this secret (a browser's sign-out); an unknown or revoked one changes nothing. */
    @Transactional
    public void revokeSecret(String token, String address) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return;
        }
        em.createQuery("from ApiToken t where t.tokenSha256 = :sha256", ApiToken.class).setParameter("sha256", sha256(token))
                .getResultList().forEach(t -> revoke(t.username, String.valueOf(t.id), t.username, address));
    }

    /** The identity a token stands for, or an authentication failure (401) when it does not work. */
    @Transactional
    public SecurityIdentity authenticate(String token, String address) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            AccountLog.tokenRefused("not a Casefile token", null, null, address);
            throw new AuthenticationFailedException();
        }
        List<Found> found = em.createQuery("select t, a from ApiToken t, Account a where a.username = t.username "
                        + "and t.tokenSha256 = :sha256", Found.class)
                .setParameter("sha256", sha256(token)).getResultList();
        if (found.isEmpty()) {
            AccountLog.tokenRefused("unknown", null, null, address);
            throw new AuthenticationFailedException();
        }
        ApiToken t = found.get(0).token();
        Account owner = found.get(0).owner();
        OffsetDateTime now = OffsetDateTime.now();
        String refusal = t.revokedAt != null ? "revoked" : t.expired(now) ? "expired" : owner.disabled() ? "account disabled" : null;
        if (refusal != null) {
            AccountLog.tokenRefused(refusal, t.id, t.username, address);
            throw new AuthenticationFailedException();
        }
        // Kept to the minute, so a busy script writes it once a minute, not on every request.
        if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minusMinutes(1))) {
            t.lastUsedAt = now.truncatedTo(ChronoUnit.MINUTES);
        }
        Set<String> roles = new HashSet<>(Account.rolesOf(t.role));
        roles.retainAll(Account.rolesOf(owner.role));
        AccountLog.loggedIn(owner.username, address, "token " + t.id);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(owner.username))
                .addRoles(roles)
                .addAttribute(TOKEN_ID, t.id)
                .build();
    }

    private ApiToken find(String owner, String id) {
        requireAccount(owner);
        ApiToken t = null;
        if (id != null && id.matches("[0-9]{1,18}")) {
            t = em.find(ApiToken.class, Long.parseLong(id));
        }
        if (t == null || !t.username.equals(owner)) {
            throw new ProblemException(404, "Token not found", "Account '" + owner + "' has no token with the id '" + id
                    + "'. List its tokens at /api/accounts/" + owner + "/tokens.", Map.of("id", String.valueOf(id)));
        }
        return t;
    }

    private void requireAccount(String username) {
        if (!Account.possibleUsername(username) || em.find(Account.class, username) == null) {
            throw ProblemException.notFound("Account", String.valueOf(username));
        }
    }

    private static TokenView view(ApiToken t) {
        boolean active = t.revokedAt == null && !t.expired(OffsetDateTime.now());
        return new TokenView(t.id, t.username, t.name, t.role, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt, t.revokedBy, active);
    }

    /** 256 random bits. */
    static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
