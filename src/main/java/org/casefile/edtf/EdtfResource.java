package org.casefile.edtf;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checks a date as Casefile will read it, before it is sent with a source or a fact (the letter form checks as you type). */
@Path("/api/edtf")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dates", description = "EDTF dates as Casefile reads them.")
public class EdtfResource {

    @GET
    @Operation(operationId = "checkEdtf", summary = "Read an EDTF date",
            description = "The days an EDTF date can stand for, as every write reads it: its earliest and latest day (null where "
                    + "an interval is open or its end unknown), its precision and qualifiers.")
    @APIResponse(responseCode = "200", description = "The date read.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EdtfDate.class)))
    @APIResponse(responseCode = "400", description = "Not a date Casefile reads; the detail says why, with examples.")
    public EdtfDate check(@Parameter(description = "The date in EDTF.", example = "2015-11/2016-01", required = true)
                          @QueryParam("value") String value) {
        try {
            return Edtf.parse(value);
        } catch (EdtfException e) {
            throw ProblemException.badParameter("value", "value: " + e.getMessage());
        }
    }
}
