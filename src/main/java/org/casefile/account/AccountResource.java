package org.casefile.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Accounts", description = "Who may write, and their API tokens.")
@SecurityRequirement(name = "basic")
public class AccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final RoutingContext routing;

    public AccountResource(AccountService accounts, SecurityIdentity identity, RoutingContext routing) {
        this.accounts = accounts;
        this.identity = identity;
        this.routing = routing;
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "List accounts",
            description = "Every account with its role and whether it is disabled. Passwords are never shown.")
    @APIResponse(responseCode = "200", description = "The accounts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountService.AccountView[].class)))
    @APIResponse(responseCode = "403", description = "Not an admin.")
    public List<AccountService.AccountView> list() {
        return accounts.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Create an account",
            description = "An editor writes facts and sources; an admin also manages accounts. The password must be at least "
                    + Passwords.MIN_LENGTH + " characters; it is stored hashed (bcrypt).")
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountService.AccountView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin.")
    @APIResponse(responseCode = "409", description = "The username is taken.")
    @APIResponse(responseCode = "422", description = "Invalid username, password or role.")
    public Response create(AccountService.NewAccount request) {
        AccountService.AccountView created = accounts.create(request, identity.getPrincipal().getName(), ClientAddress.of(routing));
        return Response.created(URI.create("/api/accounts/" + created.username())).entity(created).build();
    }

    @PATCH
    @Path("/{username}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "changeAccount", summary = "Disable or enable an account",
            description = "`{\"disabled\": true}` disables the account: it cannot log in (a 401, as for a wrong password) and its API "
                    + "tokens stop working. `{\"disabled\": false}` enables it again. The last enabled admin cannot be disabled.")
    @APIResponse(responseCode = "200", description = "The account as it now is.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountService.AccountView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON.")
    @APIResponse(responseCode = "403", description = "Not an admin.")
    @APIResponse(responseCode = "404", description = "No such account.")
    @APIResponse(responseCode = "409", description = "It is the last enabled admin.")
    @APIResponse(responseCode = "422", description = "Nothing to change: `disabled` is missing.")
    public AccountService.AccountView change(@PathParam("username") String username, AccountService.AccountChange change) {
        return accounts.change(username, change, identity.getPrincipal().getName(), ClientAddress.of(routing));
    }
}
