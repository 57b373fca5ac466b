package org.casefile.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A write answered without error has committed (the services' transactions end before the answer is written), so
 * answers kept from before it are stale: say so before the client can ask again.
 */
public class WritesChangeData {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final DataVersion version;

    public WritesChangeData(DataVersion version) {
        this.version = version;
    }

    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        // Drafts and quote lookups are POSTs that only read.
        String path = request.getUriInfo().getPath();
        if (WRITES.contains(request.getMethod()) && response.getStatus() < 400 && !path.startsWith("/api/drafts")
                && !path.endsWith("/locate") && !path.endsWith("/mentions")) {
            version.changed();
        }
    }
}
