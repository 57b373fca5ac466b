package org.casefile.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An account's API tokens. {username} may be {@code me}. Each account manages its own; an admin may also list and
 * revoke anyone's. A token is made only with the owner's password, never with another token, so a leaked token
 * cannot mint tokens that outlive its revocation.
 */
@Path("/api/accounts/{username}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("editor")
@Tag(name = "Accounts")
@SecurityRequirement(name = "basic")
public class ApiTokenResource {

    private final ApiTokenService tokens;
    private final SecurityIdentity identity;
    private final RoutingContext routing;

    public ApiTokenResource(ApiTokenService tokens, SecurityIdentity identity, RoutingContext routing) {
        this.tokens = tokens;
        this.identity = identity;
        this.routing = routing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiToken", summary = "Make an API token",
            description = "A token for scripts, sent as `Authorization: Bearer <token>` instead of a password. It acts for you with "
                    + "`role` (editor by default, never above yours) until it is revoked or `expiresAt`. The answer shows the token "
                    + "once; Casefile keeps only its SHA-256. Make it with your password (HTTP Basic), for your own account.")
    @APIResponse(responseCode = "201", description = "Made; `token` is shown this once.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenService.CreatedToken.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON (an `expiresAt` that is not a time, say).")
    @APIResponse(responseCode = "403", description = "Another account's, asked with a token, or a role above yours.")
    @APIResponse(responseCode = "422", description = "No name, an unknown role or an expiry in the past.")
    public Response create(@Parameter(description = "`me`, or your own username.", example = "me") @PathParam("username") String username,
                           ApiTokenService.NewToken request) {
        String caller = identity.getPrincipal().getName();
        if (!username.equals(Account.ME) && !username.equals(caller)) {
            throw new ProblemException(403, "Not your account",
                    "A token is made by its owner: use /api/accounts/me/tokens with your own credentials.");
        }
        if (identity.getAttribute(ApiTokenService.TOKEN_ID) != null) {
            throw new ProblemException(403, "Password needed",
                    "A token cannot make tokens: make this one with your username and password (HTTP Basic).");
        }
        ApiTokenService.CreatedToken created = tokens.create(caller, request, ClientAddress.of(routing));
        return Response.created(URI.create("/api/accounts/" + caller + "/tokens/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listApiTokens", summary = "List an account's API tokens",
            description = "Oldest first, each with its name, role, when it was made, last used (to the minute), expires and was revoked. "
                    + "Never the token itself.")
    @APIResponse(responseCode = "200", description = "A page of tokens.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPage.class)))
    @APIResponse(responseCode = "400", description = "A malformed page.")
    @APIResponse(responseCode = "403", description = "Another account's, and you are not an admin.")
    @APIResponse(responseCode = "404", description = "No such account.")
    public Page<ApiTokenService.TokenView> list(
            @Parameter(description = "`me`, your own username, or (admins) anyone's.", example = "me") @PathParam("username") String username,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + ".", example = "20") @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        return tokens.list(owner(username), request);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getApiToken", summary = "One API token", description = "As listed: never the token itself.")
    @APIResponse(responseCode = "200", description = "The token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenService.TokenView.class)))
    @APIResponse(responseCode = "403", description = "Another account's, and you are not an admin.")
    @APIResponse(responseCode = "404", description = "No such account, or it has no such token.")
    public ApiTokenService.TokenView get(
            @Parameter(description = "`me`, your own username, or (admins) anyone's.", example = "me") @PathParam("username") String username,
            @Parameter(description = "The token's id.", example = "1") @PathParam("id") String id) {
        return tokens.get(owner(username), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token",
            description = "From now on the token is refused (401). It stays listed, with when and by whom it was revoked. "
                    + "Revoking it again changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "403", description = "Another account's, and you are not an admin.")
    @APIResponse(responseCode = "404", description = "No such account, or it has no such token.")
    public void revoke(
            @Parameter(description = "`me`, your own username, or (admins) anyone's.", example = "me") @PathParam("username") String username,
            @Parameter(description = "The token's id.", example = "1") @PathParam("id") String id) {
        tokens.revoke(owner(username), id, identity.getPrincipal().getName(), ClientAddress.of(routing));
    }

    /** The account whose tokens are asked for: the caller's own, or, for an admin, anyone's. */
    private String owner(String username) {
        String caller = identity.getPrincipal().getName();
        if (username.equals(Account.ME) || username.equals(caller)) {
            return caller;
        }
        if (!identity.hasRole("admin")) {
            throw new ProblemException(403, "Not your account",
                    "Only an admin may see or revoke another account's tokens; yours are at /api/accounts/me/tokens.");
        }
        return username;
    }

    /** For the OpenAPI document only. */
    @Schema(name = "ApiTokenPage")
    public record TokenPage(List<ApiTokenService.TokenView> items, long total, int page, int size) {
    }
}
