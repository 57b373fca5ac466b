package org.casefile.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.casefile.problem.ProblemException;

/**
 * Strong ETags for read answers: the SHA-256 of the exact JSON sent, so an unchanged answer is a 304 to a client
 * that holds it, and a changed one never is.
 */
public final class ETags {

    private static volatile ObjectMapper mapper;

    private ETags() {
    }

    public static Response ok(Request request, Object entity) {
        byte[] body = json(entity);
        return conditional(request, tagOf(body), Response.ok(body, MediaType.APPLICATION_JSON_TYPE));
    }

    /** An answer already written as JSON. */
    public static Response okJson(Request request, byte[] json) {
        return conditional(request, tagOf(json), Response.ok(json, MediaType.APPLICATION_JSON_TYPE));
    }

    public static Response ok(Request request, String text, String mediaType) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return conditional(request, tagOf(body), Response.ok(body, mediaType));
    }

    /** The strong ETag a GET of this answer carries. */
    public static EntityTag of(Object entity) {
        return tagOf(json(entity));
    }

    /**
     * No lost update: a change must name the version it replaces. Missing If-Match is 428; one that no longer
     * matches the record is 412, with the current ETag so the client can fetch, reconcile and try again.
     */
    public static void requireMatch(String ifMatch, Object current, String what) {
        EntityTag tag = of(current);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "If-Match required",
                    "Changing " + what + " needs the ETag you last read, in an If-Match header, so no one else's change is overwritten. "
                            + "GET it first.", java.util.Map.of("currentETag", tag.toString()));
        }
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(tag.toString())) {
                return;
            }
        }
        throw new ProblemException(412, "Changed since you read it",
                what + " was changed after the version your If-Match names. GET it again, reconcile, and retry with its new ETag.",
                java.util.Map.of("currentETag", tag.toString()));
    }

    private static Response conditional(Request request, EntityTag tag, Response.ResponseBuilder ok) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            Response answer = notModified.tag(tag).build();
            if (answer.getStatus() == 412) {
                // A read whose If-Match (or If-Unmodified-Since) does not hold: said as a problem, like every error.
                throw new ProblemException(412, "Precondition failed", "The If-Match header names another version than the "
                        + "current one (" + tag + "); leave it out of a read, or GET the current ETag first.",
                        java.util.Map.of("currentETag", tag.toString()));
            }
            return answer;
        }
        return ok.tag(tag).build();
    }

    /** The strong ETag of an answer's exact bytes. */
    public static EntityTag tagOf(byte[] body) {
        return tagOf(java.nio.ByteBuffer.wrap(body));
    }

    /** The strong ETag of an answer's exact bytes, from the buffer's position to its limit. */
    public static EntityTag tagOf(java.nio.ByteBuffer body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            return new EntityTag(HexFormat.of().formatHex(sha.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer as JSON, as {@link #ok(Request, Object)} writes it. */
    public static byte[] json(Object entity) {
        try {
            return mapper().writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be written as JSON", e);
        }
    }

    private static ObjectMapper mapper() {
        if (mapper == null) {
            mapper = io.quarkus.arc.Arc.container().instance(ObjectMapper.class).get();
        }
        return mapper;
    }
}
