package org.casefile.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.casefile.problem.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies up to quarkus.http.limits.max-body-size; a longer one is a 413 problem+json giving the limit, where
 * Vert.x would answer a bare 413. Checked ahead of Quarkus's own check (route order -2): by Content-Length before a
 * byte of the body is read, and for a chunked body (no Content-Length) by Vert.x's BodyHandler as it arrives, which
 * also hands the body it read to the resource. Either way the connection closes after the answer, so the rest of an
 * oversized body is never read.
 */
@Singleton
public class BodySizeLimit {

    /** Ahead of Quarkus's own body size check, which answers without a body. */
    static final int ORDER = -3;

    private final long limit;
    private final ObjectMapper mapper;
    private final BodyHandler chunked;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
        this.chunked = BodyHandler.create(false).setBodyLimit(this.limit);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(ORDER).failureHandler(context -> {
            if (context.statusCode() == 413) {
                refuse(context, null);
            } else {
                context.next();
            }
        });
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            Long bytes = parse(length);
            if (bytes != null && bytes > limit) {
                refuse(context, bytes);
            } else {
                context.next();
            }
        } else if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            chunked.handle(context); // a body over the limit fails the context with 413: the failure handler above
        } else {
            context.next();
        }
    }

    private static Long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // not a length: the HTTP server refuses it
        }
    }

    private void refuse(RoutingContext context, Long bytes) {
        if (context.response().headWritten()) {
            context.request().connection().close();
            return;
        }
        Problem problem = new Problem(413, "Request body too large", "Casefile accepts a request body of at most " + limit
                + " bytes (" + (limit >> 20) + " MiB, enough for a source text of 10 MB of UTF-8); this one "
                + (bytes == null ? "is longer" : "is " + bytes + " bytes") + ". Nothing was read or written.")
                .with("limit", limit);
        problem.instance = context.request().path();
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(sent -> context.request().connection().close())
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
