package org.casefile.problem;

import java.util.Map;

/**
 * An error a client can act on. Rendered as RFC 9457 application/problem+json by {@link ProblemMappers}.
 * Extensions (for example the offending parameter) are added to the problem document as extra members.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;
    /** Seconds after which to ask again (the Retry-After header), or null. */
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail, Map<String, Object> extensions) {
        this(status, title, detail, extensions, null);
    }

    private ProblemException(int status, String title, String detail, Map<String, Object> extensions, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : extensions;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, what + " not found",
                "No " + what.toLowerCase() + " has the id '" + id + "'. List them at the collection endpoint to find valid ids.",
                Map.of("id", id));
    }

    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(400, "Invalid parameter '" + parameter + "'", detail, Map.of("parameter", parameter));
    }

    /** A 503: the service cannot answer now, through no fault of the request; ask again after the seconds given. */
    public static ProblemException unavailable(String title, String detail, int retryAfterSeconds, Map<String, Object> extensions) {
        return new ProblemException(503, title, detail, extensions, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
