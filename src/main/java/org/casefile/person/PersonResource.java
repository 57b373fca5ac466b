package org.casefile.person;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.casefile.custody.Basis;
import org.casefile.custody.StatusService;
import org.casefile.custody.StatusView;
import org.casefile.http.ETags;
import org.casefile.http.PageRequest;
import org.casefile.http.Params;
import org.casefile.http.Today;
import org.casefile.organization.OrganizationService;
import org.casefile.security.ReaderInterceptor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/persons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Persons", description = "People the sources name, with every fact about them and its citations.")
public class PersonResource {

    private final PersonService persons;
    private final StatusService statuses;
    private final OrganizationService organizations;
    private final PersonWriteService writes;
    private final PersonDocuments documents;
    private final PersonSearch searches;
    private final CurrentIdentityAssociation identities;

    public PersonResource(PersonService persons, StatusService statuses, OrganizationService organizations, PersonWriteService writes,
                          PersonDocuments documents, PersonSearch searches, CurrentIdentityAssociation identities) {
        this.identities = identities;
        this.persons = persons;
        this.searches = searches;
        this.statuses = statuses;
        this.organizations = organizations;
        this.writes = writes;
        this.documents = documents;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "createPerson", summary = "Record a new person",
            description = "A person enters with the name a source writes and the passage that writes it; the id is made from the name. "
                    + "Then record what the sources say of them at POST /api/facts.")
    @APIResponse(responseCode = "201", description = "Recorded; Location is the new person.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonViews.Detail.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "422", description = "No name, no citation, or a quote not in its source; nothing was written.")
    public Response create(PersonWriteService.NewPerson person) {
        PersonViews.Detail created = writes.create(person);
        return Response.created(URI.create("/api/persons/" + created.id())).entity(created).tag(ETags.of(created)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "updatePerson", summary = "Change a person's record",
            description = "A new version of the display name or concern flag, with a reason; the ETag of GET /api/persons/{id} goes in If-Match. "
                    + "The old version is kept in the person's history.")
    @APIResponse(responseCode = "200", description = "The person as now recorded.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonViews.Detail.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No person has this id.")
    @APIResponse(responseCode = "412", description = "The record changed since the version If-Match names.")
    @APIResponse(responseCode = "422", description = "No reason given.")
    @APIResponse(responseCode = "428", description = "No If-Match header.")
    public Response update(@Parameter(description = "Person id.", example = "rong-chhun") @PathParam("id") String id,
                           @Parameter(description = "The ETag of the record you read.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           PersonWriteService.PersonChange change) {
        PersonViews.Detail updated = writes.update(id, change, ifMatch);
        return Response.ok(updated).tag(ETags.of(updated)).build();
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("editor")
    @SecurityRequirement(name = "basic")
    @Operation(operationId = "mergePerson", summary = "Merge a duplicate person into another",
            description = "Every fact about this person, names and citations included, now names the survivor (each change kept in history). "
                    + "This id then answers with a 308 redirect to the survivor. Send the ETag of GET /api/persons/{id} in If-Match.")
    @APIResponse(responseCode = "200", description = "The surviving person, with both records' facts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonViews.Detail.class)))
    @APIResponse(responseCode = "403", description = "Not an editor.")
    @APIResponse(responseCode = "404", description = "No person has this id.")
    @APIResponse(responseCode = "409", description = "One of the records was merged already.")
    @APIResponse(responseCode = "412", description = "The record changed since the version If-Match names.")
    @APIResponse(responseCode = "422", description = "No survivor or reason, or an unknown survivor.")
    @APIResponse(responseCode = "428", description = "No If-Match header.")
    public Response merge(@Parameter(description = "The duplicate's id.", example = "khem-sokha") @PathParam("id") String id,
                          @Parameter(description = "The ETag of the duplicate's record.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          PersonWriteService.Merge merge) {
        PersonViews.Detail survivor = writes.merge(id, merge, ifMatch);
        return Response.ok(survivor).tag(ETags.of(survivor)).build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getPersonHistory", summary = "List every version of a person's record",
            description = "The versions of the person's identity record and every change to a fact about them, oldest first, each with who and why.")
    @APIResponse(responseCode = "200", description = "The history.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonWriteService.History.class)))
    @APIResponse(responseCode = "404", description = "No person has this id.")
    public PersonWriteService.History history(@Parameter(description = "Person id.", example = "rong-chhun") @PathParam("id") String id) {
        return writes.history(id);
    }


    @GET
    @Operation(operationId = "listPersons", summary = "List, search and filter persons",
            description = "People matching every filter given, each with their custody status on `asOf`. `q` matches any name form "
                    + "a source uses, tolerant of case, accents, spacing, honorifics (Mr, Dr) and small spelling differences, best match first. "
                    + "Example: everyone in pre-trial detention on 1 August 2020: `?status=pretrial_detention&asOf=2020-08-01`.")
    @APIResponse(responseCode = "200", description = "A page of persons.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed or unknown parameter value; the problem names the parameter and the accepted values.")
    public Response list(
            @Parameter(description = "Any name form, or part of one.", example = "Khem Sokha") @QueryParam("q") String q,
            @Parameter(description = "A custody state, or `detained` (arrested, pretrial_detention, imprisoned) or "
                    + "`deprived_of_liberty` (those and house_arrest): the people whose status on `asOf` is one of them, "
                    + "exactly those GET /api/counts counts for the same states, day and basis.", example = "detained") @QueryParam("status") String status,
            @Parameter(description = "The day statuses are judged on, YYYY-MM-DD; default today (UTC).", example = "2016-01-25") @QueryParam("asOf") String asOf,
            @Parameter(description = "`last_known` (default): a status is also the presumed last known one (certainty `presumed`, with the day "
                    + "it was last confirmed); `confirmed`: only a claim covering the day gives a status.", example = "confirmed")
            @QueryParam("basis") String basis,
            @Parameter(description = "With `status`: `any` (default) also matches statuses that are only possible (imprecise dates) or presumed; "
                    + "`definite` only those a claim certainly covers.", example = "definite") @QueryParam("certainty") String certainty,
            @Parameter(description = "`true`: only the people the letters are about (detained, charged, attacked, killed, exiled), "
                    + "not officials, authors or recipients; `false`: only the others.", example = "true") @QueryParam("concern") String concern,
            @Parameter(description = "Organisation id or acronym the person is affiliated with.", example = "CNRP") @QueryParam("affiliation") String affiliation,
            @Parameter(description = "A citizenship as the sources state it (case-insensitive).", example = "United States") @QueryParam("citizenship") String citizenship,
            @Parameter(description = "The person's role in an incident: " + "victim, alleged_perpetrator, perpetrator, target, decision_maker, witness, organizer or mentioned.",
                    example = "victim") @QueryParam("role") String role,
            @Parameter(description = "relevance (default with q), name (default), -name, lastConfirmed, -lastConfirmed.", example = "name") @QueryParam("sort") String sort,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + " (default " + PageRequest.DEFAULT_SIZE + "); larger is refused.", example = "20")
            @QueryParam("size") String size,
            @Context Request request) {
        PersonService.Search search = searches.search(new PersonSearch.Asked(q, status, asOf, basis, certainty, concern,
                affiliation, citizenship, role, sort));
        return ETags.ok(request, searches.find(search, PageRequest.of(page, size)));
    }

    @GET
    @Path("/{id}/status")
    @Operation(operationId = "getPersonStatus", summary = "Get a person's custody status on a day",
            description = "The status on `asOf`: definite or only possible when a claim covers the day; presumed when none does but "
                    + "the latest claim before it was not ended or followed by another (the last known status, with `lastConfirmed` and "
                    + "`presumedSince`; `basis=confirmed` leaves it out); since when, and every claim it rests on with its citations. "
                    + "When sources disagree, every claim is returned and `disputed` is true. When nothing gives a status the answer "
                    + "is `unknown`, with the nearest claims before and after: never a guess.")
    @APIResponse(responseCode = "200", description = "The status.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "A malformed date.")
    @APIResponse(responseCode = "404", description = "No person has this id.")
    public Uni<Response> status(
            @Parameter(description = "Person id.", example = "rong-chhun") @PathParam("id") String id,
            @Parameter(description = "The day, YYYY-MM-DD; default today (UTC).", example = "2020-07-31") @QueryParam("asOf") String asOf,
            @Parameter(description = "`last_known` (default) or `confirmed` (no presumed status).", example = "confirmed")
            @QueryParam("basis") String basis,
            @Parameter(description = "Answer as the database stood at this time (ISO 8601 with offset), to reproduce an answer given earlier.",
                    example = "2026-11-01T00:00:00Z") @QueryParam("knownAt") String knownAt,
            @Context Request request) {
        LocalDate day = Params.date("asOf", asOf, Today.date());
        OffsetDateTime known = Params.instant("knownAt", knownAt);
        String chosen = Basis.of("basis", basis);
        // As the document: the public's answer now is from the kept status material, on the event loop; an answer as
        // recorded at a time, or an editor's, is judged on a worker.
        return identities.getDeferredIdentity().chain(caller -> known != null || ReaderInterceptor.seesRestricted(caller)
                ? PersonDocuments.onWorker(() -> ETags.ok(request, statuses.status(id, day, known, chosen)))
                : documents.publicStatus(id, day, chosen).map(status -> ETags.ok(request, status)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPerson", summary = "Get a person with every fact about them",
            description = "Names as each source writes them, citizenships, affiliations, custody over time, charges and incidents; "
                    + "every fact with its citations.")
    @APIResponse(responseCode = "200", description = "The person.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonViews.Detail.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "404", description = "No person has this id.")
    public Uni<Response> get(
            @Parameter(description = "Person id.", example = "meach-sovannara") @PathParam("id") String id,
            @Context Request request) {
        // The public's kept document is one statement on the reactive client, answered on the event loop; building
        // one (none kept at the current version, or an editor's, which is never kept) is blocking work for a worker.
        // Who asks is resolved without blocking too (the credentials are checked lazily, on a worker if need be).
        return identities.getDeferredIdentity().chain(caller -> ReaderInterceptor.seesRestricted(caller)
                ? PersonDocuments.onWorker(() -> ETags.okJson(request, documents.json(id)))
                : documents.kept(id).chain(kept -> kept.body() != null
                        ? Uni.createFrom().item(ETags.okJson(request, kept.body()))
                        : PersonDocuments.onWorker(() -> ETags.okJson(request, documents.build(id, kept.version())))));
    }

    /** For the OpenAPI document only: Page of person summaries. */
    @Schema(name = "PersonPage")
    public record PersonPage(List<PersonViews.Summary> items, long total, int page, int size) {
    }
}
