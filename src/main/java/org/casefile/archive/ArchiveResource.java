package org.casefile.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.casefile.http.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/archive")
@RolesAllowed("admin")
@Tag(name = "Archive", description = "Backup and restore: the whole case file as one portable archive. Admins only.")
@SecurityRequirement(name = "basic")
public class ArchiveResource {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ArchiveWriter writer;
    private final ArchiveLoader loader;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public ArchiveResource(ArchiveWriter writer, ArchiveLoader loader, SecurityIdentity identity, ObjectMapper mapper) {
        this.writer = writer;
        this.loader = loader;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Produces(ArchiveFormat.MEDIA_TYPE)
    @Operation(operationId = "exportArchive", summary = "Write the whole case file as an archive",
            description = "A zip, streamed from one consistent snapshot, restricted records included: every stored source "
                    + "text verbatim (`sources/{id}.txt`, checked against its SHA-256), the rows of every table of the case "
                    + "file as JSON lines with their ids (`tables/{table}.jsonl`: sources, people, organisations, facts with "
                    + "their ranks and restricted flags, citations, merges, every history table, count definitions, "
                    + "accounts), and `manifest.json`, written last: format version, schema version, when, rows per table "
                    + "and every entry's SHA-256. Accounts come without their password hashes unless "
                    + "`includePasswordHashes=true`. Kept projections (person documents, the custody judgement, counts) are "
                    + "left out: they are rebuilt from the rest. Load it with POST /api/archive.")
    @APIResponse(responseCode = "200", description = "The archive.",
            content = @Content(mediaType = ArchiveFormat.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "includePasswordHashes is neither true nor false.")
    @APIResponse(responseCode = "403", description = "Not an admin.")
    public Response export(
            @Parameter(description = "true: the accounts keep their bcrypt password hashes, so they can log in after a restore. "
                    + "Default false.", example = "false") @QueryParam("includePasswordHashes") String includePasswordHashes) {
        boolean hashes = Boolean.parseBoolean(Params.oneOf("includePasswordHashes", includePasswordHashes, List.of("true", "false"), "false"));
        String by = identity.getPrincipal().getName();
        StreamingOutput body = out -> writer.write(out, hashes, by);
        String name = "casefile-archive-" + FILE_TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)) + ".zip";
        return Response.ok(body, ArchiveFormat.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                // It holds restricted records: no cache keeps a copy.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Consumes({ArchiveFormat.MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreArchive", summary = "Load an archive into an empty instance",
            description = "Loads an archive GET /api/archive wrote, in one transaction: all of it or nothing. The instance "
                    + "must be empty (no sources, facts, people or other case data; no account but the loading admin's), "
                    + "and of the schema version the archive was written from. Every entry's SHA-256 is checked against "
                    + "the manifest, and every text against the SHA-256 its sources record, before anything is written. "
                    + "Ids, history (with who changed what, when and why), ranks, restricted flags and merges are loaded "
                    + "as archived. The loading admin's own account stays as it is; the archive's other accounts are "
                    + "loaded when it holds their password hashes, and otherwise named in `accountsNotRestored` (create "
                    + "them again with POST /api/accounts).")
    @RequestBody(description = "The archive, as GET /api/archive wrote it.", required = true,
            content = @Content(mediaType = ArchiveFormat.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Loaded: the rows of each table, the texts, and the accounts not restored.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveLoader.Loaded.class)))
    @APIResponse(responseCode = "403", description = "Not an admin.")
    @APIResponse(responseCode = "409", description = "The instance is not empty: nothing was written.")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/zip.")
    @APIResponse(responseCode = "422", description = "Not a Casefile archive, another format or schema version, or changed or "
            + "damaged since it was written (the entry is named): nothing was written.")
    public ArchiveLoader.Loaded restore(InputStream body) throws IOException, SQLException {
        try (ArchiveFile archive = ArchiveFile.receive(body, mapper)) {
            loader.check(archive, identity.getPrincipal().getName());
            archive.verify();
            return loader.load(archive);
        }
    }
}
