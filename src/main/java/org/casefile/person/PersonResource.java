package org.casefile.person;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/persons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Persons", description = "People the sources name, with every fact about them and its citations.")
public class PersonResource {

    private final PersonService persons;

    public PersonResource(PersonService persons) {
        this.persons = persons;
    }

    @GET
    @Operation(operationId = "listPersons", summary = "List or search persons",
            description = "People by name. `q` matches any name form a source uses (case-insensitive).")
    @APIResponse(responseCode = "200", description = "A page of persons.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonPage.class)))
    @APIResponse(responseCode = "400", description = "A malformed parameter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PersonViews.Summary> list(
            @Parameter(description = "Any name form, or part of one.", example = "Sokha") @QueryParam("q") String q,
            @Parameter(description = "Page number, 0-based.", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + PageRequest.MAX_SIZE + " (default " + PageRequest.DEFAULT_SIZE + ").", example = "20")
            @QueryParam("size") String size) {
        return persons.list(q, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPerson", summary = "Get a person with every fact about them",
            description = "Names as each source writes them, citizenships, affiliations, custody over time, charges and incidents; "
                    + "every fact with its citations.")
    @APIResponse(responseCode = "200", description = "The person.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonViews.Detail.class)))
    @APIResponse(responseCode = "404", description = "No person has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PersonViews.Detail get(
            @Parameter(description = "Person id.", example = "meach-sovannara") @PathParam("id") String id) {
        return persons.get(id);
    }

    /** For the OpenAPI document only: Page of person summaries. */
    @Schema(name = "PersonPage")
    public record PersonPage(List<PersonViews.Summary> items, long total, int page, int size) {
    }
}
