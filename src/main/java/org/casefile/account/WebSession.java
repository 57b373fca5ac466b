package org.casefile.account;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.casefile.problem.ProblemException;

/**
 * Signing in from a browser. A session is an API token of the account's own role that expires after
 * {@link #LASTS} ({@link ApiTokenService}: only its hash is kept, it is listed with the account's tokens, revoked at
 * sign-out), carried in an HttpOnly, SameSite=Lax cookie ({@link #COOKIE}; Secure when the page came over TLS) instead
 * of an Authorization header. Every form a signed-in editor posts carries the session's CSRF token, derived from the
 * session's secret ({@link #csrfOf}), which a page of another site cannot read; the sign-in form, before any session,
 * carries one that matches a cookie set with it.
 */
@ApplicationScoped
public class WebSession {

    public static final String COOKIE = "casefile_session";
    static final String SIGN_IN_COOKIE = "casefile_sign_in";
    /** The form field, and for scripts the header, that carries the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration LASTS = Duration.ofHours(12);
    static final String TOKEN_NAME = "Signed in from a browser";

    private final ApiTokenService tokens;
    private final EntityManager em;

    public WebSession(ApiTokenService tokens, EntityManager em) {
        this.tokens = tokens;
        this.em = em;
    }

    /** Starts a session for an account whose password was just checked; answers its secret, for the cookie. */
    @Transactional
    public String start(String username, String address) {
        String role = em.find(Account.class, username).role;
        return tokens.create(username, new ApiTokenService.NewToken(TOKEN_NAME, role, OffsetDateTime.now().plus(LASTS)), address).token();
    }

    /** Ends the session (its token revoked); a session already ended or unknown changes nothing. */
    @Transactional
    public void end(String secret, String address) {
        tokens.revokeSecret(secret, address);
    }

    /**
     * The secret of the session a request's cookie carries, or null: no cookie, an empty one, or an Authorization header
     * (then HTTP Basic or Bearer authenticates the request, not the cookie).
     */
    public static String secretOf(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                ? null : cookie.getValue();
    }

    /** The CSRF token of the session with this secret: a page of another site can neither read nor compute it. */
    public static String csrfOf(String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ApiTokenService.sha256("casefile csrf\0" + secret));
    }

    /** Refuses (403) a form or script request of a session whose CSRF token is missing or not the session's. */
    public static void requireCsrf(String secret, String csrf) {
        if (secret == null || csrf == null || !MessageDigest.isEqual(csrfOf(secret).getBytes(StandardCharsets.US_ASCII),
                csrf.getBytes(StandardCharsets.US_ASCII))) {
            throw csrfRefused();
        }
    }

    static ProblemException csrfRefused() {
        return new ProblemException(403, "Form not from Casefile",
                "This request carries your sign-in cookie but not the form's token (field '" + CSRF_FIELD + "', or header "
                        + CSRF_HEADER + " from a script), so it may have come from another site; nothing was done. Reload the "
                        + "page and send the form again.");
    }

    /** A fresh random token for the sign-in form and its cookie. */
    static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ApiTokenService.randomBytes());
    }

    /** A cookie of this service's pages: HttpOnly, SameSite=Lax, Secure over TLS; gone when {@code value} is null. */
    static NewCookie cookie(String name, String value, Duration lasts, HttpServerRequest request) {
        return new NewCookie.Builder(name).value(value == null ? "" : value).path("/").httpOnly(true)
                .secure(request != null && "https".equals(request.scheme())).sameSite(NewCookie.SameSite.LAX)
                .maxAge(value == null ? 0 : (int) lasts.toSeconds()).build();
    }

    /** Where to go after signing in: a path of this service only (never another site), else the front page. */
    public static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.contains("\r")
                && !next.contains("\n") ? next : "/";
    }

    /** A 303 to the sign-in page, coming back to {@code path} once signed in: for an editing page asked for signed out. */
    public static Response signInFirst(String path) {
        return Response.seeOther(URI.create("/sign-in?next=" + java.net.URLEncoder.encode(localPath(path), StandardCharsets.UTF_8))).build();
    }
}
