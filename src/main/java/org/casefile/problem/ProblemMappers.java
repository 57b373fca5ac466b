package org.casefile.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into RFC 9457 application/problem+json: actionable detail, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(e.status(), e.title(), e.getMessage());
        e.extensions().forEach(problem::with);
        Response response = respond(problem, uri);
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Problem problem = switch (status) {
            case 404 -> new Problem(404, "Not found",
                    "Nothing is served at " + uri.getPath() + ". The API lives under /api; see /q/openapi for every path.");
            case 405 -> new Problem(405, "Method not allowed",
                    "This path does not accept that method." + allowed(e));
            case 406 -> new Problem(406, "Not acceptable",
                    "This resource cannot be rendered in the media type the Accept header asks for. Ask for application/json (or the types the operation lists in /q/openapi).");
            case 415 -> new Problem(415, "Unsupported media type",
                    "Send the request body in a media type this operation takes, named in the Content-Type header: "
                            + "application/json for every JSON write, application/zip for POST /api/archive (see /q/openapi).");
            case 400 -> new Problem(400, "Bad request", badRequestDetail(e));
            default -> new Problem(status, e.getResponse().getStatusInfo().getReasonPhrase(),
                    e.getMessage() == null ? "The request could not be processed." : e.getMessage());
        };
        Response response = respond(problem, uri);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String where = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = " at '" + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")) + "'";
        }
        String location = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return respond(new Problem(400, "Malformed JSON",
                "The request body is not valid JSON for this operation" + where + location + ": " + e.getOriginalMessage()), uri);
    }

    /** Quarkus maps these two itself, in plain JSON; these mappers keep them problem+json. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<String> messages = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe).sorted().toList();
        return respond(new Problem(400, "Invalid request", String.join("; ", messages)).with("errors", messages), uri);
    }

    /**
     * An authentication failure carrying this attribute (seconds) was refused unchecked: too many failed logins for
     * the account or from the address. It is a 429 with Retry-After.
     */
    public static final String RETRY_AFTER_SECONDS = "casefile.retry-after-seconds";

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class, io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            // The accounts are in PostgreSQL: credentials that could not be checked are not wrong.
            return databaseUnavailable(e, uri);
        }
        if (e instanceof io.quarkus.security.AuthenticationFailedException failed
                && failed.getAttribute(RETRY_AFTER_SECONDS) instanceof Long seconds) {
            Problem problem = new Problem(429, "Too many failed logins",
                    "Too many failed logins for this account or from this address: no login for it is checked for " + seconds
                            + " s (Retry-After), the right password included. Reading needs no account.")
                    .with("retryAfter", seconds);
            return Response.fromResponse(respond(problem, uri)).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
        }
        Problem problem = new Problem(401, "Authentication required",
                "Writing needs an account: send HTTP Basic credentials, or an API token (Authorization: Bearer), of an "
                        + "editor or admin. Reading needs none.");
        return Response.fromResponse(respond(problem, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Casefile\", Bearer realm=\"Casefile\"").build();
    }

    /** A merged record's old id keeps working: 308 to the same path on the surviving record. */
    @ServerExceptionMapper
    public Response merged(MergedException e, UriInfo uri) {
        String path = uri.getPath().replaceFirst("/" + java.util.regex.Pattern.quote(e.id) + "(?=/|$)",
                java.util.regex.Matcher.quoteReplacement("/" + e.into));
        Problem problem = new Problem(308, "Merged", e.getMessage() + " Follow the Location header.").with("mergedInto", e.into);
        return Response.fromResponse(respond(problem, uri)).status(308).location(java.net.URI.create(path)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(new Problem(403, "Not allowed",
                "Your account's role may not do this: editors write facts and sources, admins also manage accounts."), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return databaseUnavailable(e, uri);
        }
        if (overloaded(e)) {
            // Not the request's fault and not a bug: every connection was busy. Say so, and when to come back.
            return unavailable(uri, "Busy", "Casefile is answering more requests than its database connections allow; "
                    + "nothing was written. Retry in a second.", 1);
        }
        if (cancelled(e)) {
            return unavailable(uri, "Took too long", "Casefile stopped this request: a database statement ran past its time "
                    + "limit of " + statementTimeout() + ", and nothing was written. Ask a narrower question (one day or a "
                    + "shorter period, a person, organisation or source, a smaller page, without knownAt) or retry later, "
                    + "when the service is less busy.", 5);
        }
        if (sqlState(e, "40P01") || sqlState(e, "40001")) {
            // Writers no longer queue on one lock: two that touch the same records in different orders can meet, and
            // PostgreSQL rolls one back whole. Nothing of it was written; sent again, it goes through.
            return unavailable(uri, "Simultaneous change", "Another change touched the same records at the same moment, "
                    + "and this one was rolled back whole: nothing of it was written. Send it again.", 1);
        }
        if (sqlState(e, "22021")) {
            // Text PostgreSQL cannot store that got past StorableText: still the request's fault, and nothing was written.
            return respond(new Problem(400, "Text Casefile cannot store", "The request holds a character PostgreSQL cannot "
                    + "store (a NUL, U+0000, or a byte sequence that is not UTF-8); remove it. Nothing was written."), uri);
        }
        LOG.error("Unexpected error on " + uri.getPath(), e);
        return respond(new Problem(500, "Internal server error",
                "Casefile failed to answer this request. It has been logged; nothing of the request was written."), uri);
    }

    /** The configured statement time limit as written (casefile.limits.statement-timeout), for the detail. */
    private static String statementTimeout() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("casefile.limits.statement-timeout", String.class).orElse("its limit");
    }

    /** The pool could not lend a connection in time (Agroal's acquisition timeout). */
    static boolean overloaded(Throwable e) {
        return sqlCause(e, sql -> sql.getMessage() != null && sql.getMessage().contains("acquisition timeout"));
    }

    /** PostgreSQL cancelled the statement (SQLSTATE 57014): it ran past statement_timeout (casefile.limits.statement-timeout). */
    static boolean cancelled(Throwable e) {
        return sqlState(e, "57014");
    }

    /** Whether PostgreSQL answered {@code state} to a statement, through JDBC or the reactive client. */
    private static boolean sqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof java.sql.SQLException sql && state.equals(sql.getSQLState()))
                    || (t instanceof io.vertx.sqlclient.DatabaseException db && state.equals(db.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sqlCause(Throwable e, java.util.function.Predicate<java.sql.SQLException> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && test.test(sql)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL is away: a 503 with Retry-After, logged at most every 30 s (every request meets the same outage). */
    private static Response databaseUnavailable(Exception e, UriInfo uri) {
        DatabaseUnavailable.log(e);
        return Response.fromResponse(respond(DatabaseUnavailable.problem(uri == null ? null : uri.getPath()), uri))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).build();
    }

    /** A 503: the service could not answer now, through no fault of the request. */
    private Response unavailable(UriInfo uri, String title, String detail, int retryAfterSeconds) {
        LOG.warn(title + ": " + uri.getPath());
        return problem(ProblemException.unavailable(title, detail, retryAfterSeconds, java.util.Map.of()), uri);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return (dot >= 0 ? path.substring(dot + 1) : path) + ": " + violation.getMessage();
    }

    private static String allowed(WebApplicationException e) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? "" : " Allowed: " + allow + ".";
    }

    private static String badRequestDetail(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            return "The request could not be read: " + cause.getMessage();
        }
        return "The request could not be read. Check the parameters and body against /q/openapi.";
    }

    static Response respond(Problem problem, UriInfo uri) {
        problem.instance = uri == null ? null : uri.getPath();
        return Response.status(problem.status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
