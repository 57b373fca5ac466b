package org.casefile.account;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.casefile.problem.ProblemException;

/**
 * Who is signed in, for the pages ({@code inject:signedIn}): the header's sign-out form and the editing pages. A
 * request without the session cookie is answered at once, without asking for the identity.
 */
@Named("signedIn")
@RequestScoped
public class SignedIn {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public SignedIn(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    /** The session's secret ({@link WebSession#secretOf}), or null, as when a page is rendered outside a request. */
    public String secret() {
        RoutingContext routing = request.getCurrent();
        return routing == null ? null : WebSession.secretOf(routing.request());
    }

    /** The account signed in with this request's cookie, or null. */
    public String name() {
        // Checking the cookie reads PostgreSQL: never on an event-loop thread (a page rendered there shows signed out).
        if (secret() == null || !BlockingOperationControl.isBlockingAllowed() || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal().getName();
    }

    /** Whether the account signed in may edit. */
    public boolean editor() {
        return name() != null && identity.hasRole("editor");
    }

    /** Whether the account signed in manages accounts. */
    public boolean admin() {
        return name() != null && identity.hasRole("admin");
    }

    /** The session's CSRF token, for its forms. */
    public String csrf() {
        String secret = secret();
        return secret == null ? null : WebSession.csrfOf(secret);
    }

    /**
     * Why an editing form sent with this request cannot be acted on, or null when it can: signed out (401: the session
     * ended or was never there), not an editor (403), or a token that is not this session's (403). The pages show the
     * form again as typed beside the reason, so nothing typed is lost.
     */
    public ProblemException formRefusal(String csrf) {
        if (name() == null) {
            return new ProblemException(401, "Signed out", "Your session has ended (a session lasts 12 hours) or you signed out, "
                    + "so nothing was stored. Sign in in another tab, then send this form again: what you typed is kept here.");
        }
        if (!editor()) {
            return new ProblemException(403, "Editors only", "The account " + name() + " may read but not edit; nothing was stored.");
        }
        try {
            WebSession.requireCsrf(secret(), csrf);
            return null;
        } catch (ProblemException e) {
            return new ProblemException(403, e.title(), "This form's token is not your session's (you may have signed in again "
                    + "since the form was opened), so nothing was stored. Check the form and send it again.");
        }
    }

    /**
     * Sends an editing form's change: not at all when the form cannot be acted on ({@link #formRefusal}); a change
     * refused because {@code record} changed after the form was read (412, or 428 without the ETag) is said so, as a
     * 412. Answers null once stored, else why not, to show beside the form as sent. A 404 is not the form's: thrown.
     */
    public ProblemException send(String csrf, String record, Runnable change) {
        ProblemException refused = formRefusal(csrf);
        if (refused != null) {
            return refused;
        }
        try {
            change.run();
            return null;
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return e.status() == 412 || e.status() == 428 ? new ProblemException(412, "Changed since you read it", "Someone changed "
                    + record + " after you opened this page, so your change was not stored. The page shows it as it is now, with "
                    + "your change kept in the form: send it again if it still holds.") : e;
        }
    }
}
