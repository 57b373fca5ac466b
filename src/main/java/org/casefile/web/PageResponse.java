package org.casefile.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * A rendered page as every page resource answers it: typed {@code text/html;charset=UTF-8} in the response itself, so
 * {@link PageHeaders} (which keys on the type) always adds the Content-Security-Policy, and sent as UTF-8 bytes, which
 * the JDK encodes in bulk (a String body is encoded by the HTTP layer a byte at a time).
 */
public final class PageResponse {

    public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    public static Response of(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render().getBytes(StandardCharsets.UTF_8)).type(HTML).build();
    }

    private PageResponse() {
    }
}
