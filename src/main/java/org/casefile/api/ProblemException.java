package org.casefile.api;

import java.util.Map;

/**
 * An error a client can act on. Rendered as RFC 9457 application/problem+json by {@link ProblemMappers}.
 * Extensions (for example the offending parameter) are added to the problem document as extra members.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : extensions;
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

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
