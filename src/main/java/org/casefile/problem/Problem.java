package org.casefile.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details: every error answer has this shape.")
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(description = "A URI reference naming the kind of problem; about:blank when the status says it all.",
            examples = "about:blank")
    public String type = "about:blank";
    @Schema(description = "Short summary of the kind of problem.", examples = "Person not found")
    public String title;
    @Schema(description = "The HTTP status code.", examples = "404")
    public int status;
    @Schema(description = "What went wrong in this case and what to do about it.",
            examples = "No person has the id 'nobody'. List them at the collection endpoint to find valid ids.")
    public String detail;
    @Schema(description = "The request path the problem occurred on.", examples = "/api/persons/nobody")
    public String instance;

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {
    }

    public Problem(int status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }
}
