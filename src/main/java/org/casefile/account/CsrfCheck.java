package org.casefile.account;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF protection for every request a browser's session cookie could authenticate: one that changes something (not
 * GET, HEAD or OPTIONS), carries the cookie and no Authorization header must carry the session's CSRF token, in the
 * header {@link WebSession#CSRF_HEADER} (scripts) or, for an HTML form, in its field {@link WebSession#CSRF_FIELD},
 * which the form's endpoint checks ({@link WebSession#requireCsrf}) as it reads the form.
 */
public class CsrfCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(nonBlocking = true, priority = 950)
    public void check(ContainerRequestContext request, HttpServerRequest http) {
        String secret = WebSession.secretOf(http);
        if (SAFE.contains(request.getMethod()) || secret == null) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return; // the form's endpoint checks its field
        }
        WebSession.requireCsrf(secret, request.getHeaderString(WebSession.CSRF_HEADER));
    }
}
