package org.casefile.timeline;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.casefile.web.PageUrl;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /timeline: the filters of GET /api/timeline, the TimelineJS picture of the result (drawn by timeline-picture.js from
 * the timelinejs export), the same events as a table that reads without JavaScript, and the downloads.
 */
@Path("/timeline")
@Produces(MediaType.TEXT_HTML)
public class TimelinePage {

    /** More rows than this is not a table to read; the downloads hold them all. */
    static final int TABLE_ROWS = 500;

    /** The filters as asked, for the form, the canonical URL and the download links. */
    public record Filters(String person, String organization, String incident, List<String> types, String from, String to,
                          String source) {

        public String query() {
            return url("").toString();
        }

        /** The export URL with these filters in a format. */
        public String download(String format) {
            return url("/api/timeline").with("format", format).toString();
        }

        private PageUrl url(String path) {
            PageUrl url = PageUrl.of(path).with("person", person).with("organization", organization).with("incident", incident);
            types.forEach(t -> url.with("type", t));
            return url.with("from", from).with("to", to).with("source", source);
        }

        public boolean hasType(String type) {
            return types.contains(type);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance timeline(Filters filters, List<String> types, String error, TimelineService.Table table,
                                                int limit);
    }

    private final TimelineService timeline;

    public TimelinePage(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GET
    @Operation(hidden = true)
    public Response timeline(@QueryParam("person") String person, @QueryParam("organization") String organization,
                             @QueryParam("incident") String incident, @QueryParam("type") List<String> type,
                             @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("source") String source) {
        List<String> types = type == null ? List.of() : type.stream().flatMap(t -> java.util.Arrays.stream(t.split(",")))
                .map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        Filters filters = new Filters(person, organization, incident, types, from, to, source);
        String error = null;
        TimelineService.Table table = null;
        try {
            table = timeline.table(person, organization, incident, types, from, to, source, TABLE_ROWS);
        } catch (ProblemException e) {
            error = e.getMessage();
        }
        return PageResponse.of(error == null ? 200 : 400, Templates.timeline(filters, TimelineFilter.TYPES, error, table, TABLE_ROWS));
    }
}
