package org.casefile.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Accounts from the browser, for admins: every account with its role and state, a new account, an account disabled or
 * enabled again. The forms of POST /api/accounts and PATCH /api/accounts/{username}, through the same
 * {@link AccountService}, refused with the same reasons.
 */
@Path("/accounts")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    /** The new-account form as typed; the password is never shown again. */
    public record AccountForm(String username, String role) {
    }

    /** Why a form was not acted on, and whether the admin must sign in again first. */
    public record Refusal(String title, String detail, boolean signIn) {

        static Refusal of(ProblemException e) {
            return new Refusal(e.title(), e.getMessage(), e.status() == 401);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accounts(List<AccountService.AccountView> accounts, AccountForm form, List<String> roles,
                                                String me, Refusal refusal, String done);
    }

    private static final AccountForm EMPTY = new AccountForm("", "editor");

    private final AccountService accounts;
    private final SignedIn signedIn;
    private final RoutingContext routing;

    public AccountPages(AccountService accounts, SignedIn signedIn, RoutingContext routing) {
        this.accounts = accounts;
        this.signedIn = signedIn;
        this.routing = routing;
    }

    /** The accounts; {@code created}, {@code disabled} or {@code enabled} name the account the last form changed. */
    @GET
    @Operation(hidden = true)
    public Response list(@QueryParam("created") String created, @QueryParam("disabled") String disabled,
                         @QueryParam("enabled") String enabled) {
        if (signedIn.name() == null) {
            return WebSession.signInFirst("/accounts");
        }
        if (!signedIn.admin()) {
            throw adminsOnly();
        }
        List<AccountService.AccountView> all = accounts.list();
        return PageResponse.of(200, Templates.accounts(all, EMPTY, AccountService.ROLES, signedIn.name(), null,
                done(all, created, disabled, enabled)));
    }

    /**
     * What the last form did, said only while the account is so: a link kept from earlier cannot announce what is no
     * longer true.
     */
    private static String done(List<AccountService.AccountView> all, String created, String disabled, String enabled) {
        for (AccountService.AccountView a : all) {
            if (a.username().equals(created)) {
                return "Created the account " + a.username() + " (" + a.role() + ").";
            } else if (a.username().equals(disabled) && a.disabled()) {
                return a.username() + " is disabled: it cannot sign in, and its tokens do not work.";
            } else if (a.username().equals(enabled) && !a.disabled()) {
                return a.username() + " is enabled again.";
            }
        }
        return null;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@FormParam(WebSession.CSRF_FIELD) String csrf, @FormParam("username") String username,
                           @FormParam("password") String password, @FormParam("role") String role) {
        AccountForm form = new AccountForm(username, role);
        ProblemException refused = refusal(csrf);
        if (refused == null) {
            try {
                String name = username == null ? null : username.strip();
                accounts.create(new AccountService.NewAccount(name, password, role), signedIn.name(), ClientAddress.of(routing));
                return changed("created", name);
            } catch (ProblemException e) {
                refused = e;
            }
        }
        return refused(refused, form);
    }

    @POST
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response change(@PathParam("username") String username, @FormParam(WebSession.CSRF_FIELD) String csrf,
                           @FormParam("disabled") String disabled) {
        ProblemException refused = refusal(csrf);
        if (refused == null) {
            try {
                Boolean disable = "true".equals(disabled) ? Boolean.TRUE : "false".equals(disabled) ? Boolean.FALSE : null;
                accounts.change(username, new AccountService.AccountChange(disable), signedIn.name(), ClientAddress.of(routing));
                return changed(Boolean.TRUE.equals(disable) ? "disabled" : "enabled", username);
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    throw e;
                }
                refused = e;
            }
        }
        return refused(refused, EMPTY);
    }

    /** Why a form of this page cannot be acted on (signed out, not an admin, not this session's form), or null. */
    private ProblemException refusal(String csrf) {
        ProblemException refused = signedIn.formRefusal(csrf);
        return refused == null && !signedIn.admin() ? adminsOnly() : refused;
    }

    private ProblemException adminsOnly() {
        return new ProblemException(403, "Admins only", "Only an admin manages accounts; " + signedIn.name()
                + " is an editor. Ask an admin to make or change an account.");
    }

    /** The page again with the reason beside the form; the accounts only to an admin still signed in. */
    private Response refused(ProblemException refused, AccountForm form) {
        List<AccountService.AccountView> all = signedIn.admin() ? accounts.list() : List.of();
        return PageResponse.of(refused.status(),
                Templates.accounts(all, form, AccountService.ROLES, signedIn.name(), Refusal.of(refused), null));
    }

    /** After a change, the list again (303: a reload does not send the form twice), saying what changed. */
    private static Response changed(String what, String username) {
        return Response.seeOther(URI.create("/accounts?" + what + "=" + URLEncoder.encode(username, StandardCharsets.UTF_8))).build();
    }
}
