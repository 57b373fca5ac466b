package org.casefile.account;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CSRF protection for every request a browser's session cookie could authenticate: one that changes something (not
 * GET, HEAD or OPTIONS), carries the cookie and no Authorization header must carry the session's CSRF token, in the
 * header {@link WebSession#CSRF_HEADER} (scripts) or, for an HTML form, in its field {@link WebSession#CSRF_FIELD},
 * which the form's endpoint checks ({@link WebSession#requireCsrf}) as it reads the form. And a response to a request
 * the cookie may authenticate is never kept by a cache: it may hold restricted records and the session's form token.
 */
public class CsrfCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** Set on a request that carries the session cookie (and no Authorization header). */
    private static final String SESSION = "casefile.session";

    @ServerRequestFilter(nonBlocking = true, priority = 950)
    public void check(ContainerRequestContext request, HttpServerRequest http) {
        String secret = WebSession.secretOf(http);
        if (secret == null) {
            return;
        }
        request.setProperty(SESSION, Boolean.TRUE);
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return; // the form's endpoint checks its field
        }
        WebSession.requireCsrf(secret, request.getHeaderString(WebSession.CSRF_HEADER));
    }

    @ServerResponseFilter
    public void neverCached(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SESSION) != null && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
