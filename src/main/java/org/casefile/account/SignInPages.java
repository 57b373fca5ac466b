package org.casefile.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.casefile.problem.ProblemMappers;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in and out in the browser, with the accounts of the API: the password checked, and failed sign-ins
 * throttled, exactly as an HTTP Basic login is ({@link AccountIdentityProvider}); the session is a cookie
 * ({@link WebSession}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    /** The sign-in form: where to go next, its CSRF token, and what went wrong with the last try. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String next, String csrf, String username, String error);
    }

    private static final Duration FORM_LASTS = Duration.ofHours(1);

    private final AccountIdentityProvider accounts;
    private final WebSession sessions;

    public SignInPages(AccountIdentityProvider accounts, WebSession sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public Response form(@QueryParam("next") String next, HttpServerRequest request) {
        return page(200, next, null, null, request);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("next") String next, @FormParam(WebSession.CSRF_FIELD) String csrf,
                           @CookieParam(WebSession.SIGN_IN_COOKIE) String formCookie, RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (csrf == null || !csrf.equals(formCookie)) {
            return page(403, next, username, "This form had expired or did not come from this page. Sign in again here.", request);
        }
        String address = ClientAddress.of(routing);
        try {
            accounts.check(username == null ? "" : username.strip(), password == null ? "" : password, address);
        } catch (AuthenticationFailedException e) {
            if (e.getAttribute(ProblemMappers.RETRY_AFTER_SECONDS) instanceof Long seconds) {
                return Response.fromResponse(page(429, next, username, "Too many failed sign-ins for this account or from this address. "
                        + "Try again in " + minutes(seconds) + "; until then no sign-in for it is checked, the right password included.",
                        request)).header(HttpHeaders.RETRY_AFTER, seconds.toString()).build();
            }
            return page(401, next, username, "That name and password do not match an account that may sign in. Check both and try "
                    + "again; an admin can reset a password or enable an account.", request);
        }
        String secret = sessions.start(username.strip(), address);
        return Response.seeOther(URI.create(WebSession.localPath(next)))
                .cookie(WebSession.cookie(WebSession.COOKIE, secret, WebSession.LASTS, request),
                        WebSession.cookie(WebSession.SIGN_IN_COOKIE, null, FORM_LASTS, request))
                .build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@FormParam(WebSession.CSRF_FIELD) String csrf, RoutingContext routing) {
        String secret = WebSession.secretOf(routing.request());
        if (secret == null) {
            return Response.seeOther(URI.create("/")).build(); // signed out already
        }
        WebSession.requireCsrf(secret, csrf);
        sessions.end(secret, ClientAddress.of(routing));
        return Response.seeOther(URI.create("/")).cookie(WebSession.cookie(WebSession.COOKIE, null, WebSession.LASTS, routing.request()))
                .build();
    }

    /** The form with a fresh CSRF token, set in its cookie too. */
    private static Response page(int status, String next, String username, String error, HttpServerRequest request) {
        String csrf = WebSession.randomToken();
        return Response.fromResponse(PageResponse.of(status, Templates.signIn(WebSession.localPath(next), csrf, username, error)))
                .cookie(WebSession.cookie(WebSession.SIGN_IN_COOKIE, csrf, FORM_LASTS, request))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

}
